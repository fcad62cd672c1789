/**
 * The two routes of a pair's correlation factor side by side
 * (src/population/kernel/pairFactorOf.ts): on 20,000 random pairs of unit
 * directions (dimension 4..63) whose pivots are all >= 0.1, how far the
 * Gram route's factor and kernel outputs are from Gram-Schmidt's, and the
 * cost per pair of each route at dimension 60 (the figure's span). Timings
 * depend on the machine's load.
 *
 *   npx tsx tools/pairRoutes.ts
 */
import { SeedStreams } from '../src/core/streams.ts';
import { gaussHermite } from '../src/population/kernel/gaussHermite.ts';
import { pairFactor } from '../src/population/kernel/pairFactor.ts';
import { GRAM_ROUTE_MIN_PIVOT, pairFactorOf } from '../src/population/kernel/pairFactorOf.ts';
import { pairKernelFromFactor } from '../src/population/kernel/pairKernel.ts';

const rng = new SeedStreams('pair-routes').stream('directions');
const minPivot = (L: Float64Array) => Math.min(L[5] ** 2, L[10] ** 2, L[15] ** 2);

/** Four unit rows of length d in one buffer. */
function draw(d: number): Float64Array {
  const units = new Float64Array(4 * d);
  for (let r = 0; r < 4; r++) {
    const v = rng.fillNormal(new Float64Array(d));
    const len = Math.hypot(...v);
    for (let k = 0; k < d; k++) units[r * d + k] = v[k] / len;
  }
  return units;
}

const rule = gaussHermite(24);
let pairs = 0;
let factorGap = 0;
let kernelGap = 0;
for (let trial = 0; pairs < 20_000; trial++) {
  const d = 4 + (trial % 60);
  const units = draw(d);
  const gs = pairFactor(units, d, 0, 1, 2, 3, new Float64Array(16), new Float64Array(4 * d));
  const gram = pairFactorOf(units, d, 0, 1, 2, 3, new Float64Array(16), new Float64Array(4 * d));
  if (minPivot(gs) < GRAM_ROUTE_MIN_PIVOT || minPivot(gram) < GRAM_ROUTE_MIN_PIVOT) continue;
  pairs++;
  for (let i = 0; i < 16; i++) factorGap = Math.max(factorGap, Math.abs(gram[i] - gs[i]));
  const a = pairKernelFromFactor(gram, rule, true, new Float64Array(7));
  const b = pairKernelFromFactor(gs, rule, true, new Float64Array(7));
  for (let s = 0; s < 7; s++) kernelGap = Math.max(kernelGap, Math.abs(a[s] - b[s]) / Math.max(1, Math.abs(a[s]), Math.abs(b[s])));
}
console.log(`${pairs} pairs with every pivot >= ${GRAM_ROUTE_MIN_PIVOT}: factors differ by <= ${factorGap.toExponential(2)}, kernel outputs by <= ${kernelGap.toExponential(2)} max(1, |K|)`);

let units = draw(60);
while (minPivot(pairFactor(units, 60, 0, 1, 2, 3, new Float64Array(16), new Float64Array(240))) < GRAM_ROUTE_MIN_PIVOT) units = draw(60);
const out = new Float64Array(16);
const work = new Float64Array(240);
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < 100_000; i++) pairFactorOf(units, 60, 0, 1, 2, 3, out, work);
  const gramUs = (performance.now() - t) / 100;
  t = performance.now();
  for (let i = 0; i < 100_000; i++) pairFactor(units, 60, 0, 1, 2, 3, out, work);
  const gsUs = (performance.now() - t) / 100;
  console.log(`dimension 60: Gram route ${gramUs.toFixed(2)} us, Gram-Schmidt ${gsUs.toFixed(2)} us per pair (ratio ${(gramUs / gsUs).toFixed(2)})`);
}
