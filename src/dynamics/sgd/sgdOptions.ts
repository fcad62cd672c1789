import type { BackendPreference } from './selectBackend.ts';
import { InputError } from '../../core/errors.ts';

/** Settings of an online-SGD run, the paper's experiment (docs/model.md, Training). */
export interface SgdOptions {
  /** Step size lr on the spheres; flow time advances by lr per step. */
  learningRate: number;
  /** Fresh Gaussian samples per step, B. */
  batch: number;
  /** Number of steps; give this or `time`. */
  steps?: number;
  /** Flow-time horizon T: steps = round(T / lr). Give this or `steps`. */
  time?: number;
  /** Steps between records (default: about 200 records over the run). Step 0 and the last step are always recorded. */
  recordEvery?: number;
  /** Size of the fixed held-out sample (stream 'evaluation') the recorded loss is measured on (default 4096). */
  evalSamples?: number;
  /** Alignment threshold of the events (default 0.9, the paper's per-stage threshold). */
  threshold?: number;
  /** tfjs backend (default 'auto'). */
  backend?: BackendPreference;
  /** Draw the next batches on a worker thread while the current step runs (default true; same numbers either way). */
  prefetch?: boolean;
  /** Stop at the first record at which every teacher is recovered (expert and router alignment >= threshold). Default false. */
  stopWhenRecovered?: boolean;
  /** A batch loss above this factor x max(1, initial held-out loss) is a divergence (default 1e6). */
  divergenceFactor?: number;
  /** Called after every step with (steps done, total steps). */
  onProgress?: (step: number, total: number) => void;
}

/** SgdOptions with every default filled and `steps` resolved. */
export type ResolvedSgdOptions = Required<Omit<SgdOptions, 'time' | 'onProgress'>> & Pick<SgdOptions, 'onProgress'>;

/** Validates the options (InputError naming the field and the fix) and fills the defaults. */
export function resolveSgdOptions(o: SgdOptions): ResolvedSgdOptions {
  positive('learningRate', o.learningRate, 'e.g. 0.002 (d = 1000, batch 1024)');
  integer('batch', o.batch, 1);
  if ((o.steps === undefined) === (o.time === undefined)) {
    throw new InputError('steps', 'give exactly one of steps (a step count) and time (a flow-time horizon, steps = time / learningRate)');
  }
  if (o.time !== undefined) positive('time', o.time, 'a flow time such as 20');
  const steps = o.steps ?? Math.round(o.time! / o.learningRate);
  integer(o.steps !== undefined ? 'steps' : 'time / learningRate', steps, 1);
  const recordEvery = o.recordEvery ?? Math.max(1, Math.floor(steps / 200));
  integer('recordEvery', recordEvery, 1);
  const evalSamples = o.evalSamples ?? 4096;
  integer('evalSamples', evalSamples, 1);
  const threshold = o.threshold ?? 0.9;
  if (!(threshold > 0 && threshold <= 1)) throw new InputError('threshold', `must be in (0, 1], found ${threshold}`);
  const divergenceFactor = o.divergenceFactor ?? 1e6;
  positive('divergenceFactor', divergenceFactor, 'e.g. 1e6');
  return {
    learningRate: o.learningRate,
    batch: o.batch,
    steps,
    recordEvery,
    evalSamples,
    threshold,
    backend: o.backend ?? 'auto',
    prefetch: o.prefetch ?? true,
    stopWhenRecovered: o.stopWhenRecovered ?? false,
    divergenceFactor,
    onProgress: o.onProgress,
  };
}

function positive(where: string, v: number, example: string): void {
  if (!(Number.isFinite(v) && v > 0)) throw new InputError(where, `must be a finite number > 0, found ${v}; ${example}`);
}

function integer(where: string, v: number, min: number): void {
  if (!(Number.isInteger(v) && v >= min)) throw new InputError(where, `must be an integer >= ${min}, found ${v}`);
}
