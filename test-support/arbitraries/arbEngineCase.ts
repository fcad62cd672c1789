import fc from 'fast-check';
import type { MoeConfig } from '../drawConfig.ts';
import { SHAPES, type Shape } from '../shape.ts';
import { arbMoeConfig, type MoeConfigLimits } from './arbMoeConfig.ts';

/** A configuration for the loss-engine properties: sizes, geometry, seed and the student's shape. */
export interface EngineCase extends MoeConfig {
  /** generic, near-collinear or cancelling student (test-support/shape.ts). */
  readonly shape: Shape;
}

/**
 * Engine cases: {@link arbMoeConfig} within `limits`, and a student shape
 * drawn from all three, so the near-degenerate code paths of every engine
 * are visited, not only generic draws. Shrinks towards the generic shape.
 */
export function arbEngineCase(limits: MoeConfigLimits = {}): fc.Arbitrary<EngineCase> {
  return fc.tuple(arbMoeConfig(limits), fc.constantFrom(...SHAPES)).map(([c, shape]) => ({ ...c, shape }));
}
