import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/streams.ts';
import { moeOutput } from './tfLossGrad.ts';

/** A fixed held-out sample with its teacher labels, on the current tfjs backend. */
export interface HeldOut {
  /** (1/2n) sum_n (f(x_n) - y_n)^2 of a student given as d x 2m unit columns: a Monte-Carlo estimate of the population loss. */
  loss(student: tf.Tensor2D): number;
  /** Frees the tensors. */
  dispose(): void;
}

/**
 * Draws n inputs x ~ N(0, I_d) once from `rng` (the run's 'evaluation'
 * stream, so the held-out set never depends on the training batches) and
 * labels them with the teacher (d x 2m* unit columns).
 */
export function makeHeldOut(teacher: tf.Tensor2D, n: number, rng: Rng): HeldOut {
  const d = teacher.shape[0];
  const x = tf.tensor2d(rng.fillNormal(new Float32Array(n * d)), [n, d]);
  const y = tf.tidy(() => outputOf(x, teacher));
  return {
    loss(student) {
      const value = tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(outputOf(x, student), y))), 2 * n));
      const out = value.dataSync()[0];
      value.dispose();
      return out;
    },
    dispose() {
      x.dispose();
      y.dispose();
    },
  };
}

function outputOf(x: tf.Tensor2D, cols: tf.Tensor2D): tf.Tensor1D {
  const k = cols.shape[1] / 2;
  const [u, w] = tf.split(tf.matMul(x, cols), [k, k], 1);
  return moeOutput(u, w);
}
