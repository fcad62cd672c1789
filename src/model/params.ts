import { clone, type Mat } from '../core/mat.ts';

/**
 * Parameters of a soft-routed MoE: one router direction v_i and one expert
 * direction w_i per expert, each a row in R^d. They may be unnormalised; the
 * model normalises them in the forward pass (docs/model.md).
 */
export interface MoeParams {
  readonly routers: Mat;
  readonly experts: Mat;
}

/** Number of experts. */
export function expertCount(p: MoeParams): number {
  return p.routers.rows;
}

/** Input dimension d. */
export function dimension(p: MoeParams): number {
  return p.routers.cols;
}

/** A deep copy. */
export function cloneParams(p: MoeParams): MoeParams {
  return { routers: clone(p.routers), experts: clone(p.experts) };
}

/** A student together with the teacher it learns from, in one input dimension. */
export interface TeacherStudent {
  readonly d: number;
  readonly teacher: MoeParams;
  readonly student: MoeParams;
}
