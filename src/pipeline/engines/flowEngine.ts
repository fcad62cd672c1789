import { integrateReducedFlow } from '../../dynamics/flow/reducedFlow.ts';
import type { FlowMethod } from '../../dynamics/flow/integrateFlow.ts';
import type { PairKernelName } from '../../population/kernel/pairKernels.ts';
import type { TrainingEngine, TrainingInput, TrainingOutput } from './engine.ts';

/** Scenario settings of the exact flow (`featureLearning.flow`), all optional here. */
interface FlowSettings {
  method?: FlowMethod;
  rtol?: number;
  atol?: number;
  pairKernel?: PairKernelName;
  quadratureNodes?: number;
  maxStep?: number;
  step?: number;
}

/**
 * The exact engine: gradient flow on the population loss, integrated in the
 * span of the initial and teacher directions (cost independent of d).
 */
export const flowEngine: TrainingEngine = {
  name: 'flow',
  needsVectors: () => false,
  async train(input: TrainingInput): Promise<TrainingOutput> {
    const s = input.settings as FlowSettings;
    let lastReport = -1;
    const res = integrateReducedFlow(input.teacher, input.student, {
      time: input.time,
      method: s.method,
      rtol: s.rtol,
      atol: s.atol,
      pairKernel: s.pairKernel,
      quadratureNodes: s.quadratureNodes,
      maxStep: s.maxStep,
      step: s.step,
      threshold: input.threshold,
      stopWhenRecovered: input.stopWhenRecovered,
      targetLoss: input.targetLoss,
      uniformPoints: input.uniformPoints,
      logPoints: input.logPoints,
      onProgress: input.onProgress
        ? (t, T, loss) => {
            const frac = t / T;
            if (frac - lastReport < 0.002 && t < T) return;
            lastReport = frac;
            input.onProgress!(frac, `t=${t.toPrecision(4)} loss=${loss.toExponential(2)}`);
          }
        : undefined,
    });
    return {
      records: res.records,
      events: res.events,
      student: res.student,
      t: res.t,
      loss: res.loss,
      recoveryTime: res.recoveryTime,
      method: s.method ?? 'auto',
      steps: res.steps,
      info: {
        rejectedSteps: res.rejected,
        gradientEvaluations: res.gradientEvaluations,
        normDrift: res.normDrift,
        stoppedBy: res.stoppedBy,
        spanDimension: res.rank,
        pairKernel: s.pairKernel ?? 'moment-table',
        ...((s.pairKernel ?? 'moment-table') === 'gauss-hermite' ? { quadratureNodes: s.quadratureNodes } : {}),
        ...(res.autoStats ? { autoStats: res.autoStats } : {}),
      },
    };
  },
};
