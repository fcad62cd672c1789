import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { setParallelism } from '../../population/kernel/parallelism.ts';
import { InputError } from '../../core/errors.ts';
import { runScenario } from '../../pipeline/runScenario.ts';
import { parseShard } from '../../pipeline/shard.ts';
import { writeReport } from '../../report/writeReport.ts';
import { loadRunnableScenario } from '../../pipeline/loadRunnableScenario.ts';
import { parseOverride, type CommandLineOverride } from '../../scenario/overrides.ts';
import { progressView } from '../progress.ts';

/** The options of `run` as commander parses them. */
interface RunFlags {
  set: CommandLineOverride[];
  out?: string;
  seed?: number;
  shard?: string;
  workers?: number;
  threads?: number;
  quiet?: boolean;
}

/** `moe-repro run FILE [--set FIELD=VALUE]... [--out DIR] [--seed N] [--shard i/n] [--workers K]`: the pipeline and its report. */
export function register(program: Command): void {
  program
    .command('run')
    .description('run a scenario (feature learning -> pruning -> fine-tuning), evaluate claims C1-C6 and write the report')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--set <field=value>', 'set any scenario field, validated like the file; repeatable (e.g. --set featureLearning.time=120 --set student.experts=30)',
      (v: string, all: CommandLineOverride[]) => [...all, parseOverride(v)], [] as CommandLineOverride[])
    .option('--out <dir>', 'report folder (default reports/<scenario name>, or reports/<name>/shard-i-of-n)')
    .option('--seed <n>', 'root seed, replacing the scenario\'s', (v) => parseIntArg('--seed', v))
    .option('--shard <i/n>', 'run only part i of n of the sweep (join the parts with moe-repro merge)')
    .option('--workers <k>', 'worker threads for sweeps, one point each (default: all cores)', (v) => parseIntArg('--workers', v))
    .option('--threads <n>', 'threads for one point\'s exact loss (default: all cores when a single point runs, else 1)', (v) => parseIntArg('--threads', v))
    .option('--quiet', 'no progress output')
    .action(async (file: string, o: RunFlags) => {
      const { loaded, warnings } = await loadRunnableScenario(file, o.set);
      for (const w of warnings) process.stderr.write(`moe-repro: warning: ${w}\n`);
      // A single point uses the cores inside the exact loss; a sweep uses them for points (never both).
      const single = !loaded.scenario.sweep || o.workers === 1;
      const threads = o.threads ?? (single ? availableParallelism() : 1);
      if (threads > 1) setParallelism(threads);
      const shard = o.shard ? parseShard(o.shard) : undefined;
      const out = o.out ?? join('reports', loaded.scenario.name, ...(shard ? [`shard-${shard.index}-of-${shard.count}`] : []));
      const view = o.quiet ? undefined : progressView();
      const cleanup = onInterrupt(out);
      let metrics;
      try {
        metrics = await runScenario(loaded, {
          seed: o.seed, shard, workers: o.workers,
          onProgress: (p, st, f, s) => view?.update(p, st, f, s),
          onPointDone: (p, d, t) => view?.pointDone(p, d, t),
        });
      } finally {
        view?.stop();
      }
      const files = await writeReport(metrics, out, { onNote: (n) => process.stderr.write(`moe-repro: note: ${n}\n`) });
      cleanup();
      process.stderr.write(`backend: ${metrics.environment.backend}\n`);
      for (const c of metrics.claims) process.stdout.write(`${c.id} ${c.verdict.padEnd(13)} ${c.evidence}\n`);
      process.stdout.write(`report: ${files.find((f) => f.endsWith('report.html')) ?? out} (${metrics.environment.wallSeconds.toFixed(1)} s)\n`);
    });
}

/** An integer option value, or an InputError naming the option. */
export function parseIntArg(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InputError(name, `expected a non-negative integer, found '${v}'`);
  return n;
}

/**
 * On Ctrl-C, removes this process's temp files in the report folder (reports
 * are written to temp names and renamed, so nothing half-written is ever in
 * place) and exits 130. Returns the function that uninstalls the handler.
 */
function onInterrupt(dir: string): () => void {
  const sweep = () => {
    try {
      for (const f of readdirSync(dir)) if (f.includes(`.${process.pid}.`) && f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
    } catch {
      // no folder yet: nothing to clean
    }
  };
  const handler = () => {
    // A temp file whose creation was already in flight can appear after the first sweep: wait
    // briefly (synchronously, so no other callback runs) and sweep again before exiting.
    sweep();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    sweep();
    process.stderr.write('\nmoe-repro: interrupted; no report was written\n');
    process.exit(130);
  };
  process.once('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}
