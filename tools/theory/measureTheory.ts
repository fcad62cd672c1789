/**
 * The measurement behind the theory claims' bounds (C7-C11) and the
 * later-teacher finding: pipeline runs drawn from candidate regions
 * (through the scenario loader, as the claim properties run them), the
 * theory's errors on each (tools/theory/theoryErrors.ts), and their
 * distributions per decade of d (median and worst), written to
 * `<out>/runs.jsonl` and `<out>/summary.md` (atomically).
 * test-support/claims/regimes.ts states the numbers and this command.
 *
 *   npx tsx tools/theory/measureTheory.ts --plan small|wide|wide-quick|paper|figure [--runs N] [--workers N] [--out DIR]
 *
 * Plans (fixed fast-check seed, so a measurement is reproducible):
 * - small: m* 1-3, m/m* 1-4, d 10^3-10^8 log-uniform, both teacher
 *   geometries (random up to d = 20000), dopri5 or rkc (rkc above 10^4),
 *   both pruning rules, steps <= 0.1 sqrt(d), stopped at recovery (horizon 30 sqrt(d)); --runs
 *   draws (default 60);
 * - wide: {@link WIDE_SPACES}, m* 1-5, m/m* 1-8 up to d = 20000 and 1-2
 *   above, every integrator (dopri5 replaced by rkc above 10^4), half of
 *   the --runs draws (default 60) from each region, interleaved;
 * - wide-quick: the quick parts of the wide theory regimes
 *   (test-support/claims/regimes.ts), half of the draws from each; paper:
 *   the quick part of the paper's-setting regime (m* = 5, m = 20, d
 *   1000-1100), what `npm test` samples;
 * - figure: the paper's figure setting (m* = 5, m = 25, d = 1000,
 *   orthonormal, dopri5, cancel-groups, t = 60), seeds 1..--runs (default 16).
 */
import fc from 'fast-check';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeFilesAtomically } from '../../src/output/atomicWrite.ts';
import { arbClaimConfig } from '../../test-support/claims/arbClaimConfig.ts';
import { PAPER_SETTING_REGIME, WIDE_THEORY_REGIMES } from '../../test-support/claims/regimes.ts';
import type { ClaimConfig } from '../../test-support/claims/claimPoint.ts';
import type { ClaimSpace } from '../../test-support/claims/claimSpace.ts';
import { runClaimPool } from '../verify/claimPool.ts';
import { summarise } from './summarise.ts';
import { theoryErrors, type TheoryErrors } from './theoryErrors.ts';

/** The candidate region of the `small` plan. */
export const SMALL_SPACE: ClaimSpace = {
  mStar: [1, 3], ratio: [1, 4], d: [1000, 100_000_000], dScale: 'log', rkcAbove: 10_000, maxStepPerSqrtD: 0.1,
  geometries: ['orthonormal', 'random'], flowMethods: ['dopri5', 'rkc'], pruning: ['cancel-groups', 'best-aligned'],
  horizon: { kind: 'recovery', perSqrtD: 30 }, fineTuneMaxTime: 2000,
};

/**
 * The candidate regions of the `wide` plan, half of the draws from each: every
 * m* from 1 to 5 and every integrator, m/m* 1-8 where d is small enough for a
 * random teacher (d <= 20000), m/m* 1-2 above (the large-d runs are the long
 * ones: a plateau lasts ~sqrt(d), and a gradient costs ~m (m + m*)).
 */
export const WIDE_SPACES: readonly ClaimSpace[] = [
  { ...SMALL_SPACE, mStar: [1, 5], ratio: [1, 8], d: [1000, 20_000], flowMethods: ['auto', 'dopri5', 'exprb43', 'rkc'] },
  { ...SMALL_SPACE, mStar: [1, 5], ratio: [1, 2], d: [20_000, 100_000_000], geometries: ['orthonormal'], flowMethods: ['auto', 'dopri5', 'exprb43', 'rkc'] },
];

/** Seed of the measurement's draws. */
const MEASURE_SEED = 1010;

/**
 * `runs` draws shared equally by the spaces, the k-th space drawn with seed
 * `seed + k`, interleaved (one from each in turn) so that a measurement
 * stopped early still covers every space.
 */
