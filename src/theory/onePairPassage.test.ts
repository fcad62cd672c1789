import { describe, expect, it } from 'vitest';
import { integrateFlow } from '../dynamics/flow/integrateFlow.ts';
import { orthogonalPair } from '../../test-support/orthogonalPair.ts';
import { escapeTime } from './escapeTime.ts';
import { leadingOrder } from './leadingOrder.ts';
import { onePairPassage } from './onePairPassage.ts';

describe('onePairPassage', () => {
  it('gives the exact engine\'s threshold times for one orthogonal pair', () => {
    for (const [e0, rho0] of [[0.1, 0.02], [0.03, -0.05]]) {
      const p = orthogonalPair(e0, rho0);
      const pred = onePairPassage(e0, rho0, 0.9);
      const res = integrateFlow(p.teacher, p.student, {
        time: pred.routerTime + 1, rtol: 1e-11, atol: 1e-13, quadratureNodes: 64, threshold: 0.9, maxStep: 0.01, uniformPoints: 4, logPoints: 0,
      });
      const at = (kind: string) => res.events.find((ev) => ev.kind === kind)!.t;
      // Events are located by linear interpolation between steps of <= 0.01: second order, ~1e-5 here.
      expect(Math.abs(at('expert') - pred.expertTime)).toBeLessThan(1e-4);
      expect(Math.abs(at('router') - pred.routerTime)).toBeLessThan(1e-4);
    }
  });

  it('has a lag that does not depend on r0 (hence on d) as r0 -> 0, and an expert time close to the closed form', () => {
    const lags = [1e-2, 1e-3, 1e-4].map((r0) => onePairPassage(r0, 0, 0.9).lag);
    expect(Math.abs(lags[0] - lags[2])).toBeLessThan(1e-3 * lags[2]);
    const { routerRate } = leadingOrder();
    // About [atanh(0.9) - atanh(rho_th)] / (6 c1^2) (see the TSDoc): 5-6 time units.
    expect(lags[2]).toBeGreaterThan(0.9 * (Math.atanh(0.9) - 0.1) / routerRate);
    expect(lags[2]).toBeLessThan(1.1 * Math.atanh(0.9) / routerRate);
    const r0 = 1e-3;
    // g(rho) = c0^2 + c1^2 rho + ...: with rho ~ 0 during the escape the closed form (g = c0^2) is within ~1e-3.
    expect(Math.abs(onePairPassage(r0, 0, 0.9).expertTime / escapeTime(r0, 0.9) - 1)).toBeLessThan(2e-3);
  });

  it('rejects overlaps outside (0, threshold)', () => {
    expect(() => onePairPassage(-0.1, 0, 0.9)).toThrow(/r0 must be in/);
    expect(() => onePairPassage(0.1, 0.95, 0.9)).toThrow(/rho0 must be in/);
  });
});
