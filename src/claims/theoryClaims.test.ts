import { describe, expect, test } from 'vitest';
import type { Claim, Point, TeacherPrediction, Theory } from '../generated/metrics.ts';
import type { ClaimThresholds } from '../generated/scenario.ts';
import { claimEscapeLaw, claimFineTuningRate, claimMultiPair, claimPruningComposition, claimRouterLag, relativeBound } from './theoryClaims.ts';
import { claimTimeScale } from './runClaims.ts';

const TH = {
  recoveryThreshold: 0.9, fineTuneLoss: 1e-12, escapeLaw: { coefficient: 1, floor: 1e-3 }, multiPair: { coefficient: 1, floor: 1e-3 },
  routerLag: { routerAtExpertTime: 0.3, tolerance: 0.5 }, fineTuningRate: 0.01, timeLawExponent: { expected: 0.5, tolerance: 0.1 },
} as ClaimThresholds;

/** A teacher prediction: crossing student `student` at r0 with the given predicted and measured times. */
function teacher(o: Partial<TeacherPrediction> & { teacher: number; order: number | null }): TeacherPrediction {
  return {
    student: o.teacher, r0: 0.05, z: 0.05 * Math.sqrt(1000), rho0: 0,
    expertTime: { predicted: 3, measured: 3.01 }, routerAtExpertTime: { predicted: 0.05, measured: 0.06 }, routerLag: { predicted: 5.5, measured: 5.6 },
    multiPair: { predicted: 3.005, student: o.teacher, paired: false, sharedWith: null }, ...o,
  };
}
const theory = (teachers: TeacherPrediction[], fineTuning?: Theory['fineTuning']): Theory => ({ kappa: 4.5, routerRate: 0.256, threshold: 0.9, teachers, ...(fineTuning ? { fineTuning } : {}) });

