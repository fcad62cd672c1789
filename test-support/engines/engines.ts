import { evaluateLoss, lossMethod, type LossMethodOptions } from '../../src/population/methods.ts';
import type { LossEngine } from '../contracts.ts';

/**
 * A registered loss method (src/population/methods.ts) as a
 * {@link LossEngine} for the contract helpers. Every call starts from the same
 * options (for Monte Carlo: the same seed, hence a fresh stream), so equal
 * inputs give equal outputs.
 */
export function engineOf(name: string, opts: LossMethodOptions = {}): LossEngine {
  const method = lossMethod(name);
  const engine: LossEngine = {
    name: `${name}${opts.kernel ? ` (${opts.kernel})` : ''}${opts.nodes ? ` (${opts.nodes} nodes)` : ''}${opts.samples ? ` (${opts.samples} samples)` : ''}`,
    precision: 'float64',
    loss(teacher, student) {
      const r = evaluateLoss(name, teacher, student, { ...opts, gradient: false });
      return { value: r.loss, stderr: r.stderr ?? 0 };
    },
  };
  if (method.hasGradient) {
    engine.gradient = (teacher, student) => evaluateLoss(name, teacher, student, { ...opts, gradient: true }).gradient!;
  }
  return engine;
}
