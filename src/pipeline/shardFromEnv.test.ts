import { describe, expect, it } from 'vitest';
import { shardFromEnvironment } from './shardFromEnv.ts';

const shard = (env: Record<string, string>) => shardFromEnvironment(env).shard;

/** The variables of SLURM array task `id` of an array min-max (step, count when given). */
function slurm(id: number, min: number, max?: number, count?: number, step?: number): Record<string, string> {
  const env: Record<string, string> = { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min) };
  if (max !== undefined) env.SLURM_ARRAY_TASK_MAX = String(max);
  if (count !== undefined) env.SLURM_ARRAY_TASK_COUNT = String(count);
  if (step !== undefined) env.SLURM_ARRAY_TASK_STEP = String(step);
  return env;
}

describe('shardFromEnvironment (--shard auto)', () => {
  it('reads the explicit MOE_SHARD_INDEX (1-based) and MOE_SHARD_COUNT, before any scheduler\'s variables', () => {
    expect(shard({ MOE_SHARD_INDEX: '2', MOE_SHARD_COUNT: '3', ...slurm(0, 0, 4, 5) })).toEqual({ index: 2, count: 3 });
  });

  it('reads a SLURM array from its task id, min and count or max (any first id, a step)', () => {
    expect(shard(slurm(1, 1, 4, 4))).toEqual({ index: 1, count: 4 });
    expect(shard(slurm(7, 0, 7))).toEqual({ index: 8, count: 8 });
    expect(shard(slurm(12, 10, undefined, 3))).toEqual({ index: 3, count: 3 });
    expect(shard(slurm(4, 0, 6, 4, 2))).toEqual({ index: 3, count: 4 });
    expect(shardFromEnvironment(slurm(2, 1, 4)).source).toBe('SLURM array (SLURM_ARRAY_TASK_ID=2, tasks 1-4)');
  });

  it('refuses a SLURM array given as a list, or without its bounds', () => {
    expect(() => shard(slurm(3, 1, 7, 3))).toThrow('is not a range of task ids; submit it as a range such as --array=1-8');
    expect(() => shard({ SLURM_ARRAY_TASK_ID: '3' }))
      .toThrow('SLURM_ARRAY_TASK_ID=3 is set but SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX or SLURM_ARRAY_TASK_COUNT are not');
  });

  it('reads a Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based) with MOE_SHARD_COUNT, which the manifest must set', () => {
    expect(shard({ JOB_COMPLETION_INDEX: '0', MOE_SHARD_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(shard({ JOB_COMPLETION_INDEX: '3', MOE_SHARD_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(() => shard({ JOB_COMPLETION_INDEX: '4', MOE_SHARD_COUNT: '4' }))
      .toThrow('JOB_COMPLETION_INDEX=4, MOE_SHARD_COUNT=4: the index must be 0 .. 3 for 4 shards');
    expect(() => shard({ JOB_COMPLETION_INDEX: '1' })).toThrow('set env MOE_SHARD_COUNT to the Job\'s spec.completions');
  });

  it('reads CI parallelism: GitLab (1-based), CircleCI and Buildkite (0-based)', () => {
    expect(shard({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' })).toEqual({ index: 1, count: 2 });
    expect(shard({ CIRCLE_NODE_INDEX: '1', CIRCLE_NODE_TOTAL: '2' })).toEqual({ index: 2, count: 2 });
    expect(shard({ BUILDKITE_PARALLEL_JOB: '0', BUILDKITE_PARALLEL_JOB_COUNT: '3' })).toEqual({ index: 1, count: 3 });
  });

  it('without any of them, or with values that are not counts, names the variables and the fix', () => {
    expect(() => shard({})).toThrow(/--shard auto: no scheduler variables found: looked for MOE_SHARD_INDEX \+ MOE_SHARD_COUNT, SLURM_ARRAY_TASK_ID .*; /);
    expect(() => shard({})).toThrow('; set MOE_SHARD_INDEX and MOE_SHARD_COUNT, or give --shard i/n');
    expect(() => shard({ MOE_SHARD_INDEX: 'two', MOE_SHARD_COUNT: '3' })).toThrow("--shard auto: MOE_SHARD_INDEX='two' is not an integer >= 1");
    expect(() => shard({ MOE_SHARD_INDEX: '1' })).toThrow("MOE_SHARD_COUNT='' is not an integer >= 1");
    expect(() => shard({ MOE_SHARD_INDEX: '0', MOE_SHARD_COUNT: '3' })).toThrow("MOE_SHARD_INDEX='0' is not an integer >= 1");
  });
});
