import type { MoeParams } from '../src/model/params.ts';
import { drawConfig, type DrawnConfig, type MoeConfig } from './drawConfig.ts';
import { shapeStudent, type Shape } from './shape.ts';

/** A configuration for the loss-engine properties: sizes, geometry, seed and the student's shape. */
export interface EngineCase extends MoeConfig {
  /** generic, near-collinear or cancelling student (test-support/shape.ts). */
  readonly shape: Shape;
}

/**
 * The teacher and student of an engine case: drawn (full or span
 * coordinates), rows rescaled by random factors in [0.5, 2] (engines must
 * only see directions), then the student reshaped (test-support/shape.ts).
 */
export function engineProblem(c: EngineCase): DrawnConfig & { student: MoeParams } {
  const p = drawConfig(c, true);
  return { ...p, student: shapeStudent(p, c.shape, c.seed) };
}
