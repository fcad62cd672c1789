import type { BackendPreference } from '../../dynamics/sgd/selectBackend.ts';
import { recoveredNow } from '../../measure/events.ts';
import { matchStudents } from '../../measure/matching.ts';
import { fromRows } from '../../core/mat.ts';
import { trainSgd } from '../../dynamics/sgd/trainSgd.ts';
import { populationLoss } from '../../population/quadrature.ts';
import type { TrainingEngine, TrainingInput, TrainingOutput } from './engine.ts';

/** Scenario settings of online SGD (`featureLearning.sgd`). */
interface SgdSettings {
  learningRate: number;
  batch: number;
  backend?: BackendPreference;
  evalSamples?: number;
}

/**
 * Online batch SGD on TensorFlow.js (the paper's experiment), as a pipeline
 * engine. Records carry the held-out loss; the final loss reported for the
 * stage is the exact population loss of the final student, so that pruning
 * and fine-tuning compare like with like.
 */
export const sgdEngine: TrainingEngine = {
  name: 'sgd',
  async train(input: TrainingInput): Promise<TrainingOutput> {
    const s = input.settings as unknown as SgdSettings;
    const steps = Math.max(1, Math.round(input.time / s.learningRate));
    const res = await trainSgd(input.teacher, input.student, input.streams, {
      learningRate: s.learningRate,
      batch: s.batch,
      time: input.time,
      backend: s.backend,
      evalSamples: s.evalSamples,
      threshold: input.threshold,
      stopWhenRecovered: input.stopWhenRecovered,
      recordEvery: Math.max(1, Math.floor(steps / Math.max(1, input.uniformPoints))),
      onProgress: input.onProgress
        ? (step, total) => {
            if (step % 50 === 0 || step === total) input.onProgress!(step / total, `step ${step}/${total}`);
          }
        : undefined,
    });
    const recovered = recoveryTime(res.records, input.threshold);
    return {
      records: res.records,
      events: res.events,
      student: res.student,
      t: res.steps * s.learningRate,
      loss: populationLoss(input.teacher, res.student),
      recoveryTime: recovered,
      method: `sgd lr=${s.learningRate} batch=${s.batch}`,
      backend: res.backend.name,
      steps: res.steps,
      info: { wallSeconds: res.wallSeconds, backendDetail: res.backend },
    };
  },
};

/** First record time at which every teacher is recovered at once (the same one-to-one matching as the flow). */
function recoveryTime(records: TrainingOutput['records'], threshold: number): number | null {
  for (const r of records) {
    if (recoveredNow(matchStudents({ router: fromRows(r.router), expert: fromRows(r.expert) }), threshold)) return r.t;
  }
  return null;
}
