import type { FineTuningPrediction } from '../generated/metrics.ts';
import type { MoeParams } from '../model/params.ts';
import { optimumHessian } from './optimumHessian.ts';

/**
 * The fine-tuning rate the Hessian at the optimum predicts for a teacher
 * (src/theory/optimumHessian.ts: 2 lambda_min, and 2 lambda_c with lambda_c
 * the top of the slowest eigenvalue cluster), beside the rate fitted on the
 * stage (null if none).
 */
export function fineTuningPrediction(teacher: MoeParams, d: number, fittedRate: number | null, nodes?: number): FineTuningPrediction {
  const h = optimumHessian(teacher, d, nodes);
  return { lambdaMin: h.lambdaMin, predictedRate: h.lossRate, clusterRate: 2 * h.clusterTop, fittedRate, hessianDimension: h.dimension };
}
