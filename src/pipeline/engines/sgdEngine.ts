import type { BackendPreference } from '../../dynamics/sgd/selectBackend.ts';
import { recoveredNow } from '../../measure/events.ts';
import { matchStudents } from '../../measure/matching.ts';
import { fromRows } from '../../core/mat.ts';
import { trainSgd } from '../../dynamics/sgd/trainSgd.ts';
import { trainSpanSgd } from '../../dynamics/sgd/trainSpanSgd.ts';
import { populationLoss } from '../../population/quadrature.ts';
import type { TrainingEngine, TrainingInput, TrainingOutput } from './engine.ts';

/** Scenario settings of online SGD (`featureLearning.sgd`; schemas/scenario.schema.json has the defaults). */
interface SgdSettings {
  learningRate: number;
  learningRateScaling?: { reference: number; exponent: number } | null;
  batch: number;
  space?: 'auto' | 'full' | 'span';
  backend?: BackendPreference;
  evalSamples?: number;
}

/** The step at dimension d: learningRate (d / reference)^exponent with a scaling, else learningRate. */
export function learningRateAt(s: Pick<SgdSettings, 'learningRate' | 'learningRateScaling'>, d: number): number {
  const k = s.learningRateScaling;
  return k ? s.learningRate * Math.pow(d / k.reference, k.exponent) : s.learningRate;
}

/**
 * Online batch SGD (the paper's experiment) as a pipeline engine, in one of
 * two spaces: 'full', the literal run in R^d on TensorFlow.js (records carry
 * a held-out loss), or 'span', exactly the same process in distribution in
 * the span of the directions (src/dynamics/sgd/trainSpanSgd.ts: float64,
 * cost independent of d, records carry the exact loss); 'auto' takes 'span'
 * when the problem was drawn in the span (d above 20000) and 'full'
 * otherwise. The final loss reported for the stage is the exact population
 * loss of the final student either way, so that pruning and fine-tuning
 * compare like with like.
 */
export const sgdEngine: TrainingEngine = {
  name: 'sgd',
  needsVectors: (settings) => (settings as unknown as SgdSettings).space === 'full',
  async train(input: TrainingInput): Promise<TrainingOutput> {
    const s = input.settings as unknown as SgdSettings;
    const lr = learningRateAt(s, input.d);
    const steps = Math.max(1, Math.round(input.time / lr));
    const inSpan = s.space === 'span' || (s.space !== 'full' && input.teacher.routers.cols < input.d);
    const common = {
      learningRate: lr, batch: s.batch, time: input.time, threshold: input.threshold, stopWhenRecovered: input.stopWhenRecovered,
      recordEvery: Math.max(1, Math.floor(steps / Math.max(1, input.uniformPoints))),
      onProgress: progress(input, inSpan ? 500 : 50),
    };
    const res = inSpan
      ? { ...trainSpanSgd(input.teacher, input.student, input.d, input.streams, common), backend: undefined }
      : await trainSgd(input.teacher, input.student, input.streams, { ...common, backend: s.backend, evalSamples: s.evalSamples });
    return {
      records: res.records,
      events: res.events,
      student: res.student,
      t: res.steps * lr,
      loss: populationLoss(input.teacher, res.student),
      recoveryTime: recoveryTime(res.records, input.threshold),
      method: `${inSpan ? 'span, float64' : 'full d, tfjs float32'}, lr=${lr} batch=${s.batch}`,
      backend: res.backend?.name,
      steps: res.steps,
      sgd: { learningRate: lr, batch: s.batch, space: inSpan ? 'span' : 'full', samples: res.steps * s.batch },
      info: { wallSeconds: res.wallSeconds, ...(res.backend ? { backendDetail: res.backend } : {}) },
    };
  },
};

/** The stage progress callback, called every `every` steps and at the end. */
function progress(input: TrainingInput, every: number): ((step: number, total: number) => void) | undefined {
  if (!input.onProgress) return undefined;
  return (step, total) => {
    if (step % every === 0 || step === total) input.onProgress!(step / total, `step ${step}/${total}`);
  };
}

/** First record time at which every teacher is recovered at once (the same one-to-one matching as the flow). */
function recoveryTime(records: TrainingOutput['records'], threshold: number): number | null {
  for (const r of records) {
    if (recoveredNow(matchStudents({ router: fromRows(r.router), expert: fromRows(r.expert) }), threshold)) return r.t;
  }
  return null;
}
