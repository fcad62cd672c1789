import type { Rng } from '../src/core/streams.ts';

/** The outcome of {@link maxKsPermutationTest}. */
export interface TwoSampleResult {
  /** max over statistics k of D_k, the two-sample Kolmogorov-Smirnov distance of statistic k. */
  statistic: number;
  /** Each D_k. */
  perStatistic: number[];
  /** Index k of the largest D_k. */
  worst: number;
  /** (1 + #{permutations with max_k D_k >= observed}) / (1 + permutations). */
  pValue: number;
  permutations: number;
}

/**
 * Do two sets of runs come from one distribution? `a` and `b` hold one row
 * per run (independent runs), one column per statistic (say every alignment
 * and the loss after N steps). The statistic is the largest two-sample KS
 * distance over the columns; its null distribution is that of the same
 * maximum over random relabellings of the pooled runs (a permutation test:
 * the columns' dependence is kept, no Bonferroni). Under the null (all runs
 * i.i.d.) the relabelled maxima and the observed one are exchangeable, so
 * P(pValue <= alpha) <= alpha for every alpha: the false-alarm rate is at
 * most alpha, exactly, at any sample size (Lehmann & Romano, "Testing
 * Statistical Hypotheses", Thm 15.2.1). The smallest pValue possible is
 * 1 / (1 + permutations).
 *
 * Cost: permutations x columns x (runs in a + b), on ranks computed once.
 */
export function maxKsPermutationTest(a: number[][], b: number[][], permutations: number, rng: Rng): TwoSampleResult {
  const na = a.length, nb = b.length, n = na + nb;
  const columns = a[0].length;
  const pooled = [...a, ...b];
  // order[k]: the runs sorted by statistic k (ties broken by index: continuous statistics have none).
  const order = Array.from({ length: columns }, (_, k) => {
    const idx = Int32Array.from({ length: n }, (_, r) => r);
    return idx.sort((p, q) => pooled[p][k] - pooled[q][k] || p - q);
  });
  const inA = new Uint8Array(n);
  inA.fill(1, 0, na);
  const distances = (labels: Uint8Array): number[] => order.map((ord) => ksOfLabels(ord, labels, na, nb));
  const perStatistic = distances(inA);
  const statistic = Math.max(...perStatistic);
  let atLeast = 0;
  const labels = inA.slice();
  for (let p = 0; p < permutations; p++) {
    shuffle(labels, rng);
    let max = 0;
    for (const ord of order) max = Math.max(max, ksOfLabels(ord, labels, na, nb));
    if (max >= statistic) atLeast++;
  }
  return { statistic, perStatistic, worst: perStatistic.indexOf(statistic), pValue: (1 + atLeast) / (1 + permutations), permutations };
}

/** sup over thresholds of |F_a - F_b| for the runs in sorted order `ord`, labelled a (1) or b (0). */
function ksOfLabels(ord: Int32Array, labels: Uint8Array, na: number, nb: number): number {
  let ca = 0, cb = 0, max = 0;
  const ia = 1 / na, ib = 1 / nb;
  for (let k = 0; k < ord.length; k++) {
    if (labels[ord[k]]) ca += ia;
    else cb += ib;
    const gap = Math.abs(ca - cb);
    if (gap > max) max = gap;
  }
  return max;
}

/** Fisher-Yates shuffle in place. */
function shuffle(x: Uint8Array, rng: Rng): void {
  for (let i = x.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = x[i];
    x[i] = x[j];
    x[j] = t;
  }
}
