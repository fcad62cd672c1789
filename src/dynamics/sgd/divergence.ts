import { DivergenceError } from '../../core/errors.ts';

/** What counts as divergence in an SGD run. */
export interface DivergenceLimits {
  learningRate: number;
  /** A loss above this is a divergence (divergenceFactor x the initial held-out loss). */
  maxLoss: number;
}

/**
 * Throws DivergenceError naming the step, the learning rate and the value when
 * the loss is NaN or above `maxLoss`, or when a direction's pre-normalisation
 * length |u - lr g| is not finite (float32 overflow: the step is so large
 * that lr |g| exceeds ~1e19 and its square overflows).
 *
 * On the unit spheres the loss itself cannot explode (every direction is
 * renormalised), so overflow is the way a too-large step ends here; a merely
 * large step makes the directions jump and the loss stay at chance level.
 */
export function checkDivergence(
  step: number,
  loss: number,
  norms: ArrayLike<number>,
  limits: DivergenceLimits,
  what = 'batch loss',
): void {
  const where = `online SGD diverged at step ${step} (learning rate ${limits.learningRate})`;
  const fix = 'lower the learning rate';
  if (Number.isNaN(loss)) throw new DivergenceError(`${where}: ${what} is NaN; ${fix}`);
  if (!(loss <= limits.maxLoss)) {
    throw new DivergenceError(`${where}: ${what} ${loss} exceeds the bound ${limits.maxLoss}; ${fix}`);
  }
  for (let c = 0; c < norms.length; c++) {
    if (!Number.isFinite(norms[c]) || !(norms[c] > 0)) {
      const half = c < norms.length / 2 ? 'router' : 'expert';
      const i = c % (norms.length / 2);
      throw new DivergenceError(`${where}: |u - lr g| = ${norms[c]} for student ${half} ${i} (float32 overflow); ${fix}`);
    }
  }
}
