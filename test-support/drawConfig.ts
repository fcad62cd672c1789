import { zeros, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import { chiVariate } from '../src/core/gamma.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';
import { initStudent, makeTeacher } from '../src/model/teacher.ts';
import { SeedStreams, type Rng } from '../src/core/streams.ts';
import { randomScales } from './problems.ts';

/**
 * A teacher-student configuration as the property suite generates it:
 * sizes, teacher geometry and a root seed. Plain data, so a failing
 * property prints it whole and it can be pasted back as an example.
 */
export interface MoeConfig {
  /** m*, teacher experts (1..6 in the suite). */
  readonly mStar: number;
  /** m, student experts (m/m* from 1 to 8 in the suite). */
  readonly m: number;
  /** Input dimension (8..10^6). */
  readonly d: number;
  /** Teacher directions: all 2 m* orthonormal (needs d >= 2 m*), or independent uniform on the sphere. */
  readonly geometry: 'orthonormal' | 'random';
  /** Root seed of the draw (streams 'teacher', 'student', 'scales'). */
  readonly seed: number;
}

/** A drawn configuration: rows in R^d ('full') or in coordinates of their span ('span', for large d). */
export interface DrawnConfig {
  readonly teacher: MoeParams;
  readonly student: MoeParams;
  readonly representation: 'full' | 'span';
  /** Number of coordinates of the rows (d, or the span's dimension). */
  readonly dim: number;
}

/**
 * Largest d drawn as explicit d-vectors. Above it rows are drawn directly in
 * the span of all directions, exactly in distribution (an engine that only
 * sees the Gram matrix cannot tell the difference), so d = 10^6 costs what
 * d = 100 does.
 */
export const FULL_D_MAX = 512;

/**
 * Draws the teacher (stream 'teacher') and a student uniform on the spheres
 * (stream 'student') of a configuration. With `scaled`, every row is then
 * multiplied by a random factor in [0.5, 2] (stream 'scales'): the engines
 * must see only directions, and a missing normalisation shows up.
 */
export function drawConfig(c: MoeConfig, scaled = false): DrawnConfig {
  const s = new SeedStreams(`properties:${c.seed}`);
  let drawn: DrawnConfig;
  if (c.d <= FULL_D_MAX) {
    const teacher = makeTeacher(c.mStar, c.d, { kind: c.geometry }, s.stream('teacher'));
    drawn = { teacher, student: initStudent(c.m, c.d, s.stream('student')), representation: 'full', dim: c.d };
  } else if (c.geometry === 'orthonormal') {
    const p = sampleReducedProblem(c.mStar, c.m, c.d, s.stream('teacher'), s.stream('student'));
    drawn = { teacher: p.teacher, student: p.student, representation: 'span', dim: p.rank };
  } else {
    drawn = reducedRandom(c, s.stream('teacher'), s.stream('student'));
  }
  if (!scaled) return drawn;
  const rng = s.stream('scales');
  return { ...drawn, teacher: randomScales(drawn.teacher, rng), student: randomScales(drawn.student, rng) };
}

/**
 * A random-geometry draw in the span: 2 m* teacher rows then 2 m student
 * rows, each an independent uniform direction of R^d, built one Gaussian
 * vector at a time as in src/model/reducedSampling.ts (coordinates on the
 * directions so far are N(0, 1); the remainder has squared length
 * chi^2_{d - r} and a fresh direction, which becomes the next basis vector).
 */
function reducedRandom(c: MoeConfig, teacherRng: Rng, studentRng: Rng): DrawnConfig {
  const total = 2 * (c.mStar + c.m);
  const rank = Math.min(c.d, total);
  const rows: Float64Array[] = [];
  let r = 0;
  for (let i = 0; i < total; i++) {
    const rng = i < 2 * c.mStar ? teacherRng : studentRng;
    const g = new Float64Array(rank);
    for (let k = 0; k < r; k++) g[k] = rng.normal();
    if (r < rank) {
      g[r] = chiVariate(c.d - r, rng);
      r++;
    }
    let len = 0;
    for (const x of g) len += x * x;
    len = Math.sqrt(len);
    rows.push(g.map((x) => x / len));
  }
  const stack = (from: number, n: number): Mat => {
    const m = zeros(n, rank);
    for (let i = 0; i < n; i++) m.data.set(rows[from + i], i * rank);
    return m;
  };
  const k = c.mStar;
  return {
    teacher: { routers: stack(0, k), experts: stack(k, k) },
    student: { routers: stack(2 * k, c.m), experts: stack(2 * k + c.m, c.m) },
    representation: 'span',
    dim: rank,
  };
}