describe('the theory claims on hand-made predictions', () => {
  test('C7 compares the first-recovered teacher with the closed form within coefficient / (r0 d) + floor', () => {
    const bound = relativeBound(TH.escapeLaw, 0.05, 1000);
    expect(bound).toBeCloseTo(1 / 50 + 1e-3, 14);
    const t = theory([teacher({ teacher: 0, order: 2, expertTime: { predicted: 3, measured: 9 } }), teacher({ teacher: 1, order: 1 })]);
    expect(claimEscapeLaw(t, 1000, TH).verdict).toBe('holds');
    const late = theory([teacher({ teacher: 0, order: 1, expertTime: { predicted: 3, measured: 3 * (1 + 1.1 * bound) } })]);
    expect(claimEscapeLaw(late, 1000, TH).verdict).toBe('fails');
    expect(claimEscapeLaw(theory([teacher({ teacher: 0, order: null })]), 1000, TH).verdict).toBe('not-evaluated');
    const fromBelow = theory([teacher({ teacher: 0, order: 1, r0: -0.01, expertTime: { predicted: null, measured: 4 } })]);
    expect(claimEscapeLaw(fromBelow, 1000, TH)).toMatchObject({ verdict: 'fails' });
  });

  test('C7 and C8 leave out a first crossing the multi-pair model predicts to be held in a cancelling pair', () => {
    const t = theory([teacher({ teacher: 0, order: 1, expertTime: { predicted: 3, measured: 30 }, multiPair: { predicted: 30, student: 0, paired: true, sharedWith: null } })]);
    for (const c of [claimEscapeLaw(t, 1000, TH), claimRouterLag(t, TH)]) {
      expect(c.verdict).toBe('not-evaluated');
      expect(c.evidence).toContain('cancelling pair');
    }
  });

  test('C8 needs a small router at the expert time and the predicted lag', () => {
    expect(claimRouterLag(theory([teacher({ teacher: 0, order: 1 })]), TH).verdict).toBe('holds');
    expect(claimRouterLag(theory([teacher({ teacher: 0, order: 1, routerAtExpertTime: { predicted: 0.05, measured: 0.5 } })]), TH).verdict).toBe('fails');
    expect(claimRouterLag(theory([teacher({ teacher: 0, order: 1, routerLag: { predicted: 5.5, measured: 35 } })]), TH).verdict).toBe('fails');
    expect(claimRouterLag(theory([teacher({ teacher: 0, order: 1, routerLag: { predicted: 5.5, measured: null } })]), TH).verdict).toBe('not-evaluated');
  });

  test('C9 needs every crossing in the run and the model, through the same student, within the bound', () => {
    const ok = theory([teacher({ teacher: 0, order: 1 }), teacher({ teacher: 1, order: 2, expertTime: { predicted: 3, measured: 20 }, multiPair: { predicted: 20.1, student: 1, paired: true, sharedWith: null } })]);
    expect(claimMultiPair(ok, 1000, TH).verdict).toBe('holds');
    const other = theory([teacher({ teacher: 0, order: 1, multiPair: { predicted: 3.01, student: 4, paired: false, sharedWith: null } })]);
    expect(claimMultiPair(other, 1000, TH).verdict).toBe('fails');
    const never = theory([teacher({ teacher: 0, order: null, student: null, expertTime: { predicted: null, measured: null }, multiPair: { predicted: 50, student: 0, paired: false, sharedWith: null } })]);
    expect(claimMultiPair(never, 1000, TH).verdict).toBe('fails');
    const shared = theory([teacher({ teacher: 0, order: 1 }), teacher({ teacher: 1, order: 2, expertTime: { predicted: 3, measured: 20 }, multiPair: { predicted: 30, student: 1, paired: false, sharedWith: 0 } })]);
    expect(claimMultiPair(shared, 1000, TH)).toMatchObject({ verdict: 'holds' });
    expect(claimMultiPair(shared, 1000, TH).evidence).toContain('shared representation');
    const neither = theory([teacher({ teacher: 0, order: null, student: null, expertTime: { predicted: null, measured: null }, multiPair: { predicted: null, student: null, paired: null, sharedWith: null } })]);
    expect(claimMultiPair(neither, 1000, TH).verdict).toBe('not-evaluated');
  });

  test('C10 compares the fitted rate with 2 lambda_min once fine-tuning reached the target', () => {
    const f = (fittedRate: number | null, clusterRate = 0.538) => theory([], { lambdaMin: 0.269, predictedRate: 0.538, clusterRate, fittedRate, hessianDimension: 5 });
    expect(claimFineTuningRate(f(0.5381), TH, true).verdict).toBe('holds');
    expect(claimFineTuningRate(f(0.55), TH, true).verdict).toBe('fails');
    expect(claimFineTuningRate(f(0.545, 0.546), TH, true).verdict).toBe('holds'); // inside a split slowest cluster
    expect(claimFineTuningRate(f(0.52, 0.546), TH, true).verdict).toBe('fails'); // below 2 lambda_min
    expect(claimFineTuningRate(f(0.55), TH, false).verdict).toBe('not-evaluated');
    expect(claimFineTuningRate(f(null), TH, true).verdict).toBe('not-evaluated');
    expect(claimFineTuningRate(theory([]), TH, true).verdict).toBe('not-evaluated');
  });

  test('C11 needs m* kept students, each the one whose expert recovered a teacher, and C5', () => {
    const match = (j: number, student: number, a: number) => ({ teacher: j, student, expert: a, router: a });
    const base = (kept: number[], c5: Claim['verdict'], matching = [match(0, 3, 0.99), match(1, 5, 0.99)]) => ({
      mStar: 2, featureLearning: { matching } as Point['featureLearning'],
      pruning: { kept } as Point['pruning'], claims: [{ id: 'C5', title: 'C5', verdict: c5, evidence: 'e' }] as Claim[],
    });
    expect(claimPruningComposition(base([3, 5], 'holds'), TH).verdict).toBe('holds');
    expect(claimPruningComposition(base([3, 5], 'fails'), TH).verdict).toBe('fails');
    expect(claimPruningComposition(base([3, 4], 'holds'), TH).verdict).toBe('fails');
    expect(claimPruningComposition(base([3, 5], 'holds', [match(0, 3, 0.99), match(1, 5, 0.81)]), TH).verdict).toBe('fails');
    // A lagging router does not matter: the expert identifies the recovered student.
    const lag = base([3, 5], 'holds', [match(0, 3, 0.99), { teacher: 1, student: 5, expert: 0.9997, router: 0.87 }]);
    expect(claimPruningComposition(lag, TH)).toMatchObject({ verdict: 'holds', details: { routersLagging: 1 } });
  });

  test('C6 fits ln(T z) on ln d over the first teachers, leaving out predicted cancelling pairs, and reports the full-recovery fit', () => {
    const point = (d: number, z: number, T: number, paired = false, full: number | null = 2 * T) => ({
      d, claims: [{ id: 'C1', title: 'C1', verdict: 'holds', evidence: 'e', details: { T: full, TOverSqrtD: null } }],
      theory: theory([teacher({ teacher: 0, order: 1, r0: z / Math.sqrt(d), z, expertTime: { predicted: null, measured: T }, multiPair: { predicted: T, student: 0, paired, sharedWith: null } })]),
    }) as unknown as Point;
    // T = sqrt(d) / (4.5 z): T z = sqrt(d) / 4.5 exactly on the law.
    const pts = [1e3, 1e4, 1e5, 1e6].flatMap((d) => [0.5, 2].map((z) => point(d, z, Math.sqrt(d) / (4.5 * z))));
    const c = claimTimeScale([...pts, point(1e6, 1, 1e6, true)], TH);
    expect(c.verdict).toBe('holds');
    expect((c.details as { slope: number }).slope).toBeCloseTo(0.5, 10);
    expect((c.details as { points: number }).points).toBe(8);
    expect((c.details as { fullRecovery: { points: number } }).fullRecovery.points).toBe(9);
    const linear = [1e3, 1e4, 1e5].map((d) => point(d, 1, d));
    expect(claimTimeScale(linear, TH).verdict).toBe('fails');
    expect(claimTimeScale([pts[0]], TH).verdict).toBe('not-evaluated');
  });
});
