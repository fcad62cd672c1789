import type { MoeParams } from '../src/model/params.ts';
import type { EngineCase } from './arbitraries/arbEngineCase.ts';
import { drawConfig, type DrawnConfig } from './drawConfig.ts';
import { shapeStudent } from './shape.ts';

/**
 * The teacher and student of an engine case: drawn (full or span
 * coordinates), rows rescaled by random factors in [0.5, 2] (engines must
 * only see directions), then the student reshaped (test-support/shape.ts).
 */
export function engineProblem(c: EngineCase): DrawnConfig & { student: MoeParams } {
  const p = drawConfig(c, true);
  return { ...p, student: shapeStudent(p, c.shape, c.seed) };
}
