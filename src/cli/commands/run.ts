import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkClaims } from '../terminal/checkClaims.ts';
import { InputError } from '../../core/errors.ts';
import type { Metrics } from '../../generated/metrics.ts';
import type { Scenario } from '../../generated/scenario.ts';
import { removeLeftovers } from '../../output/leftovers.ts';
import { makeFolder } from '../../output/makeFolder.ts';
import { openPointFolder, type PointFolder } from '../../resume/pointFolder.ts';
import { acquireRunLock, type RunLock } from '../../output/runLock.ts';
import { inShard, parseShard, type Shard } from '../../pipeline/shard.ts';
import type { LoadedScenario } from '../../scenario/loadScenario.ts';
import { parseOverride, type CommandLineOverride } from '../../scenario/overrides.ts';
import type { ProgressView } from '../terminal/progress.ts';

/** The options of `moe-repro run`, as parsed. */
interface RunFlags {
  set: CommandLineOverride[];
  out?: string;
  seed?: number;
  shard?: string;
  workers?: number;
  threads?: number;
  fresh?: boolean;
  check?: boolean;
  quiet?: boolean;
}

/** Exit status of a run stopped by a signal (128 + signal number, as shells report it). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

const EXIT_CODES = `
Exit codes:
  0    the run finished and its report is written (claims may fail: use --check to gate on them)
  1    the run failed (a divergence; metrics failing validation: everything computed is still written,
       flagged, to metrics.invalid.json), or with --check an evaluated claim fails (they are listed)
  2    bad input: the scenario, an option, the output folder, or a folder another run is writing into
  130  interrupted (Ctrl-C; 143 on SIGTERM): finished points are kept, the same command resumes

Every finished point is stored in <out>/points/ as it finishes; rerunning the same command into the same
folder reuses the points whose configuration and code are unchanged and computes the rest (--fresh: all).`;

/**
 * `moe-repro run FILE [--set FIELD=VALUE]... [--out DIR] [--seed N] [--shard i/n|auto] [--workers K]
 * [--threads N] [--fresh] [--check] [--quiet]`: the pipeline and its report.
 * Everything a run needs is checked before any point is computed: the
 * scenario, every option (ranges named), the output folder (created, locked
 * against a second run, writable). Each point runs on a worker thread, so
 * Ctrl-C stops the run at once, wherever it is; each finished point is stored
 * durably as it finishes, so nothing computed is lost by an interrupt, a kill
 * or a failure of a later point, and the same command resumes.
 */
export function register(program: Command): Command {
  return program
    .command('run')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--set <field=value>', 'set any scenario field, validated like the file; repeatable (e.g. --set featureLearning.time=120 --set student.experts=30)',
      (v: string, all: CommandLineOverride[]) => [...all, parseOverride(v)], [] as CommandLineOverride[])
    .option('--out <dir>', 'report folder (default reports/<scenario name>, or reports/<name>/shard-i-of-n)')
    .option('--seed <n>', `root seed, replacing the scenario's (an integer 0 .. ${Number.MAX_SAFE_INTEGER})`, (v) => parseIntArg('--seed', v, 0))
    .option('--shard <i/n|auto>', 'run only part i of n of the sweep (join the parts with moe-repro merge); auto: read i and n from a SLURM array, '
      + 'a Kubernetes Indexed Job (JOB_COMPLETION_INDEX + MOE_SHARD_COUNT), CI parallelism or MOE_SHARD_INDEX + MOE_SHARD_COUNT (docs/cluster/)')
    .option('--workers <k>', 'worker threads, one point each (default: all cores, at most one per point)', (v) => parseIntArg('--workers', v, 1))
    .option('--threads <n>', 'threads for one point\'s exact loss (default: all cores when one point runs at a time, else 1)',
      (v) => parseIntArg('--threads', v, 1, 64))
    .option('--fresh', 'compute every point again, discarding the points an earlier run stored in the report folder')
    .option('--check', 'exit 1 when an evaluated claim fails, listing the failing claims (for CI)')
    .option('--quiet', 'no progress output')
    .addHelpText('after', EXIT_CODES)
    .action((file: string, o: RunFlags) => runAction(file, o));
}

