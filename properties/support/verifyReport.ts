import type { Claim } from '../../src/generated/metrics.ts';
import { fmt } from '../../src/report/format.ts';
import { POINT_CLAIMS, scenarioYaml, type PointClaimId } from './claimPoint.ts';
import { cellText, claimMap, ratioBoundary, verdictOf } from './claimMap.ts';
import type { PoolResult } from './claimPool.ts';
import { describeSpace } from './claimSpace.ts';
import { REGIMES, TIME_LAW_REGIME } from './regimes.ts';
import type { ShrunkCounterexample } from './shrinkClaim.ts';
import type { TimeLawSweep } from './verifyPlan.ts';

/** One invariant test of the deep tier. */
export interface InvariantResult {
  file: string;
  name: string;
  status: string;
  seconds: number;
  failure?: string;
}

/** Everything `npm run verify` measured (results.json holds it, minus per-point records). */
export interface VerificationResults {
  command: string;
  engine: string;
  seeds: number;
  workers: number;
  cpus: number;
  wallMinutes: number;
  invariants: InvariantResult[];
  sweeps: { name: string; purpose: string; claims: string[] }[];
  map: { sweep: string; results: PoolResult[] }[];
  regimeRuns: { claims: PointClaimId[]; results: PoolResult[] }[];
  timeLaw: { sweep: TimeLawSweep; results: PoolResult[]; perSize: { mStar: number; ratio: number; claim: Claim; runs: number }[]; regime: { label: string; claim: Claim; runs: number } | null } | null;
  shrunk: ShrunkCounterexample[];
}

const TITLES: Record<PointClaimId, string> = {
  C1: 'recovery', C2: 'experts before routers', C3: 'sequential recovery', C4: 'pruning keeps the function', C5: 'fine-tuning to zero loss',
};

/** report.md of a verification run and its overall verdict. */
export function verificationReport(v: VerificationResults): { markdown: string; verdict: { ok: boolean; summary: string } } {
  const failedInvariants = v.invariants.filter((t) => t.status === 'failed');
  const regimeFailures = v.regimeRuns.flatMap((g) => g.claims.flatMap((claim) => g.results.filter((r) => verdictOf(r, claim) !== 'holds').map((r) => ({ claim, r }))));
  const c6Bad = !!v.timeLaw?.regime && v.timeLaw.regime.claim.verdict !== 'holds';
  const ok = failedInvariants.length === 0 && regimeFailures.length === 0 && !c6Bad;
  const lines: string[] = [];
  const p = (s = '') => lines.push(s);
  p('# Verification: where the claims hold, and the invariants');
  p();
  p(`\`${v.command}\` — engine \`${v.engine}\`, ${v.seeds} seed(s) per map cell, ${v.workers} worker(s) on ${v.cpus} CPU(s), ${v.wallMinutes.toFixed(1)} min.`);
  p();
  p(`Verdict: ${ok ? '**OK**' : '**NOT OK**'} — ${failedInvariants.length} invariant failure(s), ${regimeFailures.length} claim failure(s) inside a declared regime${c6Bad ? ', C6 fails in its regime' : ''}. Failures beyond a regime are findings (the map below), not errors.`);
  p();
  p('## Headline');
  p();
  p('| claim | declared regime (what `npm test` asserts, deep tier) | inside the regime (fresh runs) | across the map | over-parameterisation boundary found | shrunk counterexample beyond the regime |');
  p('|---|---|---|---|---|---|');
  for (const id of POINT_CLAIMS) {
    const reg = REGIMES.find((r) => r.claims.includes(id));
    const inside = v.regimeRuns.find((g) => g.claims.includes(id))?.results ?? [];
    // Only the sweeps that judge this claim (C1 on runs stopped at recovery, C4 after settling, ...).
    const judging = new Set(v.sweeps.filter((s) => s.claims.includes(id)).map((s) => s.name));
    const all = v.map.filter((m) => judging.has(m.sweep)).flatMap((m) => m.results);
    const mapCount = count(all, id);
    const cells = claimMap(all, id);
    const ex = v.shrunk.find((s) => s.claim === id);
    p(`| ${id} ${TITLES[id]} | ${reg ? describeSpace(reg.regime) : 'none found: no region where it held in every run'} | ${reg ? countText(count(inside, id)) : '—'} | ${countText(mapCount)} | ${boundaryText(cells)} | ${ex ? configText(ex.shrunk) : '—'} |`);
  }
  if (v.timeLaw) {
    const sizes = v.timeLaw.perSize.map((s) => `m*=${s.mStar}, m=${s.mStar * s.ratio}: ${s.claim.verdict} (${slopeText(s.claim)})`).join('; ');
    const reg = v.timeLaw.regime;
    p(`| C6 sqrt(d) time law | ${TIME_LAW_REGIME?.label ?? 'none found (see properties/support/regimes.ts)'} | ${reg ? `${reg.claim.verdict} (${slopeText(reg.claim)})` : '—'} | ${sizes} | — | — |`);
  }
  p();
  p('Counts are runs where the claim held / runs where it was judged (n/e: not evaluable on that run, e.g. C3 with one teacher; err: the run threw).');
  p();
  p('## The declared regimes and how they were found');
  p();
  for (const r of REGIMES) p(`- ${r.claims.join(', ')} (${r.title}): ${describeSpace(r.regime)}. Measured before this run: ${r.measured}.`);
  p(`- C6: ${TIME_LAW_REGIME ? `${TIME_LAW_REGIME.label}: ${TIME_LAW_REGIME.measured}` : 'no regime declared (see properties/support/regimes.ts for the measurement that found it failing)'}.`);
  p();
  findings(v, p);
  p('## Claim maps');
  p();
  for (const s of v.sweeps) {
    const runs = v.map.find((m) => m.sweep === s.name)?.results ?? [];
    if (!runs.length) continue;
    p(`### Sweep \`${s.name}\`: ${s.purpose}`);
    p();
    for (const id of s.claims as PointClaimId[]) mapTable(id, runs, p);
  }
  invariantsSection(v, p);
  timeLawSection(v, p);
  counterexamples(v, regimeFailures, p);
  p('## Reproduce');
  p();
  p('- `npm run verify` (this report); `npm run verify -- --seeds 4` for a denser map; `--skip invariants,shrink` for the map alone.');
  p('- A run of the map is `moe-repro run` on the scenario printed with each counterexample (properties/support/claimPoint.ts writes it).');
  p('- The declared regimes and the measurements behind them: properties/support/regimes.ts.');
  const summary = `verification ${ok ? 'OK' : 'NOT OK'}: invariants ${v.invariants.length - failedInvariants.length}/${v.invariants.length} passed; ${regimeFailures.length} failure(s) inside declared regimes${c6Bad ? '; C6 fails in its regime' : ''}; ${v.shrunk.length} shrunk counterexample(s) beyond them`;
  return { markdown: lines.join('\n') + '\n', verdict: { ok, summary } };
}

