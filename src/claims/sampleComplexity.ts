import type { Point, Stage } from '../generated/metrics.ts';
import { linearFit } from './linearFit.ts';

/** Flow time of a stage's first expert event (the first teacher expert whose matched student passed the threshold), or null. */
export function firstEscapeTime(stage: Stage): number | null {
  const times = stage.events.filter((e) => e.kind === 'expert').map((e) => e.t);
  return times.length ? Math.min(...times) : null;
}

/**
 * Samples an online-SGD stage drew until its first escape: the steps up to
 * the first expert event (its flow time / learning rate, rounded up) times
 * the batch. Null for other engines or without an expert event.
 */
export function samplesToFirstEscape(stage: Stage): number | null {
  const t = firstEscapeTime(stage);
  if (!stage.sgd || t === null) return null;
  return Math.ceil(t / stage.sgd.learningRate - 1e-9) * stage.sgd.batch;
}

/** ln n = intercept + slope ln d over the points where SGD escaped; `points` counts them. */
export interface SampleComplexityFit {
  slope: number;
  intercept: number;
  r2: number;
  points: number;
}

/**
 * The sample complexity of online SGD over a sweep of d: the fit of
 * ln(samples to the first escape) against ln d over the SGD points that
 * escaped, at two or more values of d; else null. The theory of online SGD
 * for information exponent k gives n ~ d^(k-1), so slope 2 for He3 experts
 * when the step scales as d^(-3/2) (scenarios/sgd-sample-complexity.yaml).
 */
export function sampleComplexityFit(points: readonly Point[]): SampleComplexityFit | null {
  const pairs = points
    .map((p) => ({ d: p.d, n: samplesToFirstEscape(p.featureLearning) }))
    .filter((x): x is { d: number; n: number } => x.n !== null && x.n > 0);
  if (new Set(pairs.map((x) => x.d)).size < 2) return null;
  const fit = linearFit(pairs.map((x) => Math.log(x.d)), pairs.map((x) => Math.log(x.n)));
  return { slope: fit.slope, intercept: fit.intercept, r2: fit.r2, points: pairs.length };
}
