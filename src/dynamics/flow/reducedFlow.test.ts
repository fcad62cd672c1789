import { describe, expect, it } from 'vitest';
import { alignments } from '../../measure/alignment.ts';
import { norm, overlaps, row } from '../../core/mat.ts';
import { initStudent, makeTeacher } from '../../model/teacher.ts';
import { SeedStreams } from '../../core/streams.ts';
import { EXACT, maxAbsDiff } from '../../../test-support/tolerance.ts';
import { integrateFlow } from './integrateFlow.ts';
import { integrateReducedFlow } from './reducedFlow.ts';

describe('integrateReducedFlow', () => {
  it('equals the full-d flow (d = 30, m* = 2, m = 4): alignments and lifted rows to 1e-9', () => {
    const s = new SeedStreams(5);
    const d = 30;
    const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, s.stream('teacher'));
    const student = initStudent(4, d, s.stream('student'));
    const opts = { time: 1.5, rtol: 1e-11, atol: 1e-13, uniformPoints: 3, logPoints: 0 };
    const full = integrateFlow(teacher, student, opts);
    const reduced = integrateReducedFlow(teacher, student, opts);
    expect(reduced.rank).toBe(12);
    expect(reduced.student.routers.cols).toBe(d);
    const a = alignments(full.student, teacher);
    const b = alignments(reduced.student, teacher);
    expect(maxAbsDiff(a.router.data, b.router.data)).toBeLessThanOrEqual(EXACT.reducedFlow);
    expect(maxAbsDiff(a.expert.data, b.expert.data)).toBeLessThanOrEqual(EXACT.reducedFlow);
    expect(maxAbsDiff(full.student.routers.data, reduced.student.routers.data)).toBeLessThanOrEqual(EXACT.reducedFlow);
    expect(maxAbsDiff(full.student.experts.data, reduced.student.experts.data)).toBeLessThanOrEqual(EXACT.reducedFlow);
    expect(Math.abs(full.loss - reduced.loss)).toBeLessThanOrEqual(EXACT.reducedFlow);
    // The alignments moved by O(1): agreement is not trivial.
    const a0 = alignments(student, teacher);
    expect(maxAbsDiff(a0.expert.data, a.expert.data)).toBeGreaterThan(0.05);
  });

  it('returns unit rows in R^d that stay in the span of the initial and teacher directions', () => {
    const s = new SeedStreams(6);
    const d = 50;
    const teacher = makeTeacher(1, d, { kind: 'orthonormal' }, s.stream('teacher'));
    const student = initStudent(2, d, s.stream('student'));
    const r = integrateReducedFlow(teacher, student, { time: 1 });
    expect(r.rank).toBe(6);
    const all = [teacher.routers, teacher.experts, student.routers, student.experts];
    for (const m of [r.student.routers, r.student.experts]) {
      for (let i = 0; i < m.rows; i++) {
        const v = row(m, i);
        expect(norm(v)).toBeCloseTo(1, 14);
        // Residual after projecting on the span of the 6 starting directions (least squares via their Gram matrix).
        const basis = all.flatMap((b) => Array.from({ length: b.rows }, (_, k) => Array.from(row(b, k))));
        expect(residualOutsideSpan(Array.from(v), basis)).toBeLessThan(1e-12);
      }
    }
    expect(overlaps(r.student.routers, r.student.routers).rows).toBe(2);
  });
});

/** |v - P v| with P the orthogonal projector on span(basis) (Gram-Schmidt, twice). */
function residualOutsideSpan(v: number[], basis: number[][]): number {
  const q: number[][] = [];
  for (const b of basis) {
    let w = b.slice();
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        const c = w.reduce((s, x, k) => s + x * u[k], 0);
        w = w.map((x, k) => x - c * u[k]);
      }
    }
    const n = Math.hypot(...w);
    if (n > 1e-10) q.push(w.map((x) => x / n));
  }
  let r = v.slice();
  for (let pass = 0; pass < 2; pass++) {
    for (const u of q) {
      const c = r.reduce((s, x, k) => s + x * u[k], 0);
      r = r.map((x, k) => x - c * u[k]);
    }
  }
  return Math.hypot(...r);
}
