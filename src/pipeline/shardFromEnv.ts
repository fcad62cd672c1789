import { InputError } from '../core/errors.ts';
import type { Shard } from './shard.ts';

/** A shard read from the environment, and which scheduler's variables gave it. */
export interface EnvShard {
  shard: Shard;
  /** E.g. `SLURM array (SLURM_ARRAY_TASK_ID=3, tasks 1-4)`. */
  source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * One way a scheduler numbers the copies of a job: the variables holding
 * the copy's index and the number of copies, and the index of the first copy.
 */
interface IndexedSource {
  name: string;
  index: string;
  count: string;
  /** 0 when the scheduler counts from 0, 1 when from 1. */
  base: 0 | 1;
}

/**
 * Schedulers whose copies are numbered by an index and a count, in the order
 * they are tried (SLURM and Kubernetes, whose variables need more care, come
 * between the explicit variables and the CI services).
 */
const EXPLICIT: IndexedSource = { name: 'MOE_SHARD_INDEX/MOE_SHARD_COUNT', index: 'MOE_SHARD_INDEX', count: 'MOE_SHARD_COUNT', base: 1 };
const CI_SOURCES: IndexedSource[] = [
  { name: 'GitLab CI parallel', index: 'CI_NODE_INDEX', count: 'CI_NODE_TOTAL', base: 1 },
  { name: 'CircleCI parallelism', index: 'CIRCLE_NODE_INDEX', count: 'CIRCLE_NODE_TOTAL', base: 0 },
  { name: 'Buildkite parallelism', index: 'BUILDKITE_PARALLEL_JOB', count: 'BUILDKITE_PARALLEL_JOB_COUNT', base: 0 },
];

/**
 * The shard of `--shard auto`: which part i of n of the sweep this copy of a
 * job runs, read from the variables its scheduler sets. Tried in order:
 * 1. MOE_SHARD_INDEX (1-based) and MOE_SHARD_COUNT: set them yourself, e.g.
 *    from a GitHub Actions matrix (which sets no index variable of its own);
 * 2. a SLURM job array: SLURM_ARRAY_TASK_ID within SLURM_ARRAY_TASK_MIN ..
 *    SLURM_ARRAY_TASK_MAX (step SLURM_ARRAY_TASK_STEP, default 1), as many
 *    tasks as SLURM_ARRAY_TASK_COUNT; the array must be a range
 *    (`--array=1-8` or `0-15:1`), not a list;
 * 3. a Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based); Kubernetes
 *    does not tell a pod the number of completions, so the manifest sets
 *    MOE_SHARD_COUNT to the Job's spec.completions;
 * 4. CI parallelism: GitLab (CI_NODE_INDEX 1-based, CI_NODE_TOTAL), CircleCI
 *    (CIRCLE_NODE_INDEX 0-based, CIRCLE_NODE_TOTAL), Buildkite
 *    (BUILDKITE_PARALLEL_JOB 0-based, BUILDKITE_PARALLEL_JOB_COUNT).
 * Throws an InputError naming `--shard auto` and the variables when none is
 * set or their values do not make a shard.
 */
export function shardFromEnvironment(env: Env): EnvShard {
  if (env.MOE_SHARD_INDEX !== undefined) return indexed(env, EXPLICIT);
  if (env.SLURM_ARRAY_TASK_ID !== undefined) return slurm(env);
  if (env.JOB_COMPLETION_INDEX !== undefined) return kubernetes(env);
  const ci = CI_SOURCES.find((s) => env[s.index] !== undefined);
  if (ci) return indexed(env, ci);
  throw new InputError('--shard auto', 'no scheduler variables found: looked for MOE_SHARD_INDEX + MOE_SHARD_COUNT, SLURM_ARRAY_TASK_ID (SLURM job array), '
    + `JOB_COMPLETION_INDEX + MOE_SHARD_COUNT (Kubernetes Indexed Job), ${CI_SOURCES.map((s) => `${s.index} + ${s.count}`).join(', ')}; `
    + 'set MOE_SHARD_INDEX and MOE_SHARD_COUNT, or give --shard i/n');
}

function indexed(env: Env, s: IndexedSource): EnvShard {
  const index = integer(env, s.index, s.base);
  const count = integer(env, s.count, 1);
  const shard = checked({ index: index - s.base + 1, count }, `${s.index}=${index}, ${s.count}=${count}`, s.base);
  return { shard, source: `${s.name} (${s.index}=${index}, ${s.count}=${count})` };
}

function slurm(env: Env): EnvShard {
  const id = integer(env, 'SLURM_ARRAY_TASK_ID', 0);
  const min = env.SLURM_ARRAY_TASK_MIN !== undefined ? integer(env, 'SLURM_ARRAY_TASK_MIN', 0) : undefined;
  const max = env.SLURM_ARRAY_TASK_MAX !== undefined ? integer(env, 'SLURM_ARRAY_TASK_MAX', 0) : undefined;
  const step = env.SLURM_ARRAY_TASK_STEP !== undefined ? integer(env, 'SLURM_ARRAY_TASK_STEP', 1) : 1;
  const given = env.SLURM_ARRAY_TASK_COUNT !== undefined ? integer(env, 'SLURM_ARRAY_TASK_COUNT', 1) : undefined;
  if (min === undefined || (max === undefined && given === undefined)) {
    throw new InputError('--shard auto', `SLURM_ARRAY_TASK_ID=${id} is set but SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX `
      + 'or SLURM_ARRAY_TASK_COUNT are not; '
      + 'run inside an sbatch job array (sbatch --array=1-N), or give --shard i/n');
  }
  const span = max !== undefined ? (max - min) / step + 1 : given!;
  const count = given ?? span;
  if (!Number.isInteger(span) || span !== count || (id - min) % step !== 0) {
    throw new InputError('--shard auto', `the SLURM array (min ${min}, max ${max}, step ${step}, ${count} tasks) is not a range of task ids; `
      + 'submit it as a range such as --array=1-8 (or 0-15:1), or give --shard i/n');
  }
  const desc = `SLURM_ARRAY_TASK_ID=${id}, tasks ${min}-${max ?? min + (count - 1) * step}${step !== 1 ? `:${step}` : ''}`;
  return { shard: checked({ index: (id - min) / step + 1, count }, desc, 0), source: `SLURM array (${desc})` };
}

function kubernetes(env: Env): EnvShard {
  const index = integer(env, 'JOB_COMPLETION_INDEX', 0);
  if (env.MOE_SHARD_COUNT === undefined) {
    throw new InputError('--shard auto', `JOB_COMPLETION_INDEX=${index} is set (a Kubernetes Indexed Job) but MOE_SHARD_COUNT is not; `
      + 'Kubernetes does not tell a pod the number of completions: set env MOE_SHARD_COUNT to the Job\'s spec.completions (see docs/cluster/)');
  }
  const count = integer(env, 'MOE_SHARD_COUNT', 1);
  const desc = `JOB_COMPLETION_INDEX=${index}, MOE_SHARD_COUNT=${count}`;
  return { shard: checked({ index: index + 1, count }, desc, 0), source: `Kubernetes Indexed Job (${desc})` };
}

function checked(shard: Shard, desc: string, base: 0 | 1): Shard {
  if (shard.index < 1 || shard.index > shard.count) {
    const range = `${base} .. ${shard.count - 1 + base}`;
    throw new InputError('--shard auto', `${desc}: the index must be ${range} for ${shard.count} shards; check the job's index and count`);
  }
  return shard;
}

function integer(env: Env, name: string, min: number): number {
  const text = env[name] ?? '';
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new InputError('--shard auto', `${name}='${text}' is not an integer >= ${min}`);
  return n;
}