/** An integer option value in [min, max], or an InputError naming the option and the range. */
export function parseIntArg(name: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\s*[+-]?[\d.e+]+\s*$/i.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(name, `expected an integer from ${min} to ${max}, found '${v}'`);
  }
  return n;
}

async function runAction(file: string, o: RunFlags): Promise<void> {
  const { loadRunnableScenario } = await import('../../pipeline/loadRunnableScenario.ts');
  const { loaded, warnings } = await loadRunnableScenario(file, o.set);
  for (const w of warnings) process.stderr.write(`moe-repro: warning: ${w}\n`);
  checkSeed(o.seed, loaded.scenario);
  const shard = await resolveShard(o.shard);
  const planned = await plannedPoints(loaded.scenario, o.seed, shard);
  const out = o.out ?? join('reports', loaded.scenario.name, ...(shard ? [`shard-${shard.index}-of-${shard.count}`] : []));
  if (planned === 0) {
    process.stderr.write(`moe-repro: shard ${shard!.index}/${shard!.count} has no points of this sweep (it has fewer points than shards); nothing to do\n`);
    return;
  }
  const { lock, store } = await openOutput(out, loaded.file, o.fresh === true);
  const { progressView } = await import('../terminal/progress.ts');
  const view = o.quiet ? undefined : progressView();
  const counts = { done: 0, total: planned };
  const uninstall = onSignals(out, store, lock, view, counts);
  try {
    const metrics = await compute(loaded, o, shard, store, view, counts);
    view?.stop();
    await report(metrics, out, o.check === true);
  } catch (e) {
    view?.stop();
    if (counts.done > 0 && counts.done < counts.total) {
      process.stderr.write(`moe-repro: ${counts.done} of ${counts.total} points finished and are kept in ${store.dir}; `
        + 'after fixing the problem, the same command resumes\n');
    }
    throw e;
  } finally {
    uninstall();
    lock.release();
  }
}

/** The seed given with --seed must leave room for the replicates (seed .. seed + r - 1 <= 2^53 - 1) and must not be overridden by a sweep. */
function checkSeed(seed: number | undefined, s: Scenario): void {
  if (seed === undefined) return;
  if (s.sweep?.over.some((a) => a.field === 'seed')) {
    throw new InputError('--seed', 'the scenario sweeps over seed (sweep.over), which sets the seed of every point: --seed would be ignored; '
      + 'drop --seed or the seed axis');
  }
  const replicates = s.sweep?.replicates ?? 1;
  const max = Number.MAX_SAFE_INTEGER - (replicates - 1);
  if (seed > max) {
    const why = `the ${replicates} replicates use seeds seed .. seed + ${replicates - 1}`;
    throw new InputError('--seed', `expected an integer from 0 to ${max} (${why}), found ${seed}`);
  }
}

async function resolveShard(text: string | undefined): Promise<Shard | undefined> {
  if (text === undefined) return undefined;
  if (text.trim() !== 'auto') return parseShard(text);
  const { shardFromEnvironment } = await import('../../pipeline/shardFromEnv.ts');
  const found = shardFromEnvironment(process.env);
  process.stderr.write(`shard ${found.shard.index}/${found.shard.count} from ${found.source}\n`);
  return found.shard;
}

/** Points this run (shard) has: the sweep expanded as runScenario will expand it. */
async function plannedPoints(s: Scenario, seed: number | undefined, shard: Shard | undefined): Promise<number> {
  const { expandSweep } = await import('../../scenario/expandSweep.ts');
  return expandSweep(seed === undefined ? s : { ...s, seed }).filter((p) => inShard(p.index, shard)).length;
}

