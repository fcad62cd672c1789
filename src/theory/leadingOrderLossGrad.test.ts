import { describe, expect, it } from 'vitest';
import { zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { initStudent, makeTeacher, uniformSphereRows } from '../model/teacher.ts';
import { populationLossGrad } from '../population/quadrature.ts';
import { SeedStreams } from '../core/streams.ts';
import { directional, directionalDifference, randomDirection } from '../../test-support/finiteDifference.ts';
import { leadingOrderLossGrad } from './leadingOrderLossGrad.ts';

/** Rows uniform on the unit sphere of the coordinates [from, from + k) of R^dim. */
function rowsIn(n: number, from: number, k: number, dim: number, seed: string): Mat {
  const sub = uniformSphereRows(n, k, new SeedStreams(seed).stream('rows'));
  const out = zeros(n, dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out.data[i * dim + from + j] = sub.data[i * k + j];
  return out;
}

/** Every router in the first half of the coordinates, every expert in the second: all cross overlaps vanish. */
function separated(m: number, mStar: number, seed: number): { teacher: MoeParams; student: MoeParams } {
  const k = m + mStar;
  const dim = 2 * k;
  return {
    teacher: { routers: rowsIn(mStar, 0, k, dim, `t-r:${seed}`), experts: rowsIn(mStar, k, k, dim, `t-e:${seed}`) },
    student: { routers: rowsIn(m, 0, k, dim, `s-r:${seed}`), experts: rowsIn(m, k, k, dim, `s-e:${seed}`) },
  };
}

describe('leadingOrderLossGrad', () => {
  it('equals the exact loss and gradient when every router is orthogonal to every expert', () => {
    for (const [m, mStar, seed] of [[1, 1, 1], [3, 2, 2], [5, 2, 3]]) {
      const { teacher, student } = separated(m, mStar, seed);
      const lo = leadingOrderLossGrad(teacher, student);
      const ex = populationLossGrad(teacher, student, { nodes: 64 });
      expect(Math.abs(lo.loss - ex.loss)).toBeLessThan(1e-12 * Math.max(1, ex.loss));
      for (const part of ['routers', 'experts'] as const) {
        lo[part].data.forEach((v, i) => expect(Math.abs(v - ex[part].data[i])).toBeLessThan(1e-12));
      }
    }
  });

  it('has the gradient of its loss (finite differences at generic configurations)', () => {
    for (const seed of [4, 5, 6]) {
      const s = new SeedStreams(`lo-fd:${seed}`);
      const teacher = makeTeacher(2, 7, { kind: 'random' }, s.stream('teacher'));
      const student = initStudent(3, 7, s.stream('student'));
      const dir = randomDirection(student, s.stream('dir'));
      const fd = directionalDifference((p) => leadingOrderLossGrad(teacher, p).loss, student, dir, 1e-3);
      const an = directional(leadingOrderLossGrad(teacher, student), dir);
      expect(Math.abs(fd - an)).toBeLessThan(1e-8 * Math.max(1, Math.abs(an)));
    }
  });

  it('errs on the expert gradient at a random start by at most ~1/sqrt(d) relative, the order of the dropped cross terms', () => {
    // Measured (5 seeds each, m* = 2, m = 3): relative error times sqrt(d) 0.20-0.34 at d = 100, 0.03-0.12 at 1000,
    // 0.02-0.06 at 10^4; the bound 0.5 / sqrt(d) is the derivation's order with that margin.
    const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((t, v) => t + v * v, 0));
    for (const d of [100, 10_000]) {
      for (let k = 0; k < 5; k++) {
        const s = new SeedStreams('lo-d' + k);
        const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, s.stream('teacher'));
        const student = initStudent(3, d, s.stream('student'));
        const lo = leadingOrderLossGrad(teacher, student).experts.data;
        const ex = populationLossGrad(teacher, student, { nodes: 64 }).experts.data;
        expect(norm(lo.map((v, i) => v - ex[i])) / norm(ex)).toBeLessThan(0.5 / Math.sqrt(d));
      }
    }
  });
});
