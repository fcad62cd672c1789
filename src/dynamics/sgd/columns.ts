import { dotAt } from '../../core/dot.ts';
import { zeros } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';

/**
 * A student or teacher as one float32 d x 2k matrix of unit *columns*
 * (column i = v_i/|v_i| for i < k, column k + i = w_i/|w_i|): the layout the
 * tfjs step multiplies fastest (see tfLossGrad.ts). Normalised in float64,
 * then rounded to float32.
 */
export function toColumns(p: MoeParams): Float32Array {
  const k = p.routers.rows;
  const d = p.routers.cols;
  const out = new Float32Array(d * 2 * k);
  [p.routers, p.experts].forEach((mat, half) => {
    for (let i = 0; i < k; i++) {
      const len = Math.sqrt(dotAt(mat.data, i * d, mat.data, i * d, d));
      const col = half * k + i;
      for (let j = 0; j < d; j++) out[j * 2 * k + col] = mat.data[i * d + j] / len;
    }
  });
  return out;
}

/** Inverse of `toColumns`: float64 MoeParams (rows) from d x 2k columns. */
export function fromColumns(cols: ArrayLike<number>, d: number, k: number): MoeParams {
  const routers = zeros(k, d);
  const experts = zeros(k, d);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < k; i++) {
      routers.data[i * d + j] = cols[j * 2 * k + i];
      experts.data[i * d + j] = cols[j * 2 * k + k + i];
    }
  }
  return { routers, experts };
}
