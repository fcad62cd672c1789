/**
 * The measurement behind the two-sample property of span-SGD
 * (properties/spanSgd.prop.test.ts): over many cases of its region, how
 * often the test rejects the exact span step (the false-alarm rate) and each
 * wrong variant (the power), at several levels.
 *
 *   npx tsx tools/sgd-two-sample.ts [--cases 100] [--runs 100] [--permutations 999] [--seed 1] [--out FILE.json]
 *        [--lr 0.05 --batch 16 --steps 20: the setting, default the property's]
 *
 * Prints one JSON line per case (its configuration and the p-value of each
 * variant) and a summary line: rejections / cases per variant at levels
 * 0.05, 0.01 and 0.001. Cases are drawn from the property's arbitrary
 * (arbSgdCase) with fast-check's `sample` from --seed.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { arbSgdCase } from '../test-support/arbitraries/arbSgdCase.ts';
import { TWO_SAMPLE_SETTING, twoSampleCase, type SpanVariant } from '../test-support/sgdTwoSample.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100' },
    runs: { type: 'string', default: '100' },
    permutations: { type: 'string', default: '999' },
    seed: { type: 'string', default: '1' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    steps: { type: 'string' },
    out: { type: 'string' },
  },
});
const [cases, runs, permutations, seed] = [values.cases, values.runs, values.permutations, values.seed].map(Number);
const setting = {
  learningRate: Number(values.lr ?? TWO_SAMPLE_SETTING.learningRate),
  batch: Number(values.batch ?? TWO_SAMPLE_SETTING.batch),
  steps: Number(values.steps ?? TWO_SAMPLE_SETTING.steps),
};
const variants: SpanVariant[] = ['exact', 'dropped', 'spanNotSubtracted'];
const levels = [0.05, 0.01, 0.001];
const lines: Record<string, unknown>[] = [];
const started = performance.now();
for (const c of fc.sample(arbSgdCase(), { seed, numRuns: cases, unbiased: true })) {
  const r = await twoSampleCase(c, runs, permutations, variants, setting);
  const line = {
    ...c.config, start: c.start, spanDim: r.spanDim,
    ...Object.fromEntries(variants.map((v) => [v, { p: r.results[v].pValue, D: round(r.results[v].statistic), worst: r.results[v].worstName }])),
  };
  lines.push(line);
  process.stdout.write(JSON.stringify(line) + '\n');
}
const summary = {
  summary: true, cases, runs, permutations, seed, setting, minutes: round((performance.now() - started) / 60_000),
  rejections: Object.fromEntries(variants.map((v) => [v, Object.fromEntries(levels.map((a) => [a, lines.filter((l) => (l[v] as { p: number }).p <= a).length]))])),
};
process.stdout.write(JSON.stringify(summary) + '\n');
if (values.out) {
  const tmp = `${values.out}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ lines, summary }, null, 1));
  renameSync(tmp, values.out);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
