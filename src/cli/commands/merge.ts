import { join } from 'node:path';
import type { Command } from 'commander';
import { mergeShards } from '../../pipeline/mergeShards.ts';
import { writeReport } from '../../report/writeReport.ts';

/** `moe-repro merge DIR... [--out DIR]`: joins the shards of a sweep into one report. */
export function register(program: Command): void {
  program
    .command('merge')
    .description('join the report folders of the shards of one sweep (run --shard i/n) into one report')
    .argument('<dirs...>', 'shard report folders, each with a metrics.json')
    .option('--out <dir>', 'report folder (default reports/<scenario name>)')
    .action(async (dirs: string[], o: { out?: string }) => {
      const metrics = mergeShards(dirs);
      const files = await writeReport(metrics, o.out ?? join('reports', metrics.scenario.name));
      for (const c of metrics.claims) process.stdout.write(`${c.id} ${c.verdict.padEnd(13)} ${c.evidence}\n`);
      process.stdout.write(`report: ${files.find((f) => f.endsWith('report.html'))}\n`);
    });
}
