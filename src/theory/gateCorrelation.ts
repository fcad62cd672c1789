import { sigmoid } from '../model/activations.ts';
import { gaussHermite } from '../population/kernel/gaussHermite.ts';

/** Value and derivative of the gate correlation at one rho. */
export interface GateCorrelation {
  /** g(rho) = E[sig(u) sig(v)]. */
  g: number;
  /** g'(rho) = E[sig'(u) sig'(v)]. */
  dg: number;
}

/** Chebyshev degree of the interpolants; g is smooth on [-1, 1] (every E[sig^(k)(u) sig^(k)(v)] is finite), so they converge geometrically. */
const DEGREE = 48;
/** Gauss-Hermite nodes per dimension of the 2-D expectations behind the interpolants. */
const NODES = 96;

let table: { g: Float64Array; dg: Float64Array } | null = null;

/**
 * The gate correlation of two sigmoid routers whose directions have overlap
 * rho: g(rho) = E[sig(u) sig(v)] and g'(rho) = E[sig'(u) sig'(v)] (Price's
 * theorem), (u, v) standard normal with correlation rho. By Mehler,
 * g(rho) = sum_k c_k^2 k! rho^k with c_k the sigmoid's Hermite coefficients:
 * g(0) = c0^2 = 1/4, g'(0) = c1^2. When the routers of two experts are
 * uncorrelated with both experts' directions, the pair kernel factorises as
 * E[sig(u1) He3(w1) sig(u2) He3(w2)] = g(rho) 6 e^3 (e the expert overlap),
 * which is the leading-order kernel of src/theory/leadingOrder.ts.
 *
 * Evaluated from Chebyshev interpolants of degree 48 on [-1, 1], built once
 * from 96 x 96-node Gauss-Hermite quadrature (u = z1, v = rho z1 +
 * sqrt(1 - rho^2) z2); src/theory/gateCorrelation.test.ts checks them
 * against the exact engine's pair kernel. Cheap enough to call per pair per
 * step of an ODE.
 */
export function gateCorrelation(rho: number): GateCorrelation {
  return gateCorrelationInto(rho, { g: 0, dg: 0 });
}

/**
 * gateCorrelation(rho) written into `out` (no allocation, for the
 * multi-pair model's inner loop): the Clenshaw recurrences of
 * sum_j c_j T_j(rho) for g and g' run side by side.
 */
export function gateCorrelationInto(rho: number, out: GateCorrelation): GateCorrelation {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`gateCorrelation: rho must be in [-1, 1], found ${rho}`);
  table ??= buildTable();
  const cg = table.g, cd = table.dg;
  let g1 = 0, g2 = 0, d1 = 0, d2 = 0;
  for (let j = cg.length - 1; j >= 1; j--) {
    const g0 = 2 * rho * g1 - g2 + cg[j];
    g2 = g1;
    g1 = g0;
    const d0 = 2 * rho * d1 - d2 + cd[j];
    d2 = d1;
    d1 = d0;
  }
  out.g = rho * g1 - g2 + cg[0];
  out.dg = rho * d1 - d2 + cd[0];
  return out;
}

/** g and g' at rho by 2-D Gauss-Hermite quadrature (the reference the interpolants are built from). */
export function gateCorrelationQuadrature(rho: number): GateCorrelation {
  const { nodes, weights } = gaussHermite(NODES);
  const s = Math.sqrt(Math.max(0, 1 - rho * rho));
  let g = 0;
  let dg = 0;
  for (let i = 0; i < NODES; i++) {
    const u = nodes[i];
    const su = sigmoid(u);
    let inner = 0;
    let innerPrime = 0;
    for (let j = 0; j < NODES; j++) {
      const sv = sigmoid(rho * u + s * nodes[j]);
      inner += weights[j] * sv;
      innerPrime += weights[j] * sv * (1 - sv);
    }
    g += weights[i] * su * inner;
    dg += weights[i] * su * (1 - su) * innerPrime;
  }
  return { g, dg };
}

/** Chebyshev coefficients of g and g' from their values at the DEGREE + 1 Chebyshev-Gauss nodes. */
function buildTable(): { g: Float64Array; dg: Float64Array } {
  const n = DEGREE + 1;
  const gv = new Float64Array(n);
  const dv = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = gateCorrelationQuadrature(Math.cos((Math.PI * (k + 0.5)) / n));
    gv[k] = v.g;
    dv[k] = v.dg;
  }
  return { g: coefficients(gv), dg: coefficients(dv) };
}

function coefficients(values: Float64Array): Float64Array {
  const n = values.length;
  const c = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += values[k] * Math.cos((Math.PI * j * (k + 0.5)) / n);
    c[j] = ((j === 0 ? 1 : 2) / n) * s;
  }
  return c;
}
