import * as tf from '@tensorflow/tfjs-core';

/** Batch loss, outputs and tangent gradient of the student, as tfjs tensors (caller disposes). */
export interface TfLossGrad {
  /** (1/2B) sum_n (f(x_n) - y_n)^2, a scalar. */
  loss: tf.Scalar;
  /** Student outputs f(x_n), length B. */
  f: tf.Tensor1D;
  /** Teacher outputs y_n, length B. */
  y: tf.Tensor1D;
  /**
   * Gradient with respect to the unit directions, projected on the tangent
   * space of each sphere: column c is g_c - <g_c, u_c> u_c. Shape d x 2m,
   * laid out like the student's columns.
   */
  grad: tf.Tensor2D;
}

/**
 * The online-SGD step's numerics in tfjs (float32). Directions are stored as
 * *columns* (d x 2m: the m router directions, then the m expert directions),
 * because the wasm backend multiplies untransposed operands about ten times
 * faster than transposed ones (measured: X P^T 87 ms vs X P 6 ms at
 * B = 1024, d = 1000, 2m + 2m* = 60).
 *
 * With u = <v_i, x>, w = <w_i, x> and e_n = f(x_n) - y_n, the gradient of
 * L_B = (1/2B) sum e_n^2 with respect to the unit directions is
 *   dL/dv_i = (1/B) sum_n e_n sig'(u) He3(w) x_n,
 *   dL/dw_i = (1/B) sum_n e_n sig(u) He3'(w) x_n,
 * then projected on the tangent space (g - <g,u>u), which for unit rows is
 * the gradient with respect to the unnormalised parameters (src/model/forward.ts).
 * Inputs must hold unit columns; no normalisation happens here.
 *
 * @param student d x 2m unit columns [V^T | W^T].
 * @param teacher d x 2m* unit columns [V*^T | W*^T].
 * @param x B x d batch.
 */
export function tfLossGrad(student: tf.Tensor2D, teacher: tf.Tensor2D, x: tf.Tensor2D): TfLossGrad {
  return tf.tidy(() => {
    const m = student.shape[1] / 2;
    const mStar = teacher.shape[1] / 2;
    const z = tf.matMul(x, tf.concat([student, teacher], 1));
    const [a, b, as, bs] = tf.split(z, [m, m, mStar, mStar], 1);
    const y = moeOutput(as, bs);
    const s = tf.sigmoid(a);
    const h = he3(b);
    const f = tf.sum(tf.mul(s, h), 1);
    const e = tf.sub(f, y);
    const batch = x.shape[0];
    const loss = tf.div(tf.sum(tf.square(e)), 2 * batch) as tf.Scalar;
    const r = tf.reshape(tf.div(e, batch), [batch, 1]);
    const cv = tf.mul(r, tf.mul(tf.mul(s, tf.sub(1, s)), h));
    const cw = tf.mul(r, tf.mul(s, dhe3(b)));
    // C^T X as an untransposed product (see above): transpose the small B x 2m factor.
    const gRows = tf.matMul(tf.transpose(tf.concat([cv, cw], 1)), x);
    const g = tf.transpose(gRows) as tf.Tensor2D;
    const radial = tf.sum(tf.mul(g, student), 0, true);
    const grad = tf.sub(g, tf.mul(radial, student)) as tf.Tensor2D;
    return { loss, f: f as tf.Tensor1D, y: y as tf.Tensor1D, grad };
  });
}

/** sum_i sigmoid(u_i) He3(w_i) over the columns of the projections u (B x k) and w (B x k). */
export function moeOutput(u: tf.Tensor, w: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(tf.sigmoid(u), he3(w)), 1) as tf.Tensor1D);
}

function he3(z: tf.Tensor): tf.Tensor {
  return tf.mul(z, tf.sub(tf.square(z), 3));
}

function dhe3(z: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sub(tf.square(z), 1), 3);
}
