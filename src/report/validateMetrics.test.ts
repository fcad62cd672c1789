import { describe, expect, it } from 'vitest';
import type { Metrics } from '../generated/metrics.ts';
import { syntheticMetrics, syntheticPoint } from '../../test-support/synthetic/syntheticMetrics.ts';
import { lossRoundingFloor } from '../core/rounding.ts';
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
    expect(problemOf(order).message).toMatch(/at \/claims: expected claims C1..C11 once each in order, found \[C11,C10,C9,C8,C7,C6,C5,C4,C3,C2,C1\]/);
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

  it('accepts losses below 0 by rounding, as computed (a converged student: -4.45e-15 at m* = 3, m = 9), and flags one below the rounding floor', () => {
    const m = structuredClone(syntheticMetrics([syntheticPoint({ m: 9, mStar: 3, records: 20 })]));
    const p = m.points[0];
    p.featureLearning.records[19].loss = -4.45e-15;
    p.featureLearning.final.loss = -4.45e-15;
    p.pruning!.lossBefore = -4.45e-15;
    p.pruning!.lossAfter = -5.33e-15;
    p.fineTuning!.records[0].loss = -5.33e-15;
    expect(() => validateMetrics(m)).not.toThrow();
    // The floor for 9 students and 3 teachers is -64 u * 3 * 12^2 = -3.1e-12; well below it is a defect.
    expect(lossRoundingFloor(9, 3)).toBeCloseTo(-3.07e-12, 13);
    p.featureLearning.records[7].loss = -1e-9;
    const e = problemOf(m);
    expect(e.path).toBe('/points/0/featureLearning/records/7/loss');
    expect(e.message).toMatch(/loss -1e-9 is below 0 by more than rounding \(floor -3\.07e-12 for m = 9, m\* = 3\)/);
    // The pruned student (3 kept) has its own, tighter floor.
    p.featureLearning.records[7].loss = 0.5;
    p.pruning!.lossAfter = 2 * lossRoundingFloor(3, 3);
    expect(problemOf(m).path).toBe('/points/0/pruning/lossAfter');
  });
});
