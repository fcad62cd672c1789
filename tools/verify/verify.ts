/**
 * `npm run verify`: the deep tier of the theory check.
 *
 * 1. The invariant properties (every properties/*.prop.test.ts except the
 *    claim files) with MOE_TIER=deep: full size ranges, more runs.
 * 2. The claim map: pipeline runs over a grid of m*, m/m* and d
 *    (tools/verify/plan.ts), with verdicts on C1-C5 per cell,
 *    the over-parameterisation boundary of each claim, and the declared
 *    regimes of the quick tier (test-support/claims/regimes.ts) checked
 *    against fresh runs drawn inside them.
 * 3. C6 over a sweep of d.
 * 4. Counterexamples beyond each regime, shrunk by fast-check.
 * Writes reports/verification/report.md and results.json (atomically) and
 * prints progress. Exits 1 if an invariant fails or a claim fails inside
 * its declared regime (the quick tier would then be asserting something
 * false); failures beyond a regime are findings, reported, not errors.
 *
 * `--plan regimes` instead re-runs the measurement that found the declared
 * regimes (tools/verify/plan.ts `regimeFindingSweeps`, 36
 * minutes on 2 cores with another job running) and tabulates it the same
 * way (invariants, C6 and shrinking are then skipped); `--regions TEXT`
 * runs only the plan's regions whose name or purpose contains TEXT (e.g.
 * `--plan regimes --regions "paper setting"`).
 *
 * Options: --seeds N (per map cell, default 2), --workers N (default 2),
 * --sample N (only the first N runs of every batch: a smoke test of a plan),
 * --skip invariants,map,timelaw,regimes,shrink, --shrink-seconds S (per
 * claim, default 60), --out DIR. MOE_ENGINE=path runs the claims with a
 * user's feature-learning engine.
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { writeFilesAtomically } from '../../src/output/atomicWrite.ts';
import { runClaimPool, type PoolResult } from './claimPool.ts';
import { claimEngineFromEnv, engineLabel, POINT_CLAIMS, type ClaimConfig, type PointClaimId } from '../../test-support/claims/claimPoint.ts';
import { inSpace } from '../../test-support/claims/claimSpace.ts';
import { REGIMES, TIME_LAW_REGIME, regimeClaims } from '../../test-support/claims/regimes.ts';
import { recoveryFailureModes } from '../../src/measure/failureModes.ts';
import { regimeSamples } from './regimeSamples.ts';
import { shrinkClaim, type ShrunkCounterexample } from './shrinkClaim.ts';
import { timeLawClaim, timeLawConfigs } from '../../test-support/claims/timeLaw.ts';
import { defaultSweeps, defaultTimeLaw, regimeFindingSweeps, sweepConfigs } from './plan.ts';
import { verificationReport } from './report.ts';
import type { InvariantResult, VerificationResults } from './results.ts';
import { verificationVerdict } from './verdicts.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
const seeds = Number(opt('seeds', '2'));
const workers = Number(opt('workers', String(Math.min(2, availableParallelism()))));
const plan = opt('plan', 'default');
const skip = new Set([...opt('skip', '').split(',').filter(Boolean), ...(plan === 'regimes' ? ['invariants', 'timelaw', 'shrink', 'regimes'] : [])]);
const shrinkSeconds = Number(opt('shrink-seconds', '60'));
// A smoke test of a plan: only the first N configurations of every batch of runs (0: all).
const sample = Number(opt('sample', '0'));
const outDir = opt('out', 'reports/verification');
const regions = opt('regions', '');
const engine = claimEngineFromEnv();
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 60_000).toFixed(1)} min`;

async function main(): Promise<number> {
  for (const [name, v] of [['seeds', seeds], ['workers', workers], ['shrink-seconds', shrinkSeconds], ['sample', sample]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`--${name} must be a non-negative integer, found ${v}`);
  }
  console.log(`verify: engine ${engineLabel(engine)}, ${seeds} seed(s) per cell, ${workers} worker(s); report in ${outDir}/`);
  const invariants = skip.has('invariants') ? [] : await runInvariants();
  if (plan !== 'default' && plan !== 'regimes') throw new Error(`--plan must be 'default' or 'regimes', found '${plan}'`);
  const sweeps = defaultSweeps(seeds);
  const map: { sweep: string; results: PoolResult[] }[] = [];
  const described: VerificationResults['sweeps'] = [];
  if (plan === 'regimes') {
    const chosen = regimeFindingSweeps(engine).filter((s) => !regions || s.name.includes(regions) || s.purpose.includes(regions));
    if (chosen.length === 0) throw new Error(`--regions '${regions}' matches no region of the regime-finding plan`);
    for (const s of chosen) {
      map.push({ sweep: s.name, results: await pool(`regime finding: ${s.name}`, s.configs) });
      described.push({ name: s.name, purpose: s.purpose, claims: s.claims, grid: false });
    }
  } else if (!skip.has('map')) {
    for (const s of sweeps) {
      map.push({ sweep: s.name, results: await pool(`map: ${s.name}`, sweepConfigs(s, engine)) });
      described.push({ name: s.name, purpose: s.purpose, claims: [...s.claims], grid: true });
    }
  }
  const regimeRuns: { claims: PointClaimId[]; results: PoolResult[] }[] = [];
  if (!skip.has('regimes')) {
    for (const r of REGIMES) regimeRuns.push({ claims: regimeClaims(r), results: await pool(`regime of ${regimeClaims(r).join(', ')}`, regimeSamples(r, engine, 'verify')) });
  }
  const timeLaw = skip.has('timelaw') ? null : await runTimeLaw();
  const shrunk: ShrunkCounterexample[] = skip.has('shrink') ? [] : await shrinkBeyond(map, sweeps);
  const results: VerificationResults = {
    command: argv.length ? `npm run verify -- ${argv.join(' ')}` : 'npm run verify', engine: engineLabel(engine), seeds, workers, cpus: cpus().length,
    wallMinutes: (performance.now() - started) / 60_000, invariants, map, regimeRuns, timeLaw, shrunk,
    sweeps: described,
  };
  const verdict = verificationVerdict(results);
  const markdown = verificationReport(results, verdict);
  await writeFilesAtomically(outDir, [
    { name: 'report.md', content: markdown },
    { name: 'results.json', content: JSON.stringify(stripPoints(results), null, 1) + '\n' },
  ]);
  console.log(`\n${verdict.summary}\nwrote ${outDir}/report.md and results.json in ${elapsed()}`);
  return verdict.ok ? 0 : 1;
}

/** Runs configurations on the worker pool with a progress line per run. */
async function pool(label: string, all: ClaimConfig[]): Promise<PoolResult[]> {
  const configs = sample > 0 ? all.slice(0, sample) : all;
  console.log(`\n${label}: ${configs.length} pipeline runs`);
  return runClaimPool(configs, workers, (r, done, total) => {
    const c = r.config;
    const v = r.outcome ? Object.entries(r.outcome.verdicts).map(([id, x]) => `${id}:${x === 'holds' ? 'h' : x === 'fails' ? 'F' : '-'}`).join(' ') : `ERROR ${r.error}`;
    const wall = r.outcome ? ` (${r.outcome.wallSeconds.toFixed(0)} s)` : '';
    console.log(`  [${done}/${total}, ${elapsed()}] m*=${c.mStar} m=${c.m} d=${c.d} seed=${c.seed} ${c.flowMethod} ${c.geometry} ${c.pruning}: ${v}${wall}`);
  });
}

