import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './selectBackend.ts';
import { batchLossGrad, forward } from '../../model/forward.ts';
import { fromRows, normalizeRows, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { toColumns } from './columns.ts';
import { tfLossGrad } from './tfLossGrad.ts';

/**
 * float32 tfjs against the float64 core on the same (float32-representable)
 * inputs, so only the arithmetic precision differs. Errors are measured as a
 * fraction of each quantity's natural scale (see `compare`). Rounding
 * (u = 6e-8) accumulates like sqrt(d) u |a||x| ~ 1e-6 in a projection z
 * (d <= 12, |x_k| <= 3.5), is amplified by He3'(z) (<= 72 at |z| = 5) and
 * summed over m <= 5 experts, while the scale grows like He3(z): ~1e-6 of the
 * scale is expected, and 300 random cases measured at most 8e-7
 * (MOE_SHOW_ERRORS=1 prints it). 1e-4 leaves a factor 100 for unlucky
 * cases and still catches a wrong sign, factor or projection by orders of
 * magnitude (each changes the result at order 1e-2..1 of the scale).
 */
const TOL32 = 1e-4;

/** Random unit rows, rounded to float32 (the values tfjs will see). */
function f32Rows(rows: number[][]): Mat {
  const m = normalizeRows(fromRows(rows));
  for (let k = 0; k < m.data.length; k++) m.data[k] = Math.fround(m.data[k]);
  return m;
}

const gauss = fc.double({ min: -3.5, max: 3.5, noNaN: true });
const rowsOf = (n: number, d: number, floor = 0) =>
  fc.array(fc.array(gauss, { minLength: d, maxLength: d }).filter((r) => r.some((v) => Math.abs(v) > 0.1 + floor)), { minLength: n, maxLength: n });

/** A teacher, a student and a batch with consistent shapes, built by construction. */
const caseArb = fc
  .record({ d: fc.integer({ min: 2, max: 12 }), m: fc.integer({ min: 1, max: 5 }), mStar: fc.integer({ min: 1, max: 3 }), batch: fc.integer({ min: 1, max: 16 }) })
  .chain(({ d, m, mStar, batch }) =>
    fc.record({
      d: fc.constant(d),
      teacher: fc.record({ routers: rowsOf(mStar, d), experts: rowsOf(mStar, d) }),
      student: fc.record({ routers: rowsOf(m, d), experts: rowsOf(m, d) }),
      x: fc.array(fc.array(gauss, { minLength: d, maxLength: d }), { minLength: batch, maxLength: batch }),
    }),
  );

function paramsOf(p: { routers: number[][]; experts: number[][] }): MoeParams {
  return { routers: f32Rows(p.routers), experts: f32Rows(p.experts) };
}

/** max_k |a_k - b_k| / scale. */
function maxErr(a: ArrayLike<number>, b: ArrayLike<number>, scale: number): number {
  let e = 0;
  for (let k = 0; k < a.length; k++) e = Math.max(e, Math.abs(a[k] - b[k]));
  return e / scale;
}

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function compare(c: Case): { f: number; loss: number; grad: number } {
  const teacher = paramsOf(c.teacher);
  const student = paramsOf(c.student);
  const x = fromRows(c.x.map((r) => r.map(Math.fround)));
  const y = forward(teacher, x);
  const ref = batchLossGrad(student, x, y);
  const fRef = forward(student, x);
  const m = student.routers.rows;
  const d = c.d;
  const out = tf.tidy(() => {
    const r = tfLossGrad(tf.tensor2d(toColumns(student), [d, 2 * m]), tf.tensor2d(toColumns(teacher), [d, 2 * teacher.routers.rows]), tf.tensor2d(Float32Array.from(x.data), [x.rows, d]));
    return { f: r.f.dataSync().slice(), loss: r.loss.dataSync()[0], grad: r.grad.dataSync().slice() };
  });
  // Reference gradient in the column layout of tfLossGrad (d x 2m).
  const gRef = toColumnsRaw(ref.routers, ref.experts);
  // Natural scales: outputs by max(1, |f|, |y|); the loss by max(1, loss); the
  // gradient by max(1, loss) times max |x| (it is a batch mean of e_n c_n x_n).
  const fScale = Math.max(1, ...Array.from(fRef, Math.abs), ...Array.from(y, Math.abs));
  const xMax = Math.max(1, ...Array.from(x.data, Math.abs));
  return {
    f: maxErr(out.f, fRef, fScale),
    loss: Math.abs(out.loss - ref.loss) / Math.max(1, ref.loss, fScale),
    grad: maxErr(out.grad, gRef, Math.max(1, ref.loss, fScale) * xMax),
  };
}

function toColumnsRaw(routers: Mat, experts: Mat): Float64Array {
  const m = routers.rows;
  const d = routers.cols;
  const out = new Float64Array(d * 2 * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < d; k++) {
      out[k * 2 * m + i] = routers.data[i * d + k];
      out[k * 2 * m + m + i] = experts.data[i * d + k];
    }
  }
  return out;
}

describe.each(['cpu', 'wasm'] as const)('tfLossGrad on the %s backend agrees with the float64 core (src/model/forward.ts)', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it('outputs, batch loss and tangent gradient within float32 tolerance', () => {
    const before = tf.memory().numTensors;
    let worst = { f: 0, loss: 0, grad: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const e = compare(c);
        worst = { f: Math.max(worst.f, e.f), loss: Math.max(worst.loss, e.loss), grad: Math.max(worst.grad, e.grad) };
        expect(e.f).toBeLessThanOrEqual(TOL32);
        expect(e.loss).toBeLessThanOrEqual(TOL32);
        expect(e.grad).toBeLessThanOrEqual(TOL32);
      }),
      { numRuns: 150 },
    );
    if (process.env.MOE_SHOW_ERRORS) console.log(backend, 'worst relative errors', worst);
    expect(tf.memory().numTensors).toBe(before);
  });
});
