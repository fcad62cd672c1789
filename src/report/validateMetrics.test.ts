import { describe, expect, it } from 'vitest';
import type { Metrics } from '../generated/metrics.ts';
import { syntheticMetrics, syntheticPoint } from '../../test-support/synthetic/syntheticMetrics.ts';
import { MetricsValidationError, validateMetrics } from './validateMetrics.ts';

/** A fresh synthetic metrics object (m = 3, m* = 2), deep-copied so tests can break it. */
function fresh(): Metrics {
  return structuredClone(syntheticMetrics([syntheticPoint({ m: 3, mStar: 2, records: 20 })]));
}

function problemOf(broken: unknown): MetricsValidationError {
  try {
    validateMetrics(broken);
  } catch (e) {
    if (e instanceof MetricsValidationError) return e;
    throw e;
  }
  throw new Error('validateMetrics accepted a broken object');
}

describe('validateMetrics', () => {
  it('accepts synthetic metrics: one point, a d sweep and an m sweep, with and without stages', () => {
    expect(() => validateMetrics(fresh())).not.toThrow();
    const sweep = syntheticMetrics([100, 400].map((d) => syntheticPoint({ d, id: `d=${d}` })), ['teacher.d']);
    expect(sweep.claims[5].verdict).not.toBe('not-evaluated');
    expect(() => validateMetrics(sweep)).not.toThrow();
    const bare = syntheticMetrics([syntheticPoint({ m: 1, mStar: 2, stages: false, recovered: false })]);
    expect(() => validateMetrics(bare)).not.toThrow();
  });

  it('rejects a null loss (NaN after JSON) with the path of the record', () => {
    const m = fresh() as unknown as { points: { featureLearning: { records: { loss: unknown }[] } }[] };
    m.points[0].featureLearning.records[3].loss = null;
    const e = problemOf(m);
    expect(e.path).toBe('/points/0/featureLearning/records/3/loss');
    expect(e.message).toMatch(/at \/points\/0\/featureLearning\/records\/3\/loss: must be number/);
    expect(e.message).toContain('schemas/metrics.schema.json');
  });

  it('rejects an unknown key, naming it', () => {
    const m = fresh() as unknown as Record<string, unknown>;
    (m.environment as Record<string, unknown>).gpu = 'none';
    expect(problemOf(m).message).toMatch(/at \/environment: must NOT have additional properties \('gpu'\)/);
  });

  it('requires a C1 claim on every point, with T and T/sqrt(d) in its details', () => {
    const noC1 = fresh();
    noC1.points[0].claims = noC1.points[0].claims.filter((c) => c.id !== 'C1');
    expect(problemOf(noC1).message).toMatch(/at \/points\/0\/claims: .*C1/);
    const noT = fresh();
    noT.points[0].claims[0].details = { TOverSqrtD: 1 };
    expect(problemOf(noT).message).toMatch(/at \/points\/0\/claims\/0\/details: must have required property 'T'/);
  });

  it('requires the fit on an evaluated C6', () => {
    const m = syntheticMetrics([100, 400].map((d) => syntheticPoint({ d, id: `d=${d}` })), ['teacher.d']);
    delete m.claims[5].details;
    expect(problemOf(m).message).toMatch(/at \/claims\/5: must have required property 'details'/);
  });

  it('rejects alignment matrices of the wrong shape and out-of-range entries', () => {
    const rows = fresh();
    rows.points[0].featureLearning.records[2].router.pop();
    expect(problemOf(rows).path).toBe('/points/0/featureLearning/records/2/router');
    const cols = fresh();
    cols.points[0].pruning!.after.expert[1].push(0);
    expect(problemOf(cols).message).toMatch(/after\/expert\/1: expected 2 columns/);
    const range = fresh();
    range.points[0].featureLearning.final.expert[0][1] = -1.5;
    expect(problemOf(range).message).toMatch(/at \/points\/0\/featureLearning\/final\/expert\/0\/1: must be >= -1.000000001/);
  });

  it('rejects run claims out of order, duplicate point ids, and a pruning that loses a student', () => {
    const order = fresh();
    order.claims.reverse();
    expect(problemOf(order).message).toMatch(/at \/claims: expected claims C1..C6 once each in order, found \[C6,C5,C4,C3,C2,C1\]/);
    const dup = syntheticMetrics([syntheticPoint({ id: 'a' }), syntheticPoint({ id: 'a' })]);
    expect(problemOf(dup).path).toBe('/points/1/id');
    const lost = fresh();
    lost.points[0].pruning!.removed.pop();
    expect(problemOf(lost).message).toMatch(/kept \+ removed must list students 0..2 once each, found \[0,1\]/);
  });

  it('rejects time running backwards in the records', () => {
    const m = fresh();
    m.points[0].featureLearning.records[5].t = 0;
    expect(problemOf(m).path).toBe('/points/0/featureLearning/records/5/t');
  });
});
