import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { makeProblem, teacherWithCancellingPairs } from '../../../test-support/problems.ts';
import { SeedStreams } from '../../core/streams.ts';
import { parallelism, parallelStats, setParallelism } from './parallelism.ts';
import { populationLoss, populationLossGrad, type PopulationLossGrad } from '../quadrature.ts';

/**
 * Problems large enough to be split (pairs x nodes^2 above MIN_PARALLEL_WORK), of each kind; the
 * first (24 directions in R^60) outgrows the pool's initial buffers, so their hand-over is covered.
 */
const PROBLEMS = [
  makeProblem({ mStar: 3, m: 9, d: 60, seed: 1, kind: 'generic' }),
  makeProblem({ mStar: 3, m: 9, d: 20, seed: 2, kind: 'near-collinear' }),
  makeProblem({ mStar: 3, m: 9, d: 20, seed: 3, kind: 'cancelling' }),
];
const NODES = 24;
/** The pool splits Gauss-Hermite batches only (a tabulated-moment batch is too small to share). */
const GH = { kernel: 'gauss-hermite', nodes: NODES } as const;

function bits(g: PopulationLossGrad): number[] {
  return [g.loss, ...g.routers.data, ...g.experts.data, ...g.gramGradient.data];
}

/** Waits (polling, never on a timing) until the helper threads have loaded. */
async function helpersReady(): Promise<void> {
  for (let i = 0; i < 600 && !parallelStats().ready; i++) await new Promise((r) => setTimeout(r, 50));
  expect(parallelStats().ready, 'helper thread did not start within 30 s').toBe(true);
}

describe('setParallelism', () => {
  afterAll(() => setParallelism(1));

  it('rejects thread counts that are not integers in [1, 64], naming the setting', () => {
    for (const bad of [0, -1, 1.5, 65, Number.NaN]) {
      expect(() => setParallelism(bad)).toThrow(InputError);
      expect(() => setParallelism(bad)).toThrow(/threads/);
    }
    expect(parallelism()).toBe(1);
  });

  it('gives bit-identical loss and gradient on 2 threads, with the helper doing part of the work', async () => {
    const serial = PROBLEMS.map((p) => bits(populationLossGrad(p.teacher, p.student, GH)));
    const serialLoss = PROBLEMS.map((p) => populationLoss(p.teacher, p.student, GH));
    setParallelism(2);
    expect(parallelism()).toBe(2);
    await helpersReady();
    // Which thread takes which chunk is up to the scheduler; repeat until the helper has taken some
    // (it almost always does on the first batch), so that the comparison covers its results.
    for (let round = 0; round < 50 && parallelStats().helperPairs === 0; round++) {
      PROBLEMS.forEach((p, k) => expect(bits(populationLossGrad(p.teacher, p.student, GH))).toEqual(serial[k]));
    }
    expect(parallelStats().helperPairs).toBeGreaterThan(0);
    PROBLEMS.forEach((p, k) => {
      expect(bits(populationLossGrad(p.teacher, p.student, GH))).toEqual(serial[k]);
      expect(populationLoss(p.teacher, p.student, GH)).toBe(serialLoss[k]);
    });
    expect(parallelStats().sharedBatches).toBeGreaterThan(0);
  });

  it('keeps exact cancellation on 2 threads: teacher plus cancelling pairs has loss <= 1e-14', async () => {
    setParallelism(2);
    await helpersReady();
    const rng = new SeedStreams('parallel-cancel').stream('shape');
    const { teacher } = makeProblem({ mStar: 4, m: 4, d: 12, seed: 4, kind: 'generic' });
    const student = teacherWithCancellingPairs(teacher, 4, rng);
    expect(Math.abs(populationLoss(teacher, student, GH))).toBeLessThanOrEqual(1e-14);
  });

  it('runs tabulated-moment batches on the calling thread, with the same numbers as without helpers', async () => {
    setParallelism(1);
    const serial = PROBLEMS.map((p) => bits(populationLossGrad(p.teacher, p.student)));
    setParallelism(2);
    await helpersReady();
    const before = parallelStats().sharedBatches;
    PROBLEMS.forEach((p, k) => expect(bits(populationLossGrad(p.teacher, p.student))).toEqual(serial[k]));
    expect(parallelStats().sharedBatches).toBe(before);
  });

  it('runs small batches on the calling thread and goes back to one thread with setParallelism(1)', async () => {
    setParallelism(2);
    await helpersReady();
    const before = parallelStats().sharedBatches;
    const small = makeProblem({ mStar: 1, m: 2, d: 4, seed: 5, kind: 'generic' });
    populationLossGrad(small.teacher, small.student, { kernel: 'gauss-hermite', nodes: 8 });
    expect(parallelStats().sharedBatches).toBe(before);
    setParallelism(1);
    expect(parallelism()).toBe(1);
    expect(parallelStats()).toEqual({ ready: false, sharedBatches: 0, helperPairs: 0, stopped: null });
  });
});
