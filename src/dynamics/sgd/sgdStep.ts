import * as tf from '@tensorflow/tfjs-core';
import { tfLossGrad } from './tfLossGrad.ts';

/** One online-SGD step's outputs (tfjs tensors; the caller disposes them). */
export interface SgdStepResult {
  /** The new unit columns, d x 2m. */
  student: tf.Tensor2D;
  /** The batch loss before the step. */
  loss: tf.Scalar;
  /** |u - lr g| per column before renormalising (length 2m): non-finite means float32 overflow. */
  norms: tf.Tensor1D;
}

/**
 * u <- (u - lr g) / |u - lr g| for every router and expert direction, with g
 * the tangent gradient of the batch loss (tfLossGrad). This is the paper's
 * experiment's online SGD on the product of unit spheres: a projected Euler
 * step of the gradient flow with time step lr. Disposes nothing it was given.
 */
export function sgdStep(student: tf.Tensor2D, teacher: tf.Tensor2D, x: tf.Tensor2D, lr: number): SgdStepResult {
  return tf.tidy(() => {
    const { loss, grad } = tfLossGrad(student, teacher, x);
    const moved = tf.sub(student, tf.mul(grad, lr));
    const norms = tf.norm(moved, 'euclidean', 0) as tf.Tensor1D;
    return { student: tf.div(moved, norms) as tf.Tensor2D, loss, norms };
  });
}