/** The output folder, checked and created, its lock taken, leftovers of killed runs removed, its stored points opened. */
async function openOutput(out: string, scenarioFile: string, fresh: boolean): Promise<{ lock: RunLock; store: PointFolder }> {
  const dir = makeFolder(out, '--out');
  const lock = acquireRunLock(dir, commandLine());
  try {
    if (lock.tookOver) process.stderr.write(`moe-repro: took over the lock of a run that is gone: ${lock.tookOver}\n`);
    removeLeftovers(dir);
    return { lock, store: openPointFolder(dir, scenarioFile, fresh) };
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function compute(
  loaded: LoadedScenario, o: RunFlags, shard: Shard | undefined, store: PointFolder, view: ProgressView | undefined, counts: { done: number; total: number },
): Promise<Metrics> {
  const { runScenario } = await import('../../pipeline/runScenario.ts');
  // One point at a time uses the cores inside its exact loss; several use them for points (never both).
  const oneAtATime = counts.total === 1 || o.workers === 1;
  return runScenario(loaded, {
    seed: o.seed, shard, workers: o.workers, threads: o.threads ?? (oneAtATime ? availableParallelism() : 1), store,
    onPlan: (total, stored) => {
      counts.done = stored;
      for (const note of store.notes) process.stderr.write(`moe-repro: ${note}\n`);
      if (stored > 0) process.stderr.write(`moe-repro: resuming: ${stored} of ${total} points reused from ${store.dir} (--fresh recomputes them)\n`);
    },
    onProgress: (p, st, f, s) => view?.update(p, st, f, s),
    onPointDone: (p, d, t) => {
      counts.done = d;
      view?.pointDone(p, d, t);
    },
  });
}

/**
 * Writes the report and prints the verdicts. Metrics that fail validation
 * are still written (flagged, to metrics.invalid.json) and the run exits 1;
 * with `check`, a failing claim makes it exit 1 too.
 */
async function report(metrics: Metrics, out: string, check: boolean): Promise<void> {
  const { writeReport, writeFlaggedReport, INVALID_METRICS_FILE } = await import('../../report/writeReport.ts');
  const { MetricsValidationError } = await import('../../report/validateMetrics.ts');
  let files: string[];
  try {
    files = await writeReport(metrics, out, { onNote: (n) => process.stderr.write(`moe-repro: note: ${n}\n`) });
  } catch (e) {
    if (!(e instanceof MetricsValidationError)) throw e;
    const flagged = await writeFlaggedReport(metrics, out, e);
    process.stderr.write(`moe-repro: error: ${e.message}\nmoe-repro: everything computed is written, flagged, to ${join(out, INVALID_METRICS_FILE)}`
      + `${flagged.rendered ? ' (and the report, with a warning)' : ' (the report could not be drawn from these metrics)'}; `
      + 'this is a bug in moe-repro or in a user module\n');
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`backend: ${metrics.environment.backend}\n`);
  for (const c of metrics.claims) process.stdout.write(`${c.id} ${c.verdict.padEnd(13)} ${c.evidence}\n`);
  process.stdout.write(`report: ${files.find((f) => f.endsWith('report.html')) ?? out} (${metrics.environment.wallSeconds.toFixed(1)} s)\n`);
  checkClaims(metrics.claims, check);
}

/**
 * On Ctrl-C (SIGINT) or SIGTERM: stops the run at once (the points compute
 * on worker threads, so this thread is free to answer), removes this
 * process's temp files (the report is written through temp files and
 * renames, and the stored points synchronously, so nothing half-written is
 * ever in place), releases the lock, says how many points are kept and how
 * to resume, and exits 130 (143 on SIGTERM). Returns the function that
 * uninstalls the handlers.
 */
function onSignals(out: string, store: PointFolder, lock: RunLock, view: ProgressView | undefined, counts: { done: number; total: number }): () => void {
  const handler = (signal: keyof typeof SIGNAL_EXIT) => {
    view?.stop();
    // A temp file whose creation was already in flight can appear after the first sweep: wait
    // briefly (synchronously, so no other callback runs) and sweep again before exiting.
    removeLeftovers(out, process.pid);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    removeLeftovers(out, process.pid);
    lock.release();
    const what = signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`;
    const kept = counts.done > 0
      ? `${counts.done} of ${counts.total} points finished and are kept in ${store.dir}; resume with the same command`
      : 'no point had finished (a point is kept once it finishes, not partway); start again with the same command';
    process.stderr.write(`\nmoe-repro: ${what}; ${kept}: ${commandLine(['--fresh'])}\n`);
    process.exit(SIGNAL_EXIT[signal]);
  };
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}

/** This process's command line as a user would type it (`moe-repro run ...`), without the flags in `drop`. */
function commandLine(drop: string[] = []): string {
  const args = process.argv.slice(2).filter((a) => !drop.includes(a));
  return ['moe-repro', ...args.map((a) => (/^[\w./=:@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}
