import { expect, test } from 'vitest';
import { syntheticMetrics, syntheticPoint } from '../../test-support/synthetic/syntheticMetrics.ts';
import { buildReportDocument, type Block } from './document.ts';

function table(blocks: Block[], firstHeader: string): Extract<Block, { kind: 'table' }> {
  const t = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header[0] === firstHeader);
  if (!t) throw new Error(`no table headed '${firstHeader}'`);
  return t;
}

test('the pruning details list each cancelling pair once, with both members, and a student removed alone on its own row', () => {
  // m = 7, m* = 2: students 2-3 and 4-5 are cancelling pairs, 6 is removed alone.
  const blocks = buildReportDocument(syntheticMetrics([syntheticPoint({ m: 7, mStar: 2, records: 20 })]), []);
  const rows = table(blocks, 'removed').rows.map((r) => r[0]);
  expect(rows).toEqual(['s2, s3', 's4, s5', 's6']);
});

test('the matching table names teachers as teachers (t is a time)', () => {
  const blocks = buildReportDocument(syntheticMetrics([syntheticPoint({ m: 3, mStar: 2, records: 20 })]), []);
  expect(table(blocks, 'teacher').rows.map((r) => r[0])).toEqual(['teacher 0', 'teacher 1']);
});
