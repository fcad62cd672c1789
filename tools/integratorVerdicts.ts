/**
 * Whether a claim regime's verdicts depend on the integrator: configurations
 * drawn from a regime's quick part with one integrator, each run again with
 * another, the verdicts of the regime's claims and the recovery times side
 * by side, and the wall time of each run (the reason to prefer one in the
 * quick tier).
 *
 *   npx tsx tools/integratorVerdicts.ts --regime "fine-tuning to zero loss on every run" [--from rkc] [--to dopri5] [--runs 10] [--seed 5]
 *
 * --regime: a piece of the regime's title (test-support/claims/regimes.ts);
 * --runs: how many draws with the --from integrator are compared (the draw
 * is fast-check's with --seed, filtered to those).
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { arbClaimConfig } from '../test-support/claims/arbClaimConfig.ts';
import { runClaimPoint, type ClaimConfig } from '../test-support/claims/claimPoint.ts';
import { REGIMES, regimeClaims } from '../test-support/claims/regimes.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      regime: { type: 'string' }, from: { type: 'string', default: 'rkc' }, to: { type: 'string', default: 'dopri5' },
      runs: { type: 'string', default: '10' }, seed: { type: 'string', default: '5' },
    },
  });
  const title = values.regime;
  const regime = REGIMES.find((r) => title !== undefined && r.title.includes(title));
  if (!regime) throw new Error(`--regime: no regime's title contains '${title}'; titles:\n${REGIMES.map((r) => `  ${r.title}`).join('\n')}`);
  const from = values.from as ClaimConfig['flowMethod'];
  const to = values.to as ClaimConfig['flowMethod'];
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a positive integer, found ${values.runs}`);
  const space = { ...regime.quick, flowMethods: [from] };
  const configs = fc.sample(arbClaimConfig(space), { numRuns: runs, seed });
  const ids = regimeClaims(regime);
  let same = 0;
  const walls: [number, number][] = [];
  for (const c of configs) {
    const a = await runClaimPoint(c);
    const b = await runClaimPoint({ ...c, flowMethod: to });
    const agree = ids.every((k) => a.verdicts[k] === b.verdicts[k]);
    if (agree) same++;
    walls.push([a.wallSeconds, b.wallSeconds]);
    const rel = a.T !== null && b.T !== null ? Math.abs(a.T / b.T - 1).toExponential(1) : '—';
    console.log(`m*=${c.mStar} m=${c.m} d=${c.d} seed=${c.seed}: ${agree ? 'same' : 'DIFFERENT'} verdicts ` +
      `(${ids.map((k) => `${k} ${a.verdicts[k]}/${b.verdicts[k]}`).join(', ')}), recovery time ${a.T?.toFixed(4) ?? '—'} / ${b.T?.toFixed(4) ?? '—'} ` +
      `(rel. ${rel}), wall ${a.wallSeconds.toFixed(1)} / ${b.wallSeconds.toFixed(1)} s`);
  }
  const range = (k: 0 | 1) => `${Math.min(...walls.map((w) => w[k])).toFixed(1)}-${Math.max(...walls.map((w) => w[k])).toFixed(1)} s`;
  console.log(`${from} against ${to} on ${configs.length} draws of "${regime.title}" (quick part, seed ${seed}): same verdicts on ${same}; ` +
    `wall ${range(0)} against ${range(1)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
