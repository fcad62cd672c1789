/**
 * The theory's error distributions (median and worst per decade of d, the
 * later-teacher ratios, the verdicts) over the points of a finished run:
 * the summary tools/theory/measureTheory.ts writes, from a report's
 * metrics.json instead of fresh runs.
 *
 *   npx tsx tools/theory/summariseReport.ts references/escape-law/metrics.json
 */
import { readFileSync } from 'node:fs';
import type { Metrics } from '../../src/generated/metrics.ts';
import { summarise } from './summarise.ts';
import { theoryErrors, type TheoryErrors } from './theoryErrors.ts';

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx tools/theory/summariseReport.ts <report folder>/metrics.json');
  const metrics = JSON.parse(readFileSync(file, 'utf8')) as Metrics;
  if (!Array.isArray(metrics.points)) throw new Error(`${file}: no points array; is it a moe-repro metrics.json?`);
  const errors = metrics.points.map(theoryErrors).filter((e): e is TheoryErrors => e !== null);
  if (!errors.length) throw new Error(`${file}: no point has a theory block (point.theory); was it written by a version with src/theory?`);
  console.log(summarise(`Theory errors in ${file}`, `npx tsx tools/theory/summariseReport.ts ${file}`, errors));
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
