import { describe, expect, test } from 'vitest';
import type { Stage, StageEvent } from '../generated/metrics.ts';
import type { ClaimThresholds } from '../generated/scenario.ts';
import { claimFineTuning, claimGuided, claimRecovery, claimSequential, num } from './pointClaims.ts';

const TH: ClaimThresholds = {
  recoveryThreshold: 0.9, recoveryTimeBound: null, pruneLossTolerance: 1e-8, fineTuneLoss: 1e-12, fineTuneAlignmentGap: 1e-9,
} as ClaimThresholds;

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
