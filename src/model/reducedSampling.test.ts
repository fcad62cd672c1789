import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../core/streams.ts';
import { InputError } from '../core/errors.ts';
import { norm, overlaps, row } from '../core/mat.ts';
import type { MoeParams } from './params.ts';
import { sampleReducedProblem } from './reducedSampling.ts';
import { initStudent, makeTeacher } from './teacher.ts';

/** The overlaps a flow starts from: <v_0, v*_0>, <w_1, w*_0>, <v_0, v_1>, <v_0, w_0>. */
function initialOverlaps(teacher: MoeParams, student: MoeParams): number[] {
  const r = overlaps(student.routers, teacher.routers);
  const e = overlaps(student.experts, teacher.experts);
  const vv = overlaps(student.routers, student.routers);
  const vw = overlaps(student.routers, student.experts);
  return [r.data[0], e.data[teacher.routers.rows], vv.data[1], vw.data[0]];
}

/** Two-sample Kolmogorov-Smirnov statistic sup |F_a - F_b|. */
function ks2(a: number[], b: number[]): number {
  const x = a.slice().sort((p, q) => p - q);
  const y = b.slice().sort((p, q) => p - q);
  let i = 0, j = 0, dmax = 0;
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= t) i++;
    while (j < y.length && y[j] <= t) j++;
    dmax = Math.max(dmax, Math.abs(i / x.length - j / y.length));
  }
  return dmax;
}

describe('sampleReducedProblem', () => {
  it('draws the same initial overlaps as a full-d draw (d = 12; two-sample KS at level 0.001, 3000 draws each)', () => {
    const d = 12, n = 3000;
    const reduced: number[][] = [[], [], [], []];
    const full: number[][] = [[], [], [], []];
    const sr = new SeedStreams('reduced');
    const sf = new SeedStreams('full');
    const tr = sr.stream('teacher'), st = sr.stream('student');
    const ft = sf.stream('teacher'), fs = sf.stream('student');
    for (let k = 0; k < n; k++) {
      const p = sampleReducedProblem(2, 3, d, tr, st);
      initialOverlaps(p.teacher, p.student).forEach((v, i) => reduced[i].push(v));
      const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, ft);
      initialOverlaps(teacher, initStudent(3, d, fs)).forEach((v, i) => full[i].push(v));
    }
    const critical = 1.949 * Math.sqrt(2 / n);
    for (let i = 0; i < 4; i++) expect(ks2(reduced[i], full[i]), `overlap ${i}`).toBeLessThan(critical);
    // And the known law: mean square overlap 1/d (x^2 ~ Beta(1/2, (d-1)/2), variance 2(d-1)/(d^2 (d+2))).
    const sd = Math.sqrt((2 * (d - 1)) / (d * d * (d + 2)) / n);
    for (let i = 0; i < 4; i++) {
      const ms = reduced[i].reduce((s, v) => s + v * v, 0) / n;
      expect(Math.abs(ms - 1 / d), `mean square of overlap ${i}`).toBeLessThan(4 * sd);
    }
  });

  it('represents any d (10^6, 10^9) with rank <= 2(m + m*) coordinates and overlaps of size 1/sqrt(d)', () => {
    for (const d of [1e6, 1e9]) {
      const s = new SeedStreams(`d=${d}`);
      const tr = s.stream('teacher'), st = s.stream('student');
      let meanSquare = 0;
      const draws = 400;
      for (let k = 0; k < draws; k++) {
        const p = sampleReducedProblem(5, 25, d, tr, st);
        expect(p.rank).toBe(60);
        expect(p.student.routers.cols).toBe(60);
        expect(p.d).toBe(d);
        for (let i = 0; i < 25; i++) expect(norm(row(p.student.experts, i))).toBeCloseTo(1, 14);
        const al = overlaps(p.student.routers, p.teacher.routers);
        for (const v of al.data) meanSquare += (d * v * v) / (draws * al.data.length);
      }
      // d <v, v*>^2 -> chi^2_1 as d grows: mean 1, standard error sqrt(2 / 50,000) of the average (draws are independent).
      expect(Math.abs(meanSquare - 1), `d = ${d}`).toBeLessThan(4 * Math.sqrt(2 / (draws * 125)));
    }
  });

  it('uses all of R^d when d < 2(m + m*), and keeps the teacher on the first 2 m* basis vectors', () => {
    const s = new SeedStreams('small');
    const p = sampleReducedProblem(2, 5, 7, s.stream('teacher'), s.stream('student'));
    expect(p.rank).toBe(7);
    expect(Array.from(p.teacher.routers.data.slice(0, 7))).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(row(p.teacher.experts, 1))).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('is reproducible and rejects a d too small for the orthonormal teacher', () => {
    const draw = () => {
      const s = new SeedStreams(4);
      return sampleReducedProblem(2, 3, 1000, s.stream('teacher'), s.stream('student')).student.routers.data;
    };
    expect(draw()).toEqual(draw());
    const s = new SeedStreams(4);
    expect(() => sampleReducedProblem(3, 3, 5, s.stream('teacher'), s.stream('student'))).toThrow(InputError);
    expect(() => sampleReducedProblem(3, 3, 5, s.stream('teacher'), s.stream('student'))).toThrow(/^d: .*needs d >= 6, found 5/);
  });
});
