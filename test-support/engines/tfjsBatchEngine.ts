import * as tf from '@tensorflow/tfjs-core';
import { toColumns } from '../../src/dynamics/sgd/columns.ts';
import { tfLossGrad } from '../../src/dynamics/sgd/tfLossGrad.ts';
import { rowNorms, zeros, type Mat } from '../../src/core/mat.ts';
import type { MoeParams } from '../../src/model/params.ts';
import type { LossEngine } from '../contracts.ts';
import { fixedBatch } from '../fixedBatch.ts';
import { meanWithStderr } from './float64BatchEngine.ts';

/**
 * The online-SGD step's numerics (src/dynamics/sgd/tfLossGrad.ts, float32
 * tfjs on the current backend) on a fixed batch ({@link fixedBatch}) as a
 * {@link LossEngine}: batch loss with its standard error, and the tangent
 * gradient, divided by each row's length so that it is the gradient with
 * respect to the unnormalised rows (the contract's convention; tfLossGrad
 * itself works on unit directions). Select a backend first
 * (src/dynamics/sgd/selectBackend.ts); tensors are disposed on every call.
 */
export function tfjsBatchEngine(batch: number, seed: number | string = 0): LossEngine {
  const run = (teacher: MoeParams, student: MoeParams) => {
    const x = fixedBatch(teacher.routers.cols, batch, seed);
    const d = x.cols;
    const m = student.routers.rows;
    return tf.tidy(() => {
      const r = tfLossGrad(
        tf.tensor2d(toColumns(student), [d, 2 * m]),
        tf.tensor2d(toColumns(teacher), [d, 2 * teacher.routers.rows]),
        tf.tensor2d(Float32Array.from(x.data), [batch, d]),
      );
      return { f: r.f.dataSync().slice(), y: r.y.dataSync().slice(), grad: r.grad.dataSync().slice(), d, m };
    });
  };
  return {
    get name() {
      return `tfjs ${tf.getBackend()} batch (B = ${batch})`;
    },
    precision: 'float32',
    loss(teacher, student) {
      const r = run(teacher, student);
      return meanWithStderr(r.f, r.y);
    },
    gradient(teacher, student) {
      const r = run(teacher, student);
      return {
        routers: rowsOfColumns(r.grad, r.d, r.m, 0, rowNorms(student.routers)),
        experts: rowsOfColumns(r.grad, r.d, r.m, r.m, rowNorms(student.experts)),
      };
    },
  };
}

/** Columns first..first+m-1 of a d x 2m column-major-by-row layout as m rows, row i divided by norms[i]. */
function rowsOfColumns(cols: ArrayLike<number>, d: number, m: number, first: number, norms: Float64Array): Mat {
  const out = zeros(m, d);
  for (let i = 0; i < m; i++) for (let k = 0; k < d; k++) out.data[i * d + k] = cols[k * 2 * m + first + i] / norms[i];
  return out;
}
