import { join } from 'node:path';
import type { Command } from 'commander';
import { checkClaims } from '../terminal/checkClaims.ts';
import { makeFolder } from '../../output/makeFolder.ts';
import { acquireRunLock } from '../../output/runLock.ts';

/**
 * `moe-repro merge DIR... [--out DIR] [--check]`: joins the shards of a sweep
 * into one report (see mergeShards: one resolved scenario hash, what is
 * missing named with the shard commands that make it). The output folder is
 * checked and locked before the shards are read; `--check` exits 1 when an
 * evaluated claim fails, as `run --check` does.
 */
export function register(program: Command): Command {
  return program
    .command('merge')
    .argument('<dirs...>', 'shard report folders, each with a metrics.json')
    .option('--out <dir>', 'report folder (default reports/<scenario name>)')
    .option('--check', 'exit 1 when an evaluated claim fails, listing the failing claims (for CI)')
    .action(async (dirs: string[], o: { out?: string; check?: boolean }) => {
      const { mergeShards } = await import('../../pipeline/mergeShards.ts');
      const { writeReport } = await import('../../report/writeReport.ts');
      const metrics = mergeShards(dirs);
      const out = makeFolder(o.out ?? join('reports', metrics.scenario.name), '--out');
      const lock = acquireRunLock(out, `moe-repro merge ${dirs.join(' ')}`);
      try {
        const files = await writeReport(metrics, out);
        for (const c of metrics.claims) process.stdout.write(`${c.id} ${c.verdict.padEnd(13)} ${c.evidence}\n`);
        process.stdout.write(`report: ${files.find((f) => f.endsWith('report.html'))}\n`);
      } finally {
        lock.release();
      }
      checkClaims(metrics.claims, o.check);
    });
}
