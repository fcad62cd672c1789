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
import { arbClaimConfig } from '../test-support/claims/arbClaimConfig.ts';
import { runClaimPoint, type ClaimConfig } from '../test-support/claims/claimPoint.ts';
import { REGIMES, regimeClaims } from '../test-support/claims/regimes.ts';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, dflt?: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
  const title = opt('regime');
  const regime = REGIMES.find((r) => title !== undefined && r.title.includes(title));
  if (!regime) throw new Error(`--regime: no regime's title contains '${title}'; titles:\n${REGIMES.map((r) => `  ${r.title}`).join('\n')}`);
  const from = opt('from', 'rkc') as ClaimConfig['flowMethod'];
  const to = opt('to', 'dopri5') as ClaimConfig['flowMethod'];
  const runs = Number(opt('runs', '10'));
  const seed = Number(opt('seed', '5'));
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a positive integer, found ${opt('runs')}`);
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
