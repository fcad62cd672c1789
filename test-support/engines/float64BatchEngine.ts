import { batchLossGrad, forward } from '../../src/model/forward.ts';
import type { MoeParams } from '../../src/model/params.ts';
import type { LossEngine } from '../contracts.ts';
import { fixedBatch } from '../fixedBatch.ts';

/**
 * The float64 core (src/model/forward.ts) on a fixed batch
 * ({@link fixedBatch}) as a {@link LossEngine}: the empirical loss
 * (1/2B) sum_n (f(x_n) - f*(x_n))^2, with its standard error as an estimate
 * of the population loss, and its exact gradient with respect to the
 * unnormalised student rows. This is the reference the tfjs SGD step is
 * checked against, and an independent route to the population gradient
 * (its batch mean converges to the quadrature's).
 */
export function float64BatchEngine(batch: number, seed: number | string = 0): LossEngine {
  return {
    name: `float64 batch (B = ${batch})`,
    precision: 'float64',
    loss(teacher, student) {
      const x = fixedBatch(teacher.routers.cols, batch, seed);
      return meanWithStderr(forward(student, x), forward(teacher, x));
    },
    gradient(teacher: MoeParams, student: MoeParams) {
      const x = fixedBatch(teacher.routers.cols, batch, seed);
      const g = batchLossGrad(student, x, forward(teacher, x));
      return { routers: g.routers, experts: g.experts };
    },
  };
}

/** Mean of h_n = (f_n - y_n)^2 / 2 and its standard error (sample sd / sqrt(B)). */
export function meanWithStderr(f: ArrayLike<number>, y: ArrayLike<number>): { value: number; stderr: number } {
  const n = f.length;
  let mean = 0;
  let m2 = 0;
  for (let k = 0; k < n; k++) {
    const h = 0.5 * (f[k] - y[k]) ** 2;
    const delta = h - mean;
    mean += delta / (k + 1);
    m2 += delta * (h - mean);
  }
  return { value: mean, stderr: n > 1 ? Math.sqrt(m2 / (n - 1) / n) : 0 };
}
