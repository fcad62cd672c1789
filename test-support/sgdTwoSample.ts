import { SeedStreams } from '../src/core/streams.ts';
import { drawConfig, type MoeConfig } from './drawConfig.ts';
import { fullSgdSample, nearTeacher, spanSgdSample, statisticNames, wrongOutOfSpan, type SgdSetting } from './sgdSamples.ts';
import { maxKsPermutationTest, type TwoSampleResult } from './twoSample.ts';

/**
 * The setting of the comparison: 20 steps of lr 0.05 on batches of 16
 * (flow time 1). Chosen so that the out-of-span noise is a large part of
 * the motion (its shrinkage of the overlaps, ~lr^2 (d - K) E|c|^2 / 2 per
 * step, adds up to O(1) over the run at d = 64) and 100 tfjs runs cost ~3 s.
 */
export const TWO_SAMPLE_SETTING: SgdSetting = { learningRate: 0.05, batch: 16, steps: 20 };

/** A configuration for comparing SGD engines: sizes, teacher geometry, seed, and where the student starts. */
export interface SgdCase {
  readonly config: MoeConfig;
  /** 'random': uniform on the spheres; 'near-teacher': alignments ~1/sqrt(2) with the teacher (nearTeacher in sgdSamples.ts). */
  readonly start: 'random' | 'near-teacher';
}

/** The variants a case compares with the full-d tfjs SGD: the exact span step and the wrong ones. */
export type SpanVariant = 'exact' | 'dropped' | 'spanNotSubtracted';

/** One case's outcome: the test of each span variant against the same tfjs sample. */
export interface TwoSampleCase {
  d: number;
  /** K, the span dimension min(d, 2(m + m*)) for a generic start. */
  spanDim: number;
  results: Record<string, TwoSampleResult & { worstName: string }>;
}

/**
 * Runs `runs` full-d tfjs SGD runs and `runs` span-SGD runs of each variant
 * from the case's start, and tests each span sample against the tfjs one
 * (maxKsPermutationTest, `permutations` relabellings). Seeds: the case's
 * config seed names the start; the data seeds of the engines differ.
 */
export async function twoSampleCase(
  c: SgdCase, runs: number, permutations: number, variants: readonly SpanVariant[], setting = TWO_SAMPLE_SETTING,
): Promise<TwoSampleCase> {
  const p = drawConfig(c.config);
  const { d, m, mStar, seed } = c.config;
  const student = c.start === 'near-teacher' ? nearTeacher(p.teacher, p.student) : p.student;
  const full = await fullSgdSample(p.teacher, student, setting, runs, `two-sample:${seed}:full`);
  const names = statisticNames(m, mStar);
  const rng = new SeedStreams(`two-sample:${seed}`).stream('permutations');
  const results: TwoSampleCase['results'] = {};
  for (const v of variants) {
    const sampler = v === 'exact' ? undefined : wrongOutOfSpan(v, d);
    const span = spanSgdSample(p.teacher, student, d, setting, runs, `two-sample:${seed}:span-${v}`, sampler);
    const r = maxKsPermutationTest(span, full, permutations, rng);
    results[v] = { ...r, worstName: names[r.worst] };
  }
  return { d, spanDim: Math.min(d, 2 * (m + mStar)), results };
}
