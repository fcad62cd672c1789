import { clone, fromRows, norm, row, toRows, zeros, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import { initStudent, makeTeacher, uniformSphereRows } from '../src/model/teacher.ts';
import { SeedStreams, type Rng } from '../src/core/streams.ts';

/**
 * Test configurations of a teacher and a student, built by construction from
 * a seed (so fast-check can generate them with `map`, no filtering):
 * generic ones, near-degenerate ones (overlaps within 1e-8 of 1, a student
 * within 1e-6 of a teacher expert) and cancelling ones (equal routers,
 * opposite experts), which is where this model's interesting states live.
 */
export interface Problem {
  readonly teacher: MoeParams;
  readonly student: MoeParams;
}

/** Kinds of configuration {@link makeProblem} can build. */
export const PROBLEM_KINDS = ['generic', 'near-collinear', 'cancelling'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** Sizes and kind of a generated problem. */
export interface ProblemSpec {
  readonly mStar: number;
  readonly m: number;
  readonly d: number;
  readonly seed: number;
  readonly kind: ProblemKind;
  /** Teacher geometry (default orthonormal, which needs d >= 2 m*). */
  readonly geometry?: 'orthonormal' | 'random';
}

/**
 * A teacher and a student for `spec`, rows scaled by random factors in
 * [0.5, 2] (the engines must only see directions):
 * - generic: student uniform on the sphere;
 * - near-collinear (m >= 2): student router 1 at overlap 1 - 1e-8 with
 *   router 0, and student 0 equal to teacher 0 up to perturbations of 1e-6;
 * - cancelling (m >= 2): students 0 and 1 share a router and have opposite
 *   experts.
 * With m = 1 the two special kinds fall back to generic.
 */
export function makeProblem(spec: ProblemSpec): Problem {
  const seeds = new SeedStreams(`problem:${spec.seed}`);
  const geometry = spec.geometry ?? 'orthonormal';
  const teacher = makeTeacher(spec.mStar, spec.d, { kind: geometry }, seeds.stream('teacher'));
  const base = initStudent(spec.m, spec.d, seeds.stream('student'));
  const rng = seeds.stream('shape');
  let student = base;
  if (spec.kind === 'near-collinear' && spec.m >= 2) {
    const r = toRows(base.routers);
    const e = toRows(base.experts);
    r[0] = perturb(Array.from(row(teacher.routers, 0)), 1e-6, rng);
    e[0] = perturb(Array.from(row(teacher.experts, 0)), 1e-6, rng);
    r[1] = atOverlap(r[0], 1 - 1e-8, rng);
    student = { routers: fromRows(r), experts: fromRows(e) };
  } else if (spec.kind === 'cancelling' && spec.m >= 2) {
    const r = toRows(base.routers);
    const e = toRows(base.experts);
    r[1] = r[0].slice();
    e[1] = e[0].map((x) => -x);
    student = { routers: fromRows(r), experts: fromRows(e) };
  }
  return { teacher: randomScales(teacher, rng), student: randomScales(student, rng) };
}

/**
 * The teacher itself plus `pairs` cancelling pairs (shared random router,
 * opposite random experts), in an order given by `order` (a permutation of
 * the m* + 2 pairs rows; identity when omitted) and with rows rescaled.
 * Its output equals the teacher's for every x, so the loss is exactly 0.
 */
export function teacherWithCancellingPairs(teacher: MoeParams, pairs: number, rng: Rng, order?: readonly number[]): MoeParams {
  const d = teacher.routers.cols;
  const r = toRows(teacher.routers);
  const e = toRows(teacher.experts);
  const dirs = uniformSphereRows(2 * pairs, d, rng);
  for (let k = 0; k < pairs; k++) {
    const v = Array.from(row(dirs, k));
    const w = Array.from(row(dirs, pairs + k));
    r.push(v, v.slice());
    e.push(w, w.map((x) => -x));
  }
  const perm = order ?? r.map((_, i) => i);
  return randomScales({ routers: fromRows(perm.map((i) => r[i])), experts: fromRows(perm.map((i) => e[i])) }, rng);
}

/** The student with its experts (router and expert rows together) in the order `perm`. */
export function permuteExperts(p: MoeParams, perm: readonly number[]): MoeParams {
  return { routers: permuteRows(p.routers, perm), experts: permuteRows(p.experts, perm) };
}

/** Rows of `m` in the order `perm` (row i of the result is row perm[i] of m). */
export function permuteRows(m: Mat, perm: readonly number[]): Mat {
  const out = zeros(perm.length, m.cols);
  perm.forEach((src, i) => out.data.set(row(m, src), i * m.cols));
  return out;
}

/** Every row multiplied by its own positive factor. */
export function scaleRows(m: Mat, factors: readonly number[]): Mat {
  const out = clone(m);
  for (let i = 0; i < m.rows; i++) for (let k = 0; k < m.cols; k++) out.data[i * m.cols + k] *= factors[i];
  return out;
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
export function randomPermutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Rows rescaled by independent factors in [0.5, 2]. */
export function randomScales(p: MoeParams, rng: Rng): MoeParams {
  const f = (n: number) => Array.from({ length: n }, () => 0.5 + 1.5 * rng.uniform());
  return { routers: scaleRows(p.routers, f(p.routers.rows)), experts: scaleRows(p.experts, f(p.experts.rows)) };
}

/** A unit vector b with <a/|a|, b> = c exactly up to rounding: b = c a + sqrt(1 - c^2) u, u a random unit vector orthogonal to a. */
export function atOverlap(a: readonly number[], c: number, rng: Rng): number[] {
  const na = norm(a);
  const unit = a.map((x) => x / na);
  const g = unit.map(() => rng.normal());
  const proj = g.reduce((s, x, k) => s + x * unit[k], 0);
  const u = g.map((x, k) => x - proj * unit[k]);
  const nu = norm(u);
  // sqrt((1 - c)(1 + c)) keeps relative accuracy for c near 1.
  const s = Math.sqrt((1 - c) * (1 + c));
  return unit.map((x, k) => c * x + (s * u[k]) / nu);
}

/** `v` plus independent perturbations of size `eps` in every coordinate. */
export function perturb(v: readonly number[], eps: number, rng: Rng): number[] {
  return v.map((x) => x + eps * rng.normal());
}