/** Step 1: the invariant property files in the deep tier, through vitest's JSON reporter. */
async function runInvariants(): Promise<InvariantResult[]> {
  console.log('\ninvariants: properties/*.prop.test.ts (claims excluded) with MOE_TIER=deep ...');
  const json = `${outDir}.invariants.tmp.json`;
  const files = ['lossEngines', 'crossChecks', 'flow', 'sgd', 'pruning', 'inputs', 'loadScenario'].map((f) => `properties/${f}.prop.test.ts`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], {
      env: { ...process.env, MOE_TIER: 'deep', CI: '' }, stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', resolve);
  });
  type Assertion = { fullName: string; status: string; duration?: number; failureMessages: string[] };
  const report = JSON.parse(await readFile(json, 'utf8')) as { testResults: { name: string; assertionResults: Assertion[] }[] };
  await rm(json, { force: true });
  const out: InvariantResult[] = report.testResults.flatMap((f) => f.assertionResults.map((t) => ({
    file: f.name.replace(`${process.cwd()}/`, ''), name: t.fullName, status: t.status, seconds: (t.duration ?? 0) / 1000,
    failure: t.failureMessages[0]?.split('\n').slice(0, 6).join('\n'),
  })));
  console.log(`invariants: vitest exit code ${code}, ${out.filter((t) => t.status === 'passed').length}/${out.length} passed (${elapsed()})`);
  return out;
}

