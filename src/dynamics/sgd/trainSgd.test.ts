import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { matchStudents } from '../../measure/matching.ts';
import { alignments } from '../../measure/alignment.ts';
import { DivergenceError, InputError } from '../../core/errors.ts';
import { initStudent, makeTeacher } from '../../model/teacher.ts';
import { SeedStreams } from '../../core/streams.ts';
import { trainSgd } from './trainSgd.ts';
import type { SgdOptions } from './sgdOptions.ts';

const seeds = new SeedStreams('sgd-test');
const d = 8;
const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, seeds.stream('teacher'));
const student = initStudent(3, d, seeds.stream('student'));
// Inline sampling unless the worker is the point: a worker costs ~0.5 s to start (tsx in the thread).
const small: SgdOptions = { learningRate: 0.05, batch: 32, steps: 40, recordEvery: 10, evalSamples: 256, prefetch: false };

describe('trainSgd', () => {
  it.each(['cpu', 'wasm'] as const)('same seed, same trajectory on the %s backend, with or without the sampler worker', async (backend) => {
    const a = await trainSgd(teacher, student, seeds, { ...small, backend, prefetch: true });
    const b = await trainSgd(teacher, student, seeds, { ...small, backend, prefetch: false });
    expect(a.backend.name).toBe(backend);
    expect(b.records).toEqual(a.records);
    expect(Array.from(b.student.experts.data)).toEqual(Array.from(a.student.experts.data));
    // ...and the data stream matters: another root seed moves the trajectory.
    const c = await trainSgd(teacher, student, new SeedStreams('other'), { ...small, backend, prefetch: false });
    expect(c.records[c.records.length - 1].expert).not.toEqual(a.records[a.records.length - 1].expert);
  });

  it('records step 0, every recordEvery steps and the last step, with t = step x lr and m x m* matrices', async () => {
    const r = await trainSgd(teacher, student, seeds, { ...small, steps: 25, backend: 'cpu', prefetch: false });
    expect(r.records.map((x) => x.step)).toEqual([0, 10, 20, 25]);
    for (const x of r.records) {
      expect(x.t).toBeCloseTo(x.step! * small.learningRate, 12);
      expect(x.expert.length).toBe(3);
      expect(x.router[0].length).toBe(2);
    }
    // Record 0 is the initial student's alignment (float32 rounding of the input only).
    const al0 = alignments(student, teacher);
    expect(r.records[0].expert[1][0]).toBeCloseTo(al0.expert.data[1 * 2 + 0], 6);
    // The final student is unit-norm and its alignments are the last record's.
    const last = r.records[r.records.length - 1];
    expect(alignments(r.student, teacher).expert.data[0]).toBeCloseTo(last.expert[0][0], 6);
    expect(r.steps).toBe(25);
  });

  it('learns: at d = 8 the matched students reach expert alignment 0.9 and the held-out loss falls 5-fold', async () => {
    // lr 0.02, B = 256 to flow time 20 (1000 steps): measured 3.48 -> 0.35, then an SGD noise floor
    // (the redundant third student keeps wandering); a wrong gradient sign or scale does not learn at all.
    const r = await trainSgd(teacher, student, seeds, { learningRate: 0.02, batch: 256, time: 20, recordEvery: 100, evalSamples: 1024, backend: 'wasm', prefetch: false });
    const last = r.records[r.records.length - 1];
    expect(last.loss).toBeLessThan(r.records[0].loss / 5);
    const al = alignments(r.student, teacher);
    for (const mt of matchStudents(al)) expect(mt.expert).toBeGreaterThanOrEqual(0.9);
    // Each teacher gets an expert event, at a time within the run.
    const expertEvents = r.events.filter((e) => e.kind === 'expert');
    expect(expertEvents.map((e) => e.teacher).sort()).toEqual([0, 1]);
    for (const e of expertEvents) expect(e.t).toBeLessThanOrEqual(last.t);
  });

  it('a too-large step overflows float32 and stops with a DivergenceError naming the step and value; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const run = trainSgd(teacher, student, seeds, { ...small, learningRate: 1e25, backend: 'cpu', prefetch: true });
    await expect(run).rejects.toThrow(DivergenceError);
    await expect(trainSgd(teacher, student, seeds, { ...small, learningRate: 1e25, backend: 'cpu' })).rejects.toThrow(
      /step 1 \(learning rate 1e\+25\): \|u - lr g\| = Infinity/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a loss above divergenceFactor x the initial loss stops the run with the value', async () => {
    // A bound below the initial loss itself: the first batch must trip it.
    await expect(trainSgd(teacher, student, seeds, { ...small, divergenceFactor: 1e-3, backend: 'cpu' })).rejects.toThrow(
      /step 1 \(learning rate 0.05\): batch loss [0-9.e+-]+ exceeds the bound/,
    );
  });

  it('the teacher is a fixed point: started there with a stable step, SGD stays (no false divergence at loss ~0)', async () => {
    const r = await trainSgd(teacher, teacher, seeds, { ...small, learningRate: 0.05, backend: 'cpu', prefetch: false });
    const last = r.records[r.records.length - 1];
    expect(last.loss).toBeLessThan(1e-9); // float32 rounding only (measured ~4e-11)
    expect(last.expert[0][0]).toBeGreaterThan(1 - 1e-6);
    expect(last.router[1][1]).toBeGreaterThan(1 - 1e-6);
  });

  it('a too-large step makes the fixed point unstable, but on the spheres the loss stays bounded (no DivergenceError)', async () => {
    // Measured: from the teacher at lr 0.5, rounding errors grow ~3.6x per step (loss 9e-8 at step 5,
    // 0.1 at step 15, ~5 at step 40): lr is past the stability limit 2/lambda_max of the linearised step.
    // Renormalisation keeps every direction on its sphere, so the loss goes to chance level, not to infinity.
    const r = await trainSgd(teacher, teacher, seeds, { ...small, learningRate: 0.5, backend: 'cpu', prefetch: false });
    const losses = r.records.map((x) => x.loss);
    expect(losses[0]).toBeLessThan(1e-9);
    expect(Math.max(...losses)).toBeGreaterThan(0.1);
    expect(Math.max(...losses)).toBeLessThan(100);
  });

  it('disposes every tensor of a run', async () => {
    await trainSgd(teacher, student, seeds, { ...small, steps: 2, backend: 'wasm' }); // warm the backend
    // With the worker: its buffers and thread are released too.
    const before = tf.memory().numTensors;
    await trainSgd(teacher, student, seeds, { ...small, backend: 'wasm', prefetch: true });
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ learningRate: 0 }, /learningRate: must be a finite number > 0/],
    [{ batch: 2.5 }, /batch: must be an integer >= 1/],
    [{ time: 1 }, /give exactly one of steps/],
    [{ recordEvery: 0 }, /recordEvery/],
    [{ threshold: 1.5 }, /threshold/],
  ] as [Partial<SgdOptions>, RegExp][])('rejects bad options %j with an InputError', async (bad, msg) => {
    const run = trainSgd(teacher, student, seeds, { ...small, ...bad, backend: 'cpu' });
    await expect(run).rejects.toThrow(InputError);
    await expect(trainSgd(teacher, student, seeds, { ...small, ...bad, backend: 'cpu' })).rejects.toThrow(msg);
  });

  it('rejects a student in another dimension', async () => {
    const other = initStudent(3, d + 1, seeds.stream('student'));
    await expect(trainSgd(teacher, other, seeds, { ...small, backend: 'cpu' })).rejects.toThrow(/student.routers: rows must have length d = 8/);
  });
});
