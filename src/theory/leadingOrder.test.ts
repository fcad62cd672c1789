import { describe, expect, it } from 'vitest';
import { populationLossGrad } from '../population/quadrature.ts';
import { directions, expertIndex, routerIndex } from '../population/gram.ts';
import { fromRows } from '../core/mat.ts';
import { orthogonalPair } from '../../test-support/orthogonalPair.ts';
import { leadingOrder } from './leadingOrder.ts';

/** dL/dG of the exact engine at one Gram entry: (x, y) of the Directions order. */
function gramDerivative(p: ReturnType<typeof orthogonalPair>, x: (d: ReturnType<typeof directions>) => number, y: (d: ReturnType<typeof directions>) => number): number {
  const g = populationLossGrad(p.teacher, p.student, { nodes: 64 });
  const dirs = directions(p.teacher, p.student);
  return g.gramGradient.data[x(dirs) * g.gramGradient.cols + y(dirs)];
}

describe('leadingOrder: the constants, checked against the exact engine\'s derivatives at the orthogonal configuration', () => {
  const k = leadingOrder();

  it('kappa = 18 c0^2 is -dL/de / e^2 at rho = 0 (expert overlap e, routers orthogonal to experts)', () => {
    for (const e of [1e-3, 0.05, 0.3]) {
      const p = orthogonalPair(e, 0);
      const dLde = gramDerivative(p, (d) => expertIndex(d, 0), (d) => expertIndex(d, 1));
      expect(Math.abs(-dLde / (e * e) - k.kappa)).toBeLessThan(1e-10 * k.kappa);
    }
    expect(k.c0).toBeCloseTo(0.5, 14);
  });

  it('the router rate 6 c1^2 is -dL/drho / e^3 at rho = 0', () => {
    for (const e of [0.1, 0.9, 1]) {
      const p = orthogonalPair(e, 0);
      const dLdrho = gramDerivative(p, (d) => routerIndex(d, 0), (d) => routerIndex(d, 1));
      expect(Math.abs(-dLdrho / e ** 3 - k.routerRate)).toBeLessThan(1e-10 * k.routerRate);
    }
  });

  it('the self decay h\'\'(0) is 2 dL/ds / s for a student\'s own router-expert overlap s (teacher far away)', () => {
    for (const s of [1e-4, 1e-3]) {
      // Student router e1, expert s e1 + sqrt(1 - s^2) e2; teacher in e3..e4: only the self kernel depends on s.
      const teacher = { routers: fromRows([[0, 0, 1, 0]]), experts: fromRows([[0, 0, 0, 1]]) };
      const student = { routers: fromRows([[1, 0, 0, 0]]), experts: fromRows([[s, Math.sqrt(1 - s * s), 0, 0]]) };
      const g = populationLossGrad(teacher, student, { nodes: 64 });
      const dirs = directions(teacher, student);
      const dLds = g.gramGradient.data[routerIndex(dirs, 0) * g.gramGradient.cols + expertIndex(dirs, 0)];
      // h(s) = h0 + h''(0) s^2 / 2 + O(s^4) and L contains h / 2: dL/ds = h''(0) s / 2 (1 + O(s^2)).
      expect(Math.abs((2 * dLds) / s - k.selfDecay)).toBeLessThan(1e-5 * k.selfDecay);
    }
  });
});
