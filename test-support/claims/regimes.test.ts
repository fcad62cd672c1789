import { describe, expect, it } from 'vitest';
import type { PointClaimId } from './claimPoint.ts';
import { batchMayStop, PAPER_SETTING_REGIME, rateThreshold } from './regimes.ts';

type V = Record<PointClaimId, string>;
const THEORY_HELD = { C7: 'holds', C8: 'holds', C9: 'holds', C10: 'holds', C11: 'holds' };
const THEORY_UNJUDGED = { C7: 'not-evaluated', C8: 'not-evaluated', C9: 'not-evaluated', C10: 'not-evaluated', C11: 'not-evaluated' };
const run = (v: Partial<V> = {}): V => ({ C1: 'holds', C2: 'holds', C3: 'holds', C4: 'fails', C5: 'holds', ...THEORY_HELD, ...v });
const r = PAPER_SETTING_REGIME;

describe('a growing rate batch (the paper setting: C2 per run, C5 >= 6, C1, C3 and C7-C11 >= 1 of 12)', () => {
  it('reads its counts off the whole batch', () => {
    expect([rateThreshold(0.5, 12), rateThreshold(0.08, 12)]).toEqual([6, 1]);
  });

  it('never stops before its minimum, even when every count is reached', () => {
    expect(batchMayStop(r, [run(), run(), run(), run(), run()], 6, 12)).toBe(false);
    expect(batchMayStop(r, Array.from({ length: 6 }, () => run()), 6, 12)).toBe(true);
  });

  it('goes on while a rate claim is short of its count, and stops once it is reached', () => {
    const six = [run({ C5: 'fails' }), run(), run(), run(), run(), run()];
    expect(batchMayStop(r, six, 6, 12)).toBe(false); // C5 on 5 of the needed 6
    expect(batchMayStop(r, [...six, run({ C1: 'fails' })], 6, 12)).toBe(true);
    const noRecovery = Array.from({ length: 6 }, () => run({ C1: 'fails' }));
    expect(batchMayStop(r, noRecovery, 6, 12)).toBe(false); // C1 on 0 of the needed 1
    const noTheory = Array.from({ length: 6 }, () => run(THEORY_UNJUDGED));
    expect(batchMayStop(r, noTheory, 6, 12)).toBe(false); // C7-C11 on 0 of the needed 1 each
    expect(batchMayStop(r, [...noTheory, run()], 6, 12)).toBe(true);
  });

  it('stops on a broken per-run claim (the property fails), and passes C2 where it is not judged', () => {
    const broken = [run({ C2: 'fails' }), ...Array.from({ length: 5 }, () => run({ C1: 'fails' }))];
    expect(batchMayStop(r, broken, 6, 12)).toBe(true);
    const unjudged = [run({ C2: 'not-evaluated' }), ...Array.from({ length: 5 }, () => run())];
    expect(batchMayStop(r, unjudged, 6, 12)).toBe(true);
  });
});
