/**
 * Tables of the Marsaglia-Tsang (2000) ziggurat for the standard normal with
 * 128 layers, built once. The variant here takes the layer index and the
 * value from disjoint bits of one 32-bit word (7 low bits for the layer, the
 * 25 high bits as a signed integer for the value), which avoids the
 * index/value correlation of the original RNOR.
 */
export interface ZigguratTables {
  /** |j| < k[i] accepts in the rectangle of layer i (j a signed 25-bit integer). */
  readonly k: Int32Array;
  /** x = j * w[i]. */
  readonly w: Float64Array;
  /** f[i] = exp(-x_i^2 / 2) at the layer edges. */
  readonly f: Float64Array;
}

/** Right edge of the base layer. */
export const ZIGGURAT_R = 3.442619855899;
const AREA = 9.91256303526217e-3;
const SCALE = 2 ** 24;

function build(): ZigguratTables {
  const k = new Int32Array(128);
  const w = new Float64Array(128);
  const f = new Float64Array(128);
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  k[0] = Math.floor((dn / q) * SCALE);
  k[1] = 0;
  w[0] = q / SCALE;
  w[127] = dn / SCALE;
  f[0] = 1;
  f[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    k[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    f[i] = Math.exp(-0.5 * dn * dn);
    w[i] = dn / SCALE;
  }
  return { k, w, f };
}

/** The shared tables. */
export const ZIGGURAT: ZigguratTables = build();
