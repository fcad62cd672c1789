import { dot } from '../src/core/dot.ts';
import { row, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import type { Rng } from '../src/core/streams.ts';
import { permuteExperts, randomPermutation, scaleRows } from './problems.ts';
import { SIGMAS, TOLERANCE, expectWithinStderr, scaleOf, type Precision } from './tolerance.ts';

/*
 * The contracts every loss engine must meet, written once and applied to
 * each engine by its tests and by the property suite. Each throws an Error
 * describing the violation, so they work inside vitest and fast-check
 * properties alike. Deterministic engines are
 * held to the precision's rounding tiers (test-support/tolerance.ts);
 * Monte-Carlo engines additionally to SIGMAS combined standard errors.
 */

/**
 * A population-loss engine as the contracts see it: quadrature, Monte Carlo,
 * tfjs, or any later method. `loss` returns an estimate with its standard
 * error (0 for a deterministic engine); `gradient`, when present, is with
 * respect to the unnormalised student rows.
 */
export interface LossEngine {
  readonly name: string;
  readonly precision: Precision;
  loss(teacher: MoeParams, student: MoeParams): { value: number; stderr: number };
  gradient?(teacher: MoeParams, student: MoeParams): { routers: Mat; experts: Mat };
}

/** L >= 0 (up to rounding, and up to SIGMAS standard errors for an estimate). */
export function assertNonNegative(engine: LossEngine, teacher: MoeParams, student: MoeParams): void {
  const l = engine.loss(teacher, student);
  const slack = TOLERANCE[engine.precision].exactZero + SIGMAS * l.stderr;
  if (!(l.value >= -slack)) throw new Error(`${engine.name}: loss ${l.value} < 0 (beyond -${slack})`);
}

/**
 * L = 0 when the student is the teacher, also with its experts permuted and
 * rows rescaled (the function is the same). For a Monte-Carlo engine the
 * difference f - f* vanishes sample by sample, so the estimate is ~0 too.
 */
export function assertZeroAtTeacher(engine: LossEngine, teacher: MoeParams, rng: Rng): void {
  const tol = TOLERANCE[engine.precision].exactZero;
  const same = engine.loss(teacher, teacher).value;
  if (!(Math.abs(same) <= tol)) throw new Error(`${engine.name}: loss at the teacher is ${same}, not within ${tol} of 0`);
  const n = teacher.routers.rows;
  const perm = randomPermutation(n, rng);
  const moved = permuteExperts(teacher, perm);
  const factors = () => Array.from({ length: n }, () => 0.25 + 4 * rng.uniform());
  const copy = { routers: scaleRows(moved.routers, factors()), experts: scaleRows(moved.experts, factors()) };
  const l = engine.loss(teacher, copy).value;
  if (!(Math.abs(l) <= tol)) {
    throw new Error(`${engine.name}: loss at the teacher permuted by [${perm}] and rescaled is ${l}, not within ${tol} of 0`);
  }
}

/** L is unchanged when the student's experts (router and expert together) are permuted. */
export function assertPermutationInvariant(engine: LossEngine, teacher: MoeParams, student: MoeParams, rng: Rng): void {
  const perm = randomPermutation(student.routers.rows, rng);
  const a = engine.loss(teacher, student);
  const b = engine.loss(teacher, permuteExperts(student, perm));
  compare(engine, a, b, `loss with students permuted by [${perm}]`);
  const tPerm = randomPermutation(teacher.routers.rows, rng);
  const c = engine.loss(permuteExperts(teacher, tPerm), student);
  compare(engine, a, c, `loss with teacher experts permuted by [${tPerm}]`);
}

/** L is unchanged when any row is multiplied by a positive factor (only directions count). */
export function assertScaleInvariant(engine: LossEngine, teacher: MoeParams, student: MoeParams, rng: Rng): void {
  const f = (n: number) => Array.from({ length: n }, () => Math.exp(4 * rng.uniform() - 2));
  const scaled = { routers: scaleRows(student.routers, f(student.routers.rows)), experts: scaleRows(student.experts, f(student.experts.rows)) };
  compare(engine, engine.loss(teacher, student), engine.loss(teacher, scaled), 'loss with rows rescaled');
}

/**
 * The gradient with respect to each unnormalised row is orthogonal to that
 * row (the loss is constant along it), it permutes with the students, and it
 * scales like 1/c when the row is scaled by c.
 */
export function assertGradientGeometry(engine: LossEngine, teacher: MoeParams, student: MoeParams, rng: Rng): void {
  if (!engine.gradient) return;
  const tol = TOLERANCE[engine.precision];
  const g = engine.gradient(teacher, student);
  for (const part of ['routers', 'experts'] as const) {
    for (let i = 0; i < student[part].rows; i++) {
      const gi = row(g[part], i);
      const ti = row(student[part], i);
      // Component along the unit row, against max(1, |g_i|): the projection's rounding is
      // relative to the unprojected gradient, which is O(1) even when the projected one is tiny.
      const along = dot(gi, ti) / Math.hypot(...ti);
      const size = Math.max(1, Math.hypot(...gi));
      if (!(Math.abs(along) <= tol.orthogonality * size)) {
        throw new Error(`${engine.name}: gradient of ${part}[${i}] has component ${along} along its row (|g| = ${Math.hypot(...gi)})`);
      }
    }
  }
  const n = student.routers.rows;
  const perm = randomPermutation(n, rng);
  const c = Array.from({ length: n }, () => Math.exp(2 * rng.uniform() - 1));
  const moved = permuteExperts(student, perm);
  const gm = engine.gradient(teacher, { routers: scaleRows(moved.routers, c), experts: scaleRows(moved.experts, c) });
  for (const part of ['routers', 'experts'] as const) {
    let gScale = 0;
    for (const x of g[part].data) gScale = Math.max(gScale, Math.abs(x));
    for (let i = 0; i < n; i++) {
      const want = row(g[part], perm[i]);
      const got = row(gm[part], i);
      for (let k = 0; k < want.length; k++) {
        const diff = Math.abs(got[k] * c[i] - want[k]);
        if (!(diff <= tol.reorder * Math.max(1, gScale))) {
          throw new Error(`${engine.name}: gradient of ${part} does not permute and scale with its rows: row ${i} (was ${perm[i]}, scaled ${c[i]}), entry ${k}: ${got[k] * c[i]} vs ${want[k]}`);
        }
      }
    }
  }
}

/** Same input, same output, bit for bit (a deterministic engine, or a Monte-Carlo engine with its stream reset). */
export function assertDeterministic(engine: LossEngine, teacher: MoeParams, student: MoeParams): void {
  const a = engine.loss(teacher, student);
  const b = engine.loss(teacher, student);
  if (!Object.is(a.value, b.value) || !Object.is(a.stderr, b.stderr)) {
    throw new Error(`${engine.name}: two evaluations on the same input differ: ${a.value} vs ${b.value}`);
  }
  if (!engine.gradient) return;
  const g1 = engine.gradient(teacher, student);
  const g2 = engine.gradient(teacher, student);
  for (const part of ['routers', 'experts'] as const) {
    const i = g1[part].data.findIndex((x, k) => !Object.is(x, g2[part].data[k]));
    if (i >= 0) throw new Error(`${engine.name}: two gradient evaluations differ at ${part} entry ${i}`);
  }
}

/** Every contract above on one configuration. */
export function assertLossContracts(engine: LossEngine, teacher: MoeParams, student: MoeParams, rng: Rng): void {
  assertNonNegative(engine, teacher, student);
  assertZeroAtTeacher(engine, teacher, rng);
  assertPermutationInvariant(engine, teacher, student, rng);
  assertScaleInvariant(engine, teacher, student, rng);
  assertGradientGeometry(engine, teacher, student, rng);
  assertDeterministic(engine, teacher, student);
}

function compare(engine: LossEngine, a: { value: number; stderr: number }, b: { value: number; stderr: number }, what: string): void {
  if (a.stderr === 0 && b.stderr === 0) {
    const tol = TOLERANCE[engine.precision].reorder;
    if (!(Math.abs(a.value - b.value) <= tol * scaleOf(a.value, b.value))) {
      throw new Error(`${engine.name}: ${what}: ${b.value} vs ${a.value} (tolerance ${tol} relative)`);
    }
    return;
  }
  expectWithinStderr(a, b, `${engine.name}: ${what}`, SIGMAS, TOLERANCE[engine.precision].reorder);
}