function count(results: readonly PoolResult[], id: PointClaimId): { holds: number; judged: number; other: number } {
  let holds = 0, judged = 0, other = 0;
  for (const r of results) {
    const x = verdictOf(r, id);
    if (x === 'holds') holds++;
    if (x === 'holds' || x === 'fails') judged++;
    else other++;
  }
  return { holds, judged, other };
}

function countText(c: { holds: number; judged: number; other: number }): string {
  return `${c.holds}/${c.judged}${c.other ? ` (+${c.other} n/e)` : ''}`;
}

function boundaryText(cells: ReturnType<typeof claimMap>): string {
  const b = ratioBoundary(cells);
  if (!b.length) return '—';
  return b.map((x) => `m*=${x.mStar}, d=${x.d}: ${x.fromRatio === null ? 'fails at the largest m/m*' : x.failingRatios.length ? `m/m* >= ${x.fromRatio}` : 'all m/m*'}`).join('; ');
}

function configText(c: { mStar: number; m: number; d: number; seed: number; geometry: string; flowMethod: string; pruning: string }): string {
  return `m*=${c.mStar}, m=${c.m}, d=${c.d}, seed ${c.seed}, ${c.geometry}, ${c.flowMethod}, ${c.pruning}`;
}

function slopeText(c: Claim): string {
  const d = c.details as { slope?: number; r2?: number; points?: number } | undefined;
  return d?.slope !== undefined ? `slope ${fmt(d.slope)}, r^2 ${fmt(d.r2)}, ${d.points} runs` : c.evidence;
}

function mapTable(id: PointClaimId, runs: readonly PoolResult[], p: (s?: string) => void): void {
  const cells = claimMap(runs, id);
  const ds = [...new Set(cells.map((c) => c.d))].sort((a, b) => a - b);
  const rows = [...new Set(cells.map((c) => `${c.mStar}/${c.ratio}`))];
  p(`${id} (${TITLES[id]}):`);
  p();
  p(`| m* | m/m* | ${ds.map((d) => `d=${d}`).join(' | ')} |`);
  p(`|---|---|${ds.map(() => '---').join('|')}|`);
  for (const key of rows) {
    const [mStar, ratio] = key.split('/').map(Number);
    const row = ds.map((d) => {
      const c = cells.find((x) => x.mStar === mStar && x.ratio === ratio && x.d === d);
      return c ? cellText(c) : '';
    });
    p(`| ${mStar} | ${ratio} | ${row.join(' | ')} |`);
  }
  p();
}

