import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metrics } from '../src/generated/metrics.ts';
import { writeReport } from '../src/report/writeReport.ts';
import { syntheticMetrics, syntheticPoint } from '../test-support/synthetic/syntheticMetrics.ts';

/** The layouts a synthetic report can take: the paper's figure size, a sweep over d, a sweep over m. */
export type SyntheticLayout = 'single' | 'd-sweep' | 'm-sweep';

/**
 * Made-up metrics in one of three layouts (NOT results), for looking at the
 * report's layout without training: 'single' is m = 25, m* = 5, d = 1000
 * with 2000 records (the paper's figure size); 'd-sweep' has d = 10^2..10^5;
 * 'm-sweep' has m/m* from 1 to 4 with failures mixed in.
 */
export function syntheticLayout(layout: SyntheticLayout): Metrics {
  if (layout === 'single') return syntheticMetrics([syntheticPoint({ m: 25, mStar: 5, d: 1000, records: 2000 })]);
  if (layout === 'd-sweep')
    return syntheticMetrics([100, 1000, 10000, 100000].map((d) => syntheticPoint({ d, m: 6, mStar: 3, id: `d=${d}`, overrides: { 'teacher.d': d } })), ['teacher.d']);
  const points = [2, 3, 4, 6, 8].flatMap((m) => [1, 2].map((s) => syntheticPoint({ m, mStar: 2, recovered: (m + s) % 3 !== 0, id: `m=${m},s=${s}`, overrides: { 'student.experts': m } })));
  return syntheticMetrics(points, ['student.experts']);
}

// `tsx tools/writeSyntheticReport.ts OUT_DIR [single|d-sweep|m-sweep]`
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [out, layout = 'single'] = process.argv.slice(2);
  if (!out || !['single', 'd-sweep', 'm-sweep'].includes(layout)) {
    process.stderr.write('usage: tsx tools/writeSyntheticReport.ts OUT_DIR [single|d-sweep|m-sweep]\n');
    process.exit(2);
  }
  const files = await writeReport(syntheticLayout(layout as SyntheticLayout), out);
  process.stdout.write(`wrote ${files.length} files to ${out}\n`);
}
