import type { Mat } from '../core/mat.ts';
import type { MoeParams } from './params.ts';

/**
 * The experts with the given indices (router and expert rows together), in
 * that order: the student pruning keeps, or any subset of a student.
 */
export function selectRows(p: MoeParams, rows: readonly number[]): MoeParams {
  const pick = (m: Mat): Mat => {
    const data = new Float64Array(rows.length * m.cols);
    rows.forEach((i, k) => data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols));
    return { rows: rows.length, cols: m.cols, data };
  };
  return { routers: pick(p.routers), experts: pick(p.experts) };
}
