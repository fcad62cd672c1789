import { describe, expect, it } from 'vitest';
import { makeTeacher } from '../model/teacher.ts';
import { SeedStreams } from '../core/streams.ts';
import { gateCorrelation } from './gateCorrelation.ts';
import { optimumHessian } from './optimumHessian.ts';

describe('optimumHessian', () => {
  it('has, for an orthonormal teacher, the slowest mode of one router turning about its aligned expert: lambda_min = 6 g\'(1)', () => {
    // One-pair flow at e = 1: drho/dt = 6 g'(rho) (1 - rho^2); with rho = cos(theta), dtheta/dt = -6 g'(1) theta near 0,
    // and the expert's own mode 18 g(1) (de/dt = 18 g e^2 (1 - e^2)) is among the eigenvalues too.
    const { g, dg } = gateCorrelation(1);
    for (const mStar of [1, 3]) {
      const h = optimumHessian(makeTeacher(mStar, 100, { kind: 'orthonormal' }, new SeedStreams(mStar).stream('teacher')), 100);
      expect(Math.abs(h.lambdaMin - 6 * dg)).toBeLessThan(1e-7);
      expect(h.eigenvalues.some((x) => Math.abs(x - 18 * g) < 1e-6)).toBe(true);
      expect(h.lossRate).toBe(2 * h.lambdaMin);
      // Degenerate slowest cluster: every router's turning mode has the same rate.
      expect(Math.abs(h.clusterTop - h.lambdaMin)).toBeLessThan(1e-7);
      expect(h.eigenvalues.length).toBe(2 * mStar * (h.dimension - 1));
      expect(h.eigenvalues[0]).toBeGreaterThan(0);
    }
  });

  it('is positive definite on the tangent spaces for a random teacher too, with lambda_min near the orthonormal one at large d', () => {
    const h = optimumHessian(makeTeacher(2, 2000, { kind: 'random' }, new SeedStreams(9).stream('teacher')), 2000);
    expect(h.eigenvalues[0]).toBeGreaterThan(0);
    expect(Math.abs(h.lambdaMin / (6 * gateCorrelation(1).dg) - 1)).toBeLessThan(0.05);
    // The cross overlaps split the cluster, which stays well below the next eigenvalues (~1.8).
    expect(h.clusterTop).toBeGreaterThan(h.lambdaMin);
    expect(h.clusterTop).toBeLessThan(1.1 * h.lambdaMin);
  });
});