/** Structural findings computed from the runs (each with its counts). */
function findings(v: VerificationResults, p: (s?: string) => void): void {
  const all = [...v.map.flatMap((m) => m.results), ...v.regimeRuns.flatMap((g) => g.results)];
  const settled = v.map.filter((m) => m.sweep.endsWith('settle')).flatMap((m) => m.results);
  const items: string[] = [];
  const parity = (even: boolean) => count(settled.filter((r) => r.config.m > r.config.mStar && ((r.config.m - r.config.mStar) % 2 === 0) === even), 'C4');
  if (settled.length) {
    items.push(`C4 and the parity of the surplus m - m*: with an even surplus pruning kept the function in ${countText(parity(true))} runs, with an odd surplus in ${countText(parity(false))} (surplus students end in cancelling pairs; an odd one out has nothing to cancel with).`);
  }
  const c1Fails = all.filter((r) => r.outcome?.verdicts.C1 === 'fails');
  const split = c1Fails.filter((r) => r.outcome!.flLoss < 1e-3);
  const stuck = c1Fails.filter((r) => r.outcome!.flLoss >= 1e-1);
  if (c1Fails.length) {
    items.push(`C1 failures: ${c1Fails.length}; in ${split.length} of them the feature-learning loss was nevertheless below 1e-3 (a teacher expert represented by a group of students sharing its router, none of them aligned >= 0.9: zero loss without recovery), in ${stuck.length} it stayed >= 0.1 (students stuck away from a teacher), the rest were still recovering at the horizon.`);
  }
  const c5AtOptimum = all.filter((r) => r.outcome?.verdicts.C5 === 'fails' && (r.outcome.ftLoss ?? 1) <= 1e-12 && r.outcome.evidence.C5.includes('no rate could be fitted'));
  if (c5AtOptimum.length) {
    items.push(`C5 verdicts that are artefacts: ${c5AtOptimum.length} run(s) where fine-tuning ended at loss <= 1e-12 yet C5 "fails" because no convergence rate could be fitted (pruning had already left the exact optimum, so there was nothing to fit): a defect of the C5 evaluation (src/pipeline/claims/pointClaims.ts), not of the theory.`);
  }
  if (!items.length) return;
  p('## Findings');
  p();
  for (const i of items) p(`- ${i}`);
  p();
}

function invariantsSection(v: VerificationResults, p: (s?: string) => void): void {
  if (!v.invariants.length) return;
  p('## Invariants (deep tier: MOE_TIER=deep, full size ranges)');
  p();
  p('| property | file | result | seconds |');
  p('|---|---|---|---|');
  for (const t of v.invariants) p(`| ${t.name.replace(/\|/g, '/').replace(/ \(with seed=-?\d+\)$/, '')} | ${t.file} | ${t.status} | ${t.seconds.toFixed(1)} |`);
  p();
  for (const t of v.invariants.filter((x) => x.failure)) {
    p(`Failure of "${t.name}":`);
    p();
    p('```');
    p(t.failure!);
    p('```');
    p();
  }
}

function timeLawSection(v: VerificationResults, p: (s?: string) => void): void {
  if (!v.timeLaw) return;
  p('## C6: recovery time against d');
  p();
  p('| m* | m | d | seed | T | T/sqrt(d) |');
  p('|---|---|---|---|---|---|');
  for (const r of v.timeLaw.results) {
    const T = r.outcome?.T ?? null;
    p(`| ${r.config.mStar} | ${r.config.m} | ${r.config.d} | ${r.config.seed} | ${r.outcome ? fmt(T) : `error: ${r.error}`} | ${T === null ? '—' : fmt(T / Math.sqrt(r.config.d))} |`);
  }
  p();
  for (const s of v.timeLaw.perSize) p(`- m*=${s.mStar}, m=${s.mStar * s.ratio}: ${s.claim.verdict}: ${s.claim.evidence}`);
  if (v.timeLaw.regime) p(`- declared regime (${v.timeLaw.regime.label}): ${v.timeLaw.regime.claim.verdict}: ${v.timeLaw.regime.claim.evidence}`);
  else p('- no declared regime: no property asserts C6.');
  p();
}

function counterexamples(v: VerificationResults, inside: { claim: PointClaimId; r: PoolResult }[], p: (s?: string) => void): void {
  if (inside.length) {
    p('## Failures inside a declared regime (the quick tier asserts something false: narrow the regime)');
    p();
    for (const { claim, r } of inside) p(`- ${claim} on ${configText(r.config)}: ${r.outcome?.evidence[claim] ?? r.error}`);
    p();
  }
  if (!v.shrunk.length) return;
  p('## Counterexamples beyond the regimes, shrunk');
  p();
  for (const s of v.shrunk) {
    p(`### ${s.claim} (${TITLES[s.claim]})`);
    p();
    p(`From ${configText(s.from)} to **${configText(s.shrunk)}** in ${s.runs} pipeline run(s)${s.budgetReached ? ' (shrinking stopped at its time budget)' : ''}. Evidence: ${s.evidence}`);
    p();
    p('```yaml');
    p(scenarioYaml(s.shrunk).trimEnd());
    p('```');
    p();
  }
}
