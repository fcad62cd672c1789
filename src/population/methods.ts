import { InputError } from '../core/errors.ts';
import type { Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { SeedStreams } from '../core/streams.ts';
import { monteCarloLoss } from './monteCarlo.ts';
import { DEFAULT_NODES, populationLoss, populationLossGrad } from './quadrature.ts';
import { DEFAULT_PAIR_KERNEL, pairKernelByName, type PairKernelName } from './kernel/pairKernels.ts';

/** Options a method may use (each ignores the ones it has no use for). */
export interface LossMethodOptions {
  /** Pair kernel of the quadrature (src/population/kernel/pairKernels.ts; default 'moment-table'). */
  kernel?: string;
  /** Gauss-Hermite nodes per dimension (quadrature with kernel 'gauss-hermite'; default {@link DEFAULT_NODES}). */
  nodes?: number;
  /** Number of Gaussian draws (Monte Carlo; default {@link DEFAULT_SAMPLES}). */
  samples?: number;
  /** Root seed; Monte Carlo draws from its 'evaluation' stream (default 0). */
  seed?: number | string;
  /** Also compute the gradient with respect to the unnormalised student rows. */
  gradient?: boolean;
}

/** What a method returns. */
export interface LossEvaluation {
  method: string;
  /** L = 1/2 E[(f(x) - f*(x))^2], x ~ N(0, I_d): exact value or estimate. */
  loss: number;
  /** Standard error of an estimate (absent for a deterministic method). */
  stderr?: number;
  samples?: number;
  /** Pair kernel (quadrature). */
  kernel?: string;
  /** Gauss-Hermite nodes (quadrature with kernel 'gauss-hermite'). */
  nodes?: number;
  gradient?: { routers: Mat; experts: Mat };
}

/** A way of computing the population loss, chosen by name. */
export interface LossMethod {
  readonly name: string;
  readonly description: string;
  /** Whether `gradient: true` is supported. */
  readonly hasGradient: boolean;
  evaluate(teacher: MoeParams, student: MoeParams, opts: LossMethodOptions): LossEvaluation;
}

/** Default Monte-Carlo sample count: standard error ~1e-2 relative on typical losses. */
export const DEFAULT_SAMPLES = 100_000;

const registry = new Map<string, LossMethod>();

/**
 * Adds a method to the registry; a second method under the same name is an
 * error (tfjs-core's kernel registry does the same), so two engines can never
 * silently shadow each other.
 */
export function registerLossMethod(method: LossMethod): void {
  if (registry.has(method.name)) throw new Error(`loss method '${method.name}' is already registered`);
  registry.set(method.name, method);
}

/** Names of the registered methods, in registration order (the first is the default). */
export function lossMethodNames(): string[] {
  return [...registry.keys()];
}

/**
 * The method called `name`. An unknown name fails loudly with an InputError
 * listing the known ones (`where` names the flag or field it came from).
 */
export function lossMethod(name: string, where = 'method'): LossMethod {
  const m = registry.get(name);
  if (!m) throw new InputError(where, `unknown method '${name}'; known methods: ${lossMethodNames().join(', ')}`);
  return m;
}

/**
 * Evaluates the loss with the method called `name` (see {@link lossMethod});
 * asking a method without one for the gradient is an InputError.
 */
export function evaluateLoss(name: string, teacher: MoeParams, student: MoeParams, opts: LossMethodOptions = {}): LossEvaluation {
  const method = lossMethod(name);
  if (opts.gradient && !method.hasGradient) {
    const with_ = lossMethodNames().filter((n) => registry.get(n)!.hasGradient);
    throw new InputError('gradient', `method '${name}' has no gradient; use ${with_.join(' or ')}`);
  }
  return method.evaluate(teacher, student, opts);
}

/**
 * Exact engine (the default): each pair term from the Gram matrix of
 * normalised directions (src/population/quadrature.ts), with the pair kernel
 * `kernel` (tabulated router moments by default, or Gauss-Hermite quadrature
 * with `nodes`), deterministic, cost independent of d.
 */
registerLossMethod({
  name: 'quadrature',
  description: 'exact: the pair terms from tabulated router moments or Gauss-Hermite quadrature (deterministic, cost independent of d)',
  hasGradient: true,
  evaluate(teacher, student, opts) {
    const kernel = opts.kernel ?? DEFAULT_PAIR_KERNEL;
    pairKernelByName(kernel, 'kernel');
    const nodes = opts.nodes ?? DEFAULT_NODES;
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > 160) {
      throw new InputError('nodes', `must be an integer in [1, 160] (Gauss-Hermite nodes per dimension), found ${nodes}; the default ${DEFAULT_NODES} is accurate to ~1e-11 relative`);
    }
    const q = { kernel: kernel as PairKernelName, nodes };
    // The node count is reported only where it is used.
    const what = kernel === 'gauss-hermite' ? { method: 'quadrature', kernel, nodes } : { method: 'quadrature', kernel };
    if (opts.gradient) {
      const g = populationLossGrad(teacher, student, q);
      return { ...what, loss: g.loss, gradient: { routers: g.routers, experts: g.experts } };
    }
    return { ...what, loss: populationLoss(teacher, student, q) };
  },
});

/**
 * Independent estimate: the sample mean of 1/2 (f - f*)^2 over fresh draws
 * from the 'evaluation' stream of `seed`, with its standard error
 * (src/population/monteCarlo.ts). No gradient.
 */
registerLossMethod({
  name: 'monte-carlo',
  description: "estimate: mean of 1/2 (f - f*)^2 over Gaussian draws of the seed's 'evaluation' stream, with its standard error",
  hasGradient: false,
  evaluate(teacher, student, opts) {
    const samples = opts.samples ?? DEFAULT_SAMPLES;
    if (!Number.isInteger(samples) || samples < 2) {
      throw new InputError('samples', `must be an integer >= 2 (a standard error needs two draws), found ${samples}`);
    }
    const est = monteCarloLoss(teacher, student, samples, new SeedStreams(opts.seed ?? 0).stream('evaluation'));
    return { method: 'monte-carlo', loss: est.value, stderr: est.stderr, samples };
  },
});
