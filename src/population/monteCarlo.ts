import { normalizeRows } from '../core/mat.ts';
import { outputAt } from '../model/forward.ts';
import type { MoeParams } from '../model/params.ts';
import { spanCoordinates } from '../model/span.ts';
import type { Rng } from '../core/streams.ts';

/** A Monte-Carlo estimate with its standard error. */
export interface Estimate {
  /** The sample mean. */
  value: number;
  /** Standard error of the mean: sample standard deviation / sqrt(samples). */
  stderr: number;
  samples: number;
}

/**
 * Monte-Carlo estimate of the population loss L = 1/2 E[(f(x) - f*(x))^2],
 * x ~ N(0, I_d), from `samples` fresh draws of the given stream.
 *
 * Exact in distribution at a cost independent of d: f and f* depend on x only
 * through its projection on the span of all normalised directions (dimension
 * r <= 2(m + m*)), and that projection is N(0, I_r) in an orthonormal basis of
 * the span; so we draw z ~ N(0, I_r) instead of x.
 */
export function monteCarloLoss(teacher: MoeParams, student: MoeParams, samples: number, rng: Rng): Estimate {
  const mats = [teacher.routers, teacher.experts, student.routers, student.experts].map(normalizeRows);
  const { coords } = spanCoordinates(mats);
  const [tv, tw, sv, sw] = coords;
  const r = tv.cols;
  const z = new Float64Array(r);
  let mean = 0;
  let m2 = 0;
  for (let n = 0; n < samples; n++) {
    rng.fillNormal(z);
    const diff = outputAt(sv, sw, z, 0) - outputAt(tv, tw, z, 0);
    const h = 0.5 * diff * diff;
    // Welford's update keeps the variance accurate when the loss is tiny.
    const delta = h - mean;
    mean += delta / (n + 1);
    m2 += delta * (h - mean);
  }
  const variance = samples > 1 ? m2 / (samples - 1) : 0;
  return { value: mean, stderr: Math.sqrt(variance / samples), samples };
}