function interleavedDraws(spaces: readonly ClaimSpace[], runs: number, seed: number): ClaimConfig[] {
  const per = spaces.map((space, k) => fc.sample(arbClaimConfig(space), { numRuns: Math.ceil(runs / spaces.length), seed: seed + k }));
  return per[0].flatMap((_, i) => per.map((p) => p[i])).slice(0, runs);
}

function planConfigs(plan: string, runs: number): ClaimConfig[] {
  if (plan === 'small') return fc.sample(arbClaimConfig(SMALL_SPACE), { numRuns: runs, seed: MEASURE_SEED });
  if (plan === 'wide') return interleavedDraws(WIDE_SPACES, runs, MEASURE_SEED);
  // The parts of the regimes npm test samples: the wide theory regimes' quick parts, or the paper's-setting regime's.
  if (plan === 'wide-quick') return interleavedDraws(WIDE_THEORY_REGIMES.map((r) => r.quick), runs, MEASURE_SEED + 10);
  if (plan === 'paper') return interleavedDraws([PAPER_SETTING_REGIME.quick], runs, MEASURE_SEED + 10);
  if (plan === 'figure') {
    return Array.from({ length: runs }, (_, k) => ({
      mStar: 5, m: 25, d: 1000, seed: k + 1, geometry: 'orthonormal', engine: 'flow', flowMethod: 'dopri5', pruning: 'cancel-groups',
      time: 60, fineTuneMaxTime: 2000,
    }) as ClaimConfig);
  }
  throw new Error(`--plan must be 'small', 'wide', 'wide-quick', 'paper' or 'figure', found '${plan}'`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, dflt: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
  const plan = opt('plan', 'small');
  const runs = Number(opt('runs', plan === 'figure' ? '16' : '60'));
  const workers = Number(opt('workers', String(Math.min(2, availableParallelism()))));
  const out = opt('out', join('reports', 'theory-measurement', plan));
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a positive integer, found ${runs}`);
  const configs = planConfigs(plan, runs);
  const started = performance.now();
  console.log(`measure theory: plan ${plan}, ${configs.length} runs on ${workers} worker(s); results in ${out}/`);
  // Finished runs also go to a partial file as they come (a long measurement interrupted keeps them); removed at the end.
  mkdirSync(out, { recursive: true });
  const partial = join(out, 'runs.partial.jsonl');
  rmSync(partial, { force: true });
  const results = await runClaimPool(configs, workers, (r, done, total) => {
    const e = r.outcome ? theoryErrors(r.outcome.point) : null;
    appendFileSync(partial, JSON.stringify({ config: r.config, error: r.error ?? null, theory: e, wallSeconds: r.outcome?.wallSeconds ?? null }) + '\n');
    console.log(`[${done}/${total}] m*=${r.config.mStar} m=${r.config.m} d=${r.config.d} seed=${r.config.seed}: ` +
      (r.error ? `error ${r.error}` : `escape ${e?.escape?.toExponential(2) ?? '—'}${e?.firstPaired ? ' (paired)' : ''}, ` +
        Object.entries(e?.verdicts ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')));
  });
  const errors: TheoryErrors[] = [];
  const lines: string[] = [];
  for (const r of results) {
    const e = r.outcome ? theoryErrors(r.outcome.point) : null;
    if (e) errors.push(e);
    lines.push(JSON.stringify({ config: r.config, error: r.error ?? null, theory: e, wallSeconds: r.outcome?.wallSeconds ?? null }));
  }
  const command = `npx tsx tools/theory/measureTheory.ts --plan ${plan} --runs ${runs}`;
  const minutes = (performance.now() - started) / 60_000;
  const failed = results.filter((r) => r.error).length;
  const summary = summarise(`Theory errors, plan ${plan}`, command, errors) +
    `\n${failed} run(s) failed with an error; ${minutes.toFixed(1)} min on ${workers} worker(s).\n`;
  await writeFilesAtomically(out, [{ name: 'runs.jsonl', content: lines.join('\n') + '\n' }, { name: 'summary.md', content: summary }]);
  rmSync(partial, { force: true });
  console.log(summary);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
