/**
 * Memory soak of online SGD: checks that tfjs tensors are disposed, so that
 * memory stays flat over 10^5 steps. Runs 10^5 small steps (d = 10, m = 4,
 * m* = 2, batch 32) and prints one JSON line per 10^4 steps with the live
 * tfjs tensor count, tfjs bytes, process RSS and V8 heap.
 *
 *   npx tsx tools/memorySoak.ts [--backend wasm|cpu] [--steps 100000]
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import type { BackendPreference } from '../src/dynamics/sgd/selectBackend.ts';
import { initStudent, makeTeacher } from '../src/model/teacher.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { trainSgd } from '../src/dynamics/sgd/trainSgd.ts';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'wasm' }, steps: { type: 'string', default: '100000' } } });
const steps = Number(values.steps);
const seeds = new SeedStreams('memory-soak');
const d = 10;
const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, seeds.stream('teacher'));
const student = initStudent(4, d, seeds.stream('student'));
const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
const sample = (step: number) => {
  const mem = tf.memory();
  const p = process.memoryUsage();
  process.stdout.write(JSON.stringify({ step, numTensors: mem.numTensors, tfBytes: mem.numBytes, rssMB: mb(p.rss), heapUsedMB: mb(p.heapUsed) }) + '\n');
};
const result = await trainSgd(teacher, student, seeds, {
  learningRate: 0.01,
  batch: 32,
  steps,
  recordEvery: 1000,
  evalSamples: 256,
  backend: values.backend as BackendPreference,
  onProgress: (s) => {
    if (s === 1 || s % 10_000 === 0) sample(s);
  },
});
const after = tf.memory();
process.stdout.write(
  JSON.stringify({
    done: true, backend: result.backend.name, steps: result.steps, wallSeconds: Math.round(result.wallSeconds),
    numTensorsAfterRun: after.numTensors, finalLoss: result.records.at(-1)!.loss,
  }) + '\n',
);
