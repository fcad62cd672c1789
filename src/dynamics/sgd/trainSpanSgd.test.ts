import { describe, expect, it } from 'vitest';
import { DivergenceError, InputError } from '../../core/errors.ts';
import { SeedStreams } from '../../core/streams.ts';
import { alignments } from '../../measure/alignment.ts';
import { matchStudents } from '../../measure/matching.ts';
import { sampleReducedProblem } from '../../model/reducedSampling.ts';
import { initStudent, makeTeacher } from '../../model/teacher.ts';
import { populationLoss } from '../../population/quadrature.ts';
import { laneCount } from './spanSgdStep.ts';
import { trainSpanSgd } from './trainSpanSgd.ts';

const seeds = new SeedStreams('span-sgd-test');
const d = 8;
const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, seeds.stream('teacher'));
const student = initStudent(3, d, seeds.stream('student'));
const small = { learningRate: 0.05, batch: 32, steps: 40, recordEvery: 10 };

describe('trainSpanSgd', () => {
  it('same seeds, same records and final student; another root seed, another run', () => {
    const a = trainSpanSgd(teacher, student, d, seeds, small);
    const b = trainSpanSgd(teacher, student, d, seeds, small);
    expect(b.records).toEqual(a.records);
    expect(Array.from(b.student.experts.data)).toEqual(Array.from(a.student.experts.data));
    const c = trainSpanSgd(teacher, student, d, new SeedStreams('other'), small);
    expect(c.records.at(-1)!.expert).not.toEqual(a.records.at(-1)!.expert);
  });

  it('records step 0, every recordEvery steps and the last, with the exact loss and alignments of the state', () => {
    const r = trainSpanSgd(teacher, student, d, seeds, { ...small, steps: 25 });
    expect(r.records.map((x) => x.step)).toEqual([0, 10, 20, 25]);
    expect(r.records[0].loss).toBeCloseTo(populationLoss(teacher, student), 12); // the same Gram matrix, in other coordinates
    // The final student, lifted back to R^d, has the last record's loss and alignments.
    const last = r.records.at(-1)!;
    expect(populationLoss(teacher, r.student)).toBeCloseTo(last.loss, 10);
    const al = alignments(r.student, teacher);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expect(al.expert.data[i * 2 + j]).toBeCloseTo(last.expert[i][j], 12);
    expect(r.steps).toBe(25);
  });

  it('learns: at d = 8 the matched students reach expert alignment 0.8 and the exact loss falls 5-fold', () => {
    // The setting of the tfjs engine's test (trainSgd.test.ts): lr 0.02, B = 256 to flow time 20. Measured over
    // 20 data seeds (learn-0 .. learn-19): smallest matched expert alignment 0.86-0.97 (the SGD noise floor of
    // d = 8), loss 8-19 times lower. A wrong gradient does not learn at all.
    const r = trainSpanSgd(teacher, student, d, seeds, { learningRate: 0.02, batch: 256, time: 20, recordEvery: 100 });
    expect(r.records.at(-1)!.loss).toBeLessThan(r.records[0].loss / 5);
    for (const mt of matchStudents(alignments(r.student, teacher))) expect(mt.expert).toBeGreaterThanOrEqual(0.8);
    expect(r.events.filter((e) => e.kind === 'expert').map((e) => e.teacher).sort()).toEqual([0, 1]);
  });

  it('runs at d = 10^9 in the span drawn by sampleReducedProblem, keeping the basis at k_T + 2m and the rows unit', () => {
    const s = new SeedStreams('huge');
    const p = sampleReducedProblem(2, 3, 1e9, s.stream('teacher'), s.stream('student'));
    const r = trainSpanSgd(p.teacher, p.student, 1e9, s, { learningRate: 1e-9, batch: 64, steps: 20, recordEvery: 20 });
    expect(r.state.dim).toBe(10);
    expect(r.student.routers.cols).toBe(p.rank);
    for (const m of [r.student.routers, r.student.experts]) {
      for (let i = 0; i < m.rows; i++) {
        let sq = 0;
        for (let k = 0; k < m.cols; k++) sq += m.data[i * m.cols + k] ** 2;
        expect(sq).toBeCloseTo(1, 12);
      }
    }
  });

  it('splits a large batch in two lanes, and gives the same numbers with the second lane inline or on a worker thread', () => {
    const s = new SeedStreams('lanes');
    const p = sampleReducedProblem(5, 25, 1000, s.stream('teacher'), s.stream('student'));
    const opts = { learningRate: 1e-3, batch: 512, steps: 6, recordEvery: 3 };
    const inline = trainSpanSgd(p.teacher, p.student, 1000, s, { ...opts, threads: 1 });
    const threaded = trainSpanSgd(p.teacher, p.student, 1000, s, { ...opts, threads: 2 });
    expect(laneCount(inline.state, 512)).toBe(2);
    expect(threaded.records).toEqual(inline.records);
    expect(Array.from(threaded.state.student)).toEqual(Array.from(inline.state.student));
    // Below 2^20 multiply-adds per step (256 x 60 x 50 = 768,000) a step is one lane.
    expect(laneCount(inline.state, 256)).toBe(1);
  });

  it('stops with a DivergenceError naming the step and the value when the batch loss exceeds the bound', () => {
    expect(() => trainSpanSgd(teacher, student, d, seeds, { ...small, divergenceFactor: 1e-3 })).toThrow(DivergenceError);
    expect(() => trainSpanSgd(teacher, student, d, seeds, { ...small, divergenceFactor: 1e-3 })).toThrow(/step 1 \(learning rate 0.05\): batch loss [0-9.e+-]+ exceeds the bound/);
  });

  it('the teacher is a fixed point: started there, every residual and so every step is zero', () => {
    const r = trainSpanSgd(teacher, teacher, d, seeds, small);
    expect(r.records.at(-1)!.loss).toBeLessThan(1e-20);
    expect(r.records.at(-1)!.expert[1][1]).toBeCloseTo(1, 14);
  });

  it.each([
    [{ learningRate: 0 }, /learningRate: must be a finite number > 0/],
    [{ batch: 2.5 }, /batch: must be an integer >= 1/],
  ])('rejects bad options %j with an InputError', (bad, msg) => {
    expect(() => trainSpanSgd(teacher, student, d, seeds, { ...small, ...bad })).toThrow(InputError);
    expect(() => trainSpanSgd(teacher, student, d, seeds, { ...small, ...bad })).toThrow(msg);
  });

  it('rejects a d smaller than the rows it is given', () => {
    expect(() => trainSpanSgd(teacher, student, d - 1, seeds, small)).toThrow(/d: must be an integer >= the length of the parameter rows \(8\)/);
  });
});
