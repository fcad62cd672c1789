import { describe, expect, test } from 'vitest';
import type { Point } from '../generated/metrics.ts';
import { recoveryFailureModes } from './failureModes.ts';

/** A point whose feature learning ended at these final alignments (rows: students; one teacher), teacher 0 matched to `matched`. */
function point(router: number[], expert: number[], matched: number): Point {
  return {
    featureLearning: {
      final: { t: 1, loss: 0, router: router.map((x) => [x]), expert: expert.map((x) => [x]) },
      matching: [{ teacher: 0, student: matched, expert: expert[matched], router: router[matched] }],
    },
  } as unknown as Point;
}

describe('recovery failure modes', () => {
  test('a recovered teacher has none; each mode is recognised from the final alignments', () => {
    expect(recoveryFailureModes(point([0.99, 0.1], [0.99, 0.2], 0))).toEqual([]);
    // The state of a real C1 failure (npm run verify): four students on the teacher's router, experts 0.809, 0.809, -0.309, -0.309.
    expect(recoveryFailureModes(point([0.06, 0.999, 0.999, 0.9998, 0.9998], [0.1, 0.8093, 0.8086, -0.309, -0.3094], 1))[0].mode).toBe('pentagon-group');
    expect(recoveryFailureModes(point([0.95, 0.97, 0.1], [0.6, 0.5, 0.1], 0))[0].mode).toBe('shared-router-group');
    expect(recoveryFailureModes(point([0.7, 0.1], [0.999, 0.1], 0))[0].mode).toBe('router-lagging');
    expect(recoveryFailureModes(point([0.03, 0.1], [0.004, 0.02], 0))[0].mode).toBe('stuck');
    expect(recoveryFailureModes(point([0.5, 0.1], [0.7, 0.1], 0))[0].mode).toBe('other');
  });
});
