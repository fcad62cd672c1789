import { describe, expect, test } from 'vitest';
import type { Stage, StageEvent } from '../generated/metrics.ts';
import type { ClaimThresholds } from '../generated/scenario.ts';
import type { Pruning } from '../generated/metrics.ts';
import { claimFineTuning, claimGuided, claimPruning, claimRecovery, claimSequential, num, SEQUENTIAL_GAP } from './pointClaims.ts';

const TH: ClaimThresholds = {
  recoveryThreshold: 0.9, recoveryTimeBound: null, pruneLossTolerance: 1e-8, fineTuneLoss: 1e-12, fineTuneAlignmentGap: 1e-9,
} as ClaimThresholds;

/** A pruning of m = 4 students keeping `kept` of them with the given loss change (C4's inputs). */
function pruning(kept: number[], lossChange: number): Pruning {
  const removed = [0, 1, 2, 3].filter((i) => !kept.includes(i)).map((student) => ({ student, reason: 'test' }));
  const empty = { router: [], expert: [] };
  return { rule: 'test', kept, removed, lossBefore: 1e-7, lossAfter: 1e-7 + lossChange, lossChange, tolerance: TH.pruneLossTolerance, before: empty, after: empty };
}

/** A stage of two teachers matched to students 0 and 1 with the given final alignments and events. */
function stage(events: StageEvent[], final: [number, number][] = [[1, 1], [1, 1]], losses: number[] = [1, 1e-13]): Stage {
  const records = losses.map((loss, k) => ({ t: k, loss, router: [[0, 0], [0, 0]], expert: [[0, 0], [0, 0]] }));
  return {
    engine: 'test', horizon: 10, wallSeconds: 0, records, events,
    final: { t: losses.length - 1, loss: losses[losses.length - 1], router: [[0, 0], [0, 0]], expert: [[0, 0], [0, 0]] },
    matching: final.map(([expert, router], j) => ({ teacher: j, student: j, expert, router })),
  };
}
const ev = (teacher: number, kind: 'expert' | 'router', t: number): StageEvent => ({ teacher, student: teacher, kind, threshold: 0.9, t });

describe('point claims on hand-made stages', () => {
  test('C1 holds at a recovery time within the bound, fails without one and names the unrecovered teacher', () => {
    expect(claimRecovery(stage([]), 4, 100, TH).verdict).toBe('holds');
    expect(claimRecovery(stage([]), 4, 100, TH).details).toMatchObject({ T: 4, TOverSqrtD: 0.4 });
    const f = claimRecovery(stage([], [[1, 1], [0.809, 0.99]]), null, 100, TH);
    expect(f.verdict).toBe('fails');
    expect(f.evidence).toContain('teacher 1 (student 1: expert 0.809');
    expect(claimRecovery(stage([]), 12, 100, TH).verdict).toBe('fails'); // after the horizon (10)
  });

  test('C2 holds when every expert event precedes its router event and fails when one router leads', () => {
    expect(claimGuided(stage([ev(0, 'expert', 1), ev(0, 'router', 2), ev(1, 'expert', 3), ev(1, 'router', 5)]), TH).verdict).toBe('holds');
    const bad = claimGuided(stage([ev(0, 'expert', 1), ev(0, 'router', 2), ev(1, 'router', 3), ev(1, 'expert', 5)]), TH);
    expect(bad.verdict).toBe('fails');
    expect(bad.evidence).toContain('teacher(s) 1');
    expect(claimGuided(stage([ev(0, 'expert', 1)]), TH).verdict).toBe('not-evaluated');
  });

  test('C3 fails on simultaneous recoveries (within 1% of the last) and on an unrecovered teacher', () => {
    const seq = [ev(0, 'expert', 1), ev(0, 'router', 2), ev(1, 'expert', 3), ev(1, 'router', 5)];
    expect(claimSequential(stage(seq), TH).verdict).toBe('holds');
    const tie = [ev(0, 'expert', 1), ev(0, 'router', 5), ev(1, 'expert', 3), ev(1, 'router', 5.04)];
    expect(claimSequential(stage(tie), TH).verdict).toBe('fails');
    expect(claimSequential(stage([ev(0, 'expert', 1), ev(0, 'router', 2)]), TH).verdict).toBe('not-evaluated');
  });

  test('C5 needs the loss target, the alignments and a fitted linear rate, unless the stage starts at the target', () => {
    const withRate = { ...stage([]), rate: { perTime: 0.5, r2: 0.99, points: 10 } };
    expect(claimFineTuning(withRate, TH).verdict).toBe('holds');
    expect(claimFineTuning(stage([]), TH).verdict).toBe('fails'); // no rate fitted
    expect(claimFineTuning({ ...withRate, final: { ...withRate.final, loss: 2e-12 } }, TH).verdict).toBe('fails');
    expect(claimFineTuning({ ...withRate, matching: withRate.matching.map((m) => ({ ...m, expert: 1 - 1e-8 })) }, TH).verdict).toBe('fails');
    const atTarget = claimFineTuning(stage([], undefined, [1e-13]), TH);
    expect(atTarget.verdict).toBe('holds');
    expect(atTarget.evidence).toContain('started at the target');
  });
});

