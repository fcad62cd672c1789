import { describe, expect, it } from 'vitest';
import { EXACT } from '../../../test-support/tolerance.ts';
import { SeedStreams } from '../../core/streams.ts';
import { buildMomentTable, defaultMomentTable, evaluateMomentTable } from './momentTable.ts';
import { MOMENTS, routerMomentsDirect } from './routerMoments.ts';

describe('moment table', () => {
  it('matches the direct sums at random angles in [0, pi/2], ends included', () => {
    const rng = new SeedStreams('moment-table').stream('angles');
    const angles = [0, Math.PI / 2, ...Array.from({ length: 60 }, () => (Math.PI / 2) * rng.uniform())];
    const out = new Float64Array(MOMENTS);
    for (const theta of angles) {
      const want = routerMomentsDirect(theta);
      evaluateMomentTable(defaultMomentTable(), theta, out);
      for (let f = 0; f < MOMENTS; f++) expect(Math.abs(out[f] - want[f]), `moment ${f} at ${theta}`).toBeLessThanOrEqual(EXACT.momentTable);
    }
  });

  it('converges: a table of degree 4 is measurably worse (the test above can fail)', () => {
    const coarse = buildMomentTable(16, 4);
    const out = new Float64Array(MOMENTS);
    const want = routerMomentsDirect(0.77);
    evaluateMomentTable(coarse, 0.77, out);
    expect(Math.max(...out.map((x, f) => Math.abs(x - want[f])))).toBeGreaterThan(1e-9);
  });

  it('evaluates only the first moments when asked (the loss needs TT alone)', () => {
    const all = evaluateMomentTable(defaultMomentTable(), 0.4, new Float64Array(MOMENTS));
    const some = evaluateMomentTable(defaultMomentTable(), 0.4, new Float64Array(MOMENTS), 16);
    expect(Array.from(some.subarray(0, 16))).toEqual(Array.from(all.subarray(0, 16)));
    expect(Array.from(some.subarray(16))).toEqual(new Array(MOMENTS - 16).fill(0));
  });

  it('rejects pieces and degrees out of range', () => {
    for (const [pieces, degree] of [[0, 8], [2.5, 8], [16, 0], [16, 17]]) {
      expect(() => buildMomentTable(pieces, degree)).toThrow(RangeError);
    }
  });
});
