import { describe, expect, it } from 'vitest';
import type { ThresholdEvent } from '../measure/events.ts';
import { escapeTime } from './escapeTime.ts';
import { onePairPassage } from './onePairPassage.ts';
import { teacherPredictions } from './teacherPredictions.ts';

const ev = (teacher: number, student: number, kind: 'expert' | 'router', t: number, other?: number): ThresholdEvent => ({ teacher, student, kind, threshold: 0.9, t, ...(other !== undefined ? { other } : {}) });

/** 3 students, 2 teachers: teacher 1 crossed first (student 2), teacher 0 later (student 0), no router event for teacher 0. */
const stage = {
  records: [{ t: 0, loss: 1, expert: [[0.02, -0.01], [0.005, 0.01], [-0.03, 0.04]], router: [[0.01, 0], [0, 0], [0, -0.02]] }],
  events: [ev(1, 2, 'expert', 3, 0.05), ev(1, 2, 'router', 8.5, 1), ev(0, 0, 'expert', 7, 0.04)],
};

describe('teacherPredictions', () => {
  it('reads the crossing student\'s initial overlaps and predicts its expert time, router overlap and lag', () => {
    const [t0, t1] = teacherPredictions(stage, 2, 1000, 0.9);
    expect(t1).toMatchObject({ teacher: 1, order: 1, student: 2, r0: 0.04, rho0: -0.02 });
    expect(t1.z).toBeCloseTo(0.04 * Math.sqrt(1000), 12);
    expect(t1.expertTime).toEqual({ predicted: escapeTime(0.04, 0.9), measured: 3 });
    const pass = onePairPassage(0.04, -0.02, 0.9);
    expect(t1.routerAtExpertTime).toEqual({ predicted: pass.routerAtExpertTime, measured: 0.05 });
    expect(t1.routerLag).toEqual({ predicted: pass.lag, measured: 5.5 });
    expect(t0).toMatchObject({ teacher: 0, order: 2, student: 0, r0: 0.02 });
    expect(t0.routerLag.measured).toBeNull();
    expect(t0.multiPair).toBeUndefined();
  });

  it('gives no prediction for a crossing from a non-positive overlap, and none for a teacher never crossed', () => {
    const s = { ...stage, events: [ev(0, 2, 'expert', 4)] };
    const [t0, t1] = teacherPredictions(s, 2, 1000, 0.9);
    expect(t0.r0).toBe(-0.03);
    expect(t0.expertTime).toEqual({ predicted: null, measured: 4 });
    expect(t0.routerLag.predicted).toBeNull();
    expect(t1).toMatchObject({ order: null, student: null, r0: null, expertTime: { predicted: null, measured: null } });
  });

  it('takes the multi-pair model\'s time, crossing student, and whether it paired or shared another teacher first', () => {
    // Student 1 shared teacher 1 (from t = 4) before crossing teacher 0 at 9; student 2 shared teacher 1 itself, which does not count.
    const sharedAt = [[null, null], [null, 4], [null, 2]];
    const multiPair = { events: [ev(1, 2, 'expert', 3.1), ev(0, 1, 'expert', 9)], pairedAt: [null, 2, null], sharedAt };
    const [t0, t1] = teacherPredictions(stage, 2, 1000, 0.9, multiPair);
    expect(t1.multiPair).toEqual({ predicted: 3.1, student: 2, paired: false, sharedWith: null });
    expect(t0.multiPair).toEqual({ predicted: 9, student: 1, paired: true, sharedWith: 1 });
  });
});
