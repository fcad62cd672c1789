import { describe, expect, it } from 'vitest';
import { integrateFlow } from '../dynamics/flow/integrateFlow.ts';
import { fromRows } from '../core/mat.ts';
import { InputError } from '../core/errors.ts';
import { orthogonalPair } from '../../test-support/orthogonalPair.ts';
import { leadingOrderLossGrad } from './leadingOrderLossGrad.ts';
import { multiPairEvents, PAIRED } from './multiPairFlow.ts';
import { multiPairEventsInThread } from './multiPairThread.ts';
import { SeedStreams } from '../core/streams.ts';
import { sampleReducedProblem } from '../model/reducedSampling.ts';

describe('multiPairEvents', () => {
  it('gives the exact flow\'s events where the leading-order loss is exact (one pair, routers orthogonal to experts)', () => {
    const p = orthogonalPair(0.05, 0.01);
    const opts = { time: 40, threshold: 0.9, stopWhenRecovered: true, rtol: 1e-10, atol: 1e-12, maxStep: 0.05 };
    const flowOpts = { ...opts, uniformPoints: 2, logPoints: 0 };
    const ex = integrateFlow(p.teacher, p.student, { ...flowOpts, quadratureNodes: 64 }).events;
    // The model's flow to recovery has the exact flow's events, router included ...
    const model = integrateFlow(p.teacher, p.student, { ...flowOpts, lossGrad: leadingOrderLossGrad }).events;
    expect(model.map((e) => [e.kind, e.student])).toEqual(ex.map((e) => [e.kind, e.student]));
    expect(model.map((e) => e.kind)).toEqual(['expert', 'router']);
    model.forEach((e, k) => expect(Math.abs(e.t - ex[k].t)).toBeLessThan(1e-6));
    // ... and multiPairEvents stops at the expert event, the one it predicts, with the same time.
    const lo = multiPairEvents(p.teacher, p.student, opts);
    expect(lo.events).toEqual([model[0]]);
    expect(lo.pairedAt).toEqual([null]);
  });

  it('marks two students whose experts are antiparallel as a cancelling pair, and a third one not', () => {
    const c = Math.sqrt(1 - 0.95 ** 2);
    const teacher = { routers: fromRows([[1, 0, 0, 0, 0]]), experts: fromRows([[0, 1, 0, 0, 0]]) };
    const student = {
      routers: fromRows([[0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 1]]),
      experts: fromRows([[0, 0.1, 0, Math.sqrt(0.99), 0], [0, -0.1 * 0.95, 0, -0.95 * Math.sqrt(0.99) + 0, c], [0.6, 0, 0, 0, 0.8]]),
    };
    const { pairedAt } = multiPairEvents(teacher, student, { time: 5, threshold: 0.9, stopWhenRecovered: false });
    // Initial overlap of experts 0 and 1: -0.95 * 0.01 - 0.95 * 0.99 = -0.95, beyond -PAIRED.
    expect(PAIRED).toBeLessThan(0.95);
    expect(pairedAt[0]).not.toBeNull();
    expect(pairedAt[1]).not.toBeNull();
    expect(pairedAt[2]).toBeNull();
  });

  it('gives the same prediction, bit for bit, on a thread of its own', async () => {
    const s = new SeedStreams(3);
    const { teacher, student } = sampleReducedProblem(2, 4, 64, s.stream('teacher'), s.stream('student'));
    const opts = { time: 200, threshold: 0.9, stopWhenRecovered: false };
    const here = multiPairEvents(teacher, student, opts);
    expect(here.events.filter((e) => e.kind === 'expert')).toHaveLength(2);
    const aside = multiPairEventsInThread(teacher, student, opts);
    expect(await aside.result).toEqual(here);
    expect(aside.ranHere).toBe(false);
  });

  it('on the thread, a model that fails fails in place with its own error', async () => {
    const p = orthogonalPair(0.05, 0.01);
    const aside = multiPairEventsInThread(p.teacher, p.student, { time: -1, threshold: 0.9, stopWhenRecovered: false });
    await expect(aside.result).rejects.toThrow(InputError);
    expect(aside.ranHere).toBe(true);
  });
});
