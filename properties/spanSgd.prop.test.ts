/**
 * Span-SGD (src/dynamics/sgd/trainSpanSgd.ts: online SGD in the span of the
 * directions, exact in distribution) against the literal online SGD in R^d
 * (src/dynamics/sgd/trainSgd.ts, tfjs float32): one process, by a
 * two-sample test of the state after N steps; and the same test rejects
 * span steps with a wrong out-of-span part.
 *
 * The test (test-support/twoSample.ts): the largest two-sample Kolmogorov-Smirnov
 * distance over every router alignment, every expert alignment and the
 * exact loss, calibrated by random relabellings of the pooled runs. Its
 * false-alarm rate is at most the level by construction (a permutation
 * test), and was measured (tools/sgd-two-sample.ts, see README below).
 */
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { integrateFlow } from '../src/dynamics/flow/integrateFlow.ts';
import { trainSpanSgd } from '../src/dynamics/sgd/trainSpanSgd.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { arbMoeConfig } from '../test-support/arbitraries/arbMoeConfig.ts';
import { arbSgdCase } from '../test-support/arbitraries/arbSgdCase.ts';
import { drawConfig } from '../test-support/drawConfig.ts';
import { byTier, runs } from '../test-support/fcConfig.ts';
import { movingInnerProducts, nearTeacher } from '../test-support/sgdSamples.ts';
import { twoSampleCase } from '../test-support/sgdTwoSample.ts';

/** Level of the agreement property: 9999 relabellings, so p <= 1e-4 means none reached the observed distance. */
const LEVEL = 1e-4;
const PERMUTATIONS = 9999;

describe('span-SGD is online SGD in R^d', () => {
  test.prop([arbSgdCase()], runs(1, 8))(
    'after 20 steps (lr 0.05, batch 16) every alignment and the loss have the same distribution as with full-d tfjs SGD ' +
      '(m* 1-2, m <= 4, d 16-64, random or near-teacher start; 100 runs each; false alarm <= 1e-4 per case)',
    async (c) => {
      const r = await twoSampleCase(c, 100, PERMUTATIONS, ['exact']);
      const e = r.results.exact;
      expect(e.pValue, `max KS distance ${e.statistic.toFixed(3)} (at ${e.worstName}), p = ${e.pValue}`).toBeGreaterThan(LEVEL);
    },
    byTier(60_000, 1_200_000),
  );

  it('the same test rejects the step without its out-of-span part and with the span dimension left out of its degrees of freedom ' +
    '(m* = 2, m = 2, d = 17, near-teacher start; 200 runs each, level 1e-3)', async () => {
    // Measured on this configuration over 6 start seeds (1001-1006): both wrong variants rejected on all 6
    // (p = 0.001, the smallest with 999 relabellings, but once 0.002 for the degrees of freedom), the exact
    // step on none (p 0.07-0.61). Over the property's whole region the power is lower where d - K is
    // small (few fresh directions): see tools/sgd-two-sample.ts and the README.
    const r = await twoSampleCase({ config: { mStar: 2, m: 2, d: 17, geometry: 'orthonormal', seed: 1001 }, start: 'near-teacher' }, 200, 999, [
      'exact', 'dropped', 'spanNotSubtracted',
    ]);
    const say = (v: string) => `${v}: max KS distance ${r.results[v].statistic.toFixed(3)} at ${r.results[v].worstName}, p = ${r.results[v].pValue}`;
    expect(r.results.exact.pValue, say('exact')).toBeGreaterThan(1e-3);
    expect(r.results.dropped.pValue, say('dropped')).toBeLessThanOrEqual(1e-3);
    expect(r.results.spanNotSubtracted.pValue, say('spanNotSubtracted')).toBeLessThanOrEqual(1e-3);
  });

  test.prop([arbMoeConfig({ maxMStar: 2, maxRatio: 2, maxM: 3, minD: 1e6, maxD: 1e6 })], runs(1, 10))(
    'at d = 10^6 it approaches the flow from the same start as the step shrinks: at T = 0.01 from a near-teacher start, ' +
      'lr / 4 and 4 B bring it more than 4 times closer (m* <= 2, m <= 3; RMS of every moving inner product over two data seeds)',
    (c) => {
      const p = drawConfig(c);
      const student = nearTeacher(p.teacher, p.student);
      const T = 0.01;
      const flow = movingInnerProducts(p.teacher, integrateFlow(p.teacher, student, { time: T, uniformPoints: 2, logPoints: 0 }).student);
      // The distance has three parts: the Euler bias (~ lr) and the in-span noise (~ sqrt(lr / B)), each 4 times
      // smaller at lr / 4, 4 B, and the out-of-span drift, the shrinkage lr^2 (d - K) V / (2B) per step of every
      // overlap (spanSgdStep.ts; ~ lr d / B over a fixed time), 16 times smaller, which dominates at d = 10^6.
      // Measured (`npx tsx tools/sgdApproach.ts --cases 20`: m* 1-2, m <= 3): 10.9-22.3 times closer; with the
      // out-of-span part dropped (`--dropped`), 2.4-7.2 times, and 100 times closer to the flow to begin with.
      const gap = (lr: number, batch: number) => {
        let sq = 0;
        for (const data of [1, 2]) {
          const r = trainSpanSgd(p.teacher, student, c.d, new SeedStreams(`${c.seed}:${data}`), { learningRate: lr, batch, time: T, recordEvery: 1_000_000 });
          const ip = movingInnerProducts(p.teacher, r.student);
          sq += ip.reduce((s, x, k) => s + (x - flow[k]) ** 2, 0) / (2 * ip.length);
        }
        return Math.sqrt(sq);
      };
      const coarse = gap(1e-3, 4096);
      const fine = gap(2.5e-4, 16384);
      expect(fine, `RMS gap ${fine} at lr 2.5e-4, B 16384 vs ${coarse} at lr 1e-3, B 4096`).toBeLessThan(coarse / 4);
    },
    byTier(60_000, 1_200_000),
  );
});
