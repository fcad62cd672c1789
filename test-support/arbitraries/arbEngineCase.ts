import fc from 'fast-check';
import type { EngineCase } from '../engineProblem.ts';
import { SHAPES } from '../shape.ts';
import { arbMoeConfig, type MoeConfigLimits } from './arbMoeConfig.ts';

/**
 * Engine cases: {@link arbMoeConfig} within `limits`, and a student shape
 * drawn from all three, so the near-degenerate code paths of every engine
 * are visited, not only generic draws. Shrinks towards the generic shape.
 */
export function arbEngineCase(limits: MoeConfigLimits = {}): fc.Arbitrary<EngineCase> {
  return fc.tuple(arbMoeConfig(limits), fc.constantFrom(...SHAPES)).map(([c, shape]) => ({ ...c, shape }));
}