describe('numbers in evidence', () => {
  test('use the one number format at 4 significant digits: integers as they are, exponents without padding, a missing value as a dash', () => {
    expect([num(24.5), num(0.77477), num(10000), num(1.0923e-5), num(3.2e-12), num(0), num(null), num(Number.NaN)])
      .toEqual(['24.5', '0.7748', '10000', '1.092e-5', '3.2e-12', '0', '—', '—']);
  });
});

/*
 * Every threshold a point claim uses, with a case on each side of it: a claim
 * that moved its threshold (a wider gap, a looser tolerance, a strict test
 * made lax) fails one of these.
 */
describe('point claims on each side of their thresholds', () => {
  test(`C3: two recoveries 5% of the last apart are sequential, 0.5% apart simultaneous (gap ${SEQUENTIAL_GAP * 100}%)`, () => {
    const times = (a: number, b: number) => [ev(0, 'expert', a / 2), ev(0, 'router', a), ev(1, 'expert', b / 2), ev(1, 'router', b)];
    const apart = claimSequential(stage(times(95, 100)), TH);
    expect(apart.verdict, apart.evidence).toBe('holds');
    const together = claimSequential(stage(times(99.5, 100)), TH);
    expect(together.verdict, together.evidence).toBe('fails');
    expect(together.evidence).toContain('simultaneous');
    // The gap is relative to the last recovery: the same 0.5 apart at t = 5 is 10%, sequential.
    expect(claimSequential(stage(times(4.5, 5)), TH).verdict).toBe('holds');
  });

  test('C4: the loss may fall by any amount and rise by at most the tolerance; exactly m* students must remain', () => {
    const tol = TH.pruneLossTolerance;
    expect(claimPruning(pruning([0, 1], 0.5 * tol), 2, TH).verdict).toBe('holds');
    expect(claimPruning(pruning([0, 1], 2 * tol), 2, TH).verdict).toBe('fails');
    // figure1 at seed 2: pruning lowers the loss from 1.07e-7 to 8.35e-9, far more than the tolerance.
    const lower = claimPruning(pruning([0, 1], 8.35e-9 - 1.07e-7), 2, TH);
    expect(lower.verdict, lower.evidence).toBe('holds');
    expect(lower.evidence).toContain('a decrease always');
    expect(claimPruning(pruning([0], 0), 2, TH).verdict).toBe('fails');
    expect(claimPruning(pruning([0, 1, 2], 0), 2, TH).verdict).toBe('fails');
  });

  test('C1: recovered at the bound holds, just after it fails', () => {
    const th = { ...TH, recoveryTimeBound: 5 };
    expect(claimRecovery(stage([]), 5, 100, th).verdict).toBe('holds');
    expect(claimRecovery(stage([]), 5.001, 100, th).verdict).toBe('fails');
  });

  test('C2: an expert event just before its router event holds, at the same time it fails', () => {
    expect(claimGuided(stage([ev(0, 'expert', 1.999), ev(0, 'router', 2)]), TH).verdict).toBe('holds');
    expect(claimGuided(stage([ev(0, 'expert', 2), ev(0, 'router', 2)]), TH).verdict).toBe('fails');
  });

  test('C5: loss at the target holds, above it fails; alignment gap, rate r^2 and rate sign likewise', () => {
    const withRate = (o: { loss?: number; gap?: number; r2?: number; perTime?: number; start?: number } = {}) => {
      const base = stage([], undefined, [o.start ?? 1, o.loss ?? 1e-12]);
      const al = 1 - (o.gap ?? 0);
      return { ...base, rate: { perTime: o.perTime ?? 0.5, r2: o.r2 ?? 0.99, points: 10 }, matching: base.matching.map((m) => ({ ...m, expert: al, router: al })) };
    };
    const verdict = (o: Parameters<typeof withRate>[0]) => claimFineTuning(withRate(o), TH).verdict;
    expect(verdict({ loss: TH.fineTuneLoss })).toBe('holds');
    expect(verdict({ loss: 1.01 * TH.fineTuneLoss })).toBe('fails');
    expect(verdict({ gap: 0.5 * TH.fineTuneAlignmentGap })).toBe('holds');
    expect(verdict({ gap: 2 * TH.fineTuneAlignmentGap })).toBe('fails');
    expect(verdict({ r2: 0.91 })).toBe('holds');
    expect(verdict({ r2: 0.89 })).toBe('fails');
    expect(verdict({ perTime: -0.5 })).toBe('fails');
    // Without a rate: a stage that starts at the target holds, one that starts just above fails.
    const noRate = (start: number) => claimFineTuning(stage([], undefined, [start, 1e-13]), TH).verdict;
    expect(noRate(TH.fineTuneLoss)).toBe('holds');
    expect(noRate(1.01 * TH.fineTuneLoss)).toBe('fails');
  });
});