/** Step 3: C6 over d, judged per size by the pipeline's own C6 function. */
async function runTimeLaw(): Promise<VerificationResults['timeLaw']> {
  const t = defaultTimeLaw(seeds);
  const results = await pool('time law (C6)', timeLawConfigs(t, engine));
  const perSize = t.sizes.map((s) => {
    const own = results.filter((r) => r.config.mStar === s.mStar && r.config.m === s.mStar * s.ratio && r.outcome);
    return { ...s, claim: timeLawClaim(own.map((r) => r.outcome!)), runs: own.length };
  });
  const law = TIME_LAW_REGIME;
  if (!law || skip.has('regimes')) return { sweep: t, results, perSize, regime: null };
  const regime = await pool(`regime C6 (${law.label})`, timeLawConfigs(law.sweep('verify'), engine));
  return { sweep: t, results, perSize, regime: { label: law.label, claim: timeLawClaim(regime.filter((r) => r.outcome).map((r) => r.outcome!)), runs: regime.length } };
}

/** Step 4: per claim, the smallest failing run outside its declared regime, shrunk within the map's space. */
async function shrinkBeyond(map: { sweep: string; results: PoolResult[] }[], sweeps: ReturnType<typeof defaultSweeps>): Promise<ShrunkCounterexample[]> {
  const out: ShrunkCounterexample[] = [];
  for (const claim of POINT_CLAIMS) {
    // A claim asserted on every run of a regime is shrunk from a failure outside it; a rate claim
    // (it fails on some runs inside its regime too) from any failure.
    const regime = REGIMES.find((r) => regimeClaims(r).includes(claim));
    const everyRun = REGIMES.find((r) => r.claims.includes(claim));
    const sweep = sweeps.find((s) => s.claims.includes(claim) && (!regime || s.space.horizon.kind === regime.regime.horizon.kind));
    const runs = map.find((m) => m.sweep === sweep?.name)?.results ?? [];
    const failing = runs.filter((x) => x.outcome?.verdicts[claim] === 'fails' && !(everyRun && inSpace(x.config, everyRun.regime))).sort((a, b) => a.config.m - b.config.m || a.config.d - b.config.d);
    if (!sweep || failing.length === 0) continue;
    console.log(`\nshrinking a counterexample to ${claim} (budget ${shrinkSeconds} s) from m*=${failing[0].config.mStar} m=${failing[0].config.m} d=${failing[0].config.d} ...`);
    const tried = (c: ClaimConfig, failed: boolean) => console.log(`  tried m*=${c.mStar} m=${c.m} d=${c.d} seed=${c.seed}: ${failed ? 'fails' : 'holds'}`);
    const s = await shrinkClaim(claim, failing[0].config, sweep.space, shrinkSeconds, tried);
    console.log(`  -> m*=${s.shrunk.mStar} m=${s.shrunk.m} d=${s.shrunk.d} seed=${s.shrunk.seed} after ${s.runs} runs${s.budgetReached ? ' (budget reached)' : ''}`);
    out.push(s);
  }
  return out;
}

/** results.json without the per-point records (they are in no report; the verdicts and numbers are). */
function stripPoints(r: VerificationResults): unknown {
  // The point's records are dropped; the C1 failure modes read off its final state are kept.
  const strip = (x: PoolResult) => (x.outcome
    ? { config: x.config, outcome: { ...x.outcome, point: undefined, recoveryFailures: recoveryFailureModes(x.outcome.point) } }
    : x);
  return {
    ...r,
    map: r.map.map((m) => ({ ...m, results: m.results.map(strip) })),
    regimeRuns: r.regimeRuns.map((m) => ({ ...m, results: m.results.map(strip) })),
    timeLaw: r.timeLaw ? { ...r.timeLaw, results: r.timeLaw.results.map(strip) } : null,
  };
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(2);
  },
);

