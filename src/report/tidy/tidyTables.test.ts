import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { syntheticMetrics, syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import type { Table } from './table.ts';
import { tidyTables } from './tidyTables.ts';
import { toCsv } from './toCsv.ts';
import { toParquet } from './toParquet.ts';

const metrics = syntheticMetrics(
  [syntheticPoint({ id: 'd=100', d: 100, m: 3, mStar: 2, records: 7 }), syntheticPoint({ id: 'd=400', d: 400, m: 4, mStar: 2, records: 5, stages: false })],
  ['d'],
);
const [alignments, events, claims] = tidyTables(metrics);

/** A CSV reader written for this test (RFC 4180 quotes), an independent route back to the values. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') quoted = false;
      else f += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\n') row.push(f), rows.push(row), (row = []), (f = '');
    else f += c;
  }
  return rows;
}

const column = (t: Table, name: string) => t.columns.find((c) => c.name === name)!.values;

describe('tidy tables', () => {
  it('has one alignment row per (point, stage, record, student, teacher), with the values of metrics.json', () => {
    const rowsOf = (p: (typeof metrics.points)[number]) =>
      [p.featureLearning, p.fineTuning].filter((s) => s).reduce((k, s) => k + s!.records.length * s!.records[0].router.length * p.mStar, 0);
    const expected = metrics.points.reduce((n, p) => n + rowsOf(p), 0);
    expect(column(alignments, 'point')).toHaveLength(expected);
    const p = metrics.points[0];
    const r = p.featureLearning.records[3];
    const at = (name: string, k: number) => column(alignments, name)[k];
    const i = column(alignments, 't').findIndex((t, k) => t === r.t && at('point', k) === 'd=100' && at('student', k) === 2 && at('teacher', k) === 1);
    expect(column(alignments, 'router')[i]).toBe(r.router[2][1]);
    expect(column(alignments, 'expert')[i]).toBe(r.expert[2][1]);
    expect(column(alignments, 'loss')[i]).toBe(r.loss);
    expect(column(alignments, 'stage')[i]).toBe('feature-learning');
    expect(column(alignments, 'd')[i]).toBe(100);
  });

  it('keeps feature-learning student indices in the fine-tuning rows (through pruning.kept)', () => {
    const p = metrics.points[0];
    const ft = column(alignments, 'stage').map((s, k) => (s === 'fine-tuning' ? column(alignments, 'student')[k] : null)).filter((x) => x !== null);
    expect(new Set(ft)).toEqual(new Set(p.pruning!.kept));
  });

  it('has one row per event and per claim, run-level claims with an empty point', () => {
    const nEvents = metrics.points.reduce((n, p) => n + p.featureLearning.events.length + (p.fineTuning?.events.length ?? 0), 0);
    expect(column(events, 't')).toHaveLength(nEvents);
    expect(column(claims, 'claim')).toHaveLength(metrics.points.reduce((n, p) => n + p.claims.length, 0) + metrics.claims.length);
    expect(column(claims, 'point').filter((x) => x === null)).toHaveLength(metrics.claims.length);
  });

  it('writes CSV that reads back to the same values (quotes, empty fields for nulls, full float64 precision)', () => {
    for (const t of [alignments, events, claims]) {
      const rows = readCsv(toCsv(t));
      expect(rows[0]).toEqual(t.columns.map((c) => c.name));
      expect(rows).toHaveLength(column(t, t.columns[0].name).length + 1);
      rows.slice(1).forEach((row, i) => t.columns.forEach((c, k) => {
        const v = c.values[i];
        expect(v === null ? '' : c.kind === 'string' ? v : Number(row[k])).toEqual(v === null ? row[k] : c.kind === 'string' ? row[k] : v);
      }));
    }
    expect(toCsv(claims)).toMatch(/"[^"]*,[^"]*"/);
  });

  it('writes Parquet that a reader gives back with the same values and types', async () => {
    for (const t of [alignments, events, claims]) {
      const bytes = toParquet(t);
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      expect(parquetMetadata(file).created_by).toBe('moe-repro');
      const rows = await parquetReadObjects({ file });
      expect(rows).toHaveLength(column(t, t.columns[0].name).length);
      rows.forEach((row, i) => t.columns.forEach((c) => {
        const got = row[c.name];
        expect(c.kind === 'int' && got !== null ? Number(got) : got).toEqual(c.values[i]);
      }));
    }
  });
});
