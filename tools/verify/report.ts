import { CLAIMS } from '../../src/claims/titles.ts';
import type { Claim } from '../../src/generated/metrics.ts';
import { fmt } from '../../src/core/format.ts';
import { POINT_CLAIMS, scenarioYaml, type PointClaimId } from '../../test-support/claims/claimPoint.ts';
import { cellText, claimMap, countVerdicts, ratioBoundary, type VerdictCount } from './claimMap.ts';
import type { PoolResult } from './claimPool.ts';
import { describeSpace } from '../../test-support/claims/claimSpace.ts';
import { RECOVERY_FAILURE_MODES, recoveryFailureModes, type RecoveryFailureMode } from '../../src/measure/failureModes.ts';
import { REGIMES, TIME_LAW_REGIME, rateOf, regimeClaims } from '../../test-support/claims/regimes.ts';
import type { VerificationResults } from './results.ts';
import type { RegimeFailure, VerificationVerdict } from './verdicts.ts';

/**
 * report.md of a verification run: the verdict (computed by
 * verificationVerdict, verdicts.ts), the headline table, the regimes, the
 * findings, the maps, the invariants, C6 and the counterexamples.
 */
export function verificationReport(v: VerificationResults, verdict: VerificationVerdict): string {
  const { ok, failedInvariants, regimeFailures, c6Fails: c6Bad } = verdict;
  const lines: string[] = [];
  const p = (s = '') => lines.push(s);
  p('# Verification: where the claims hold, and the invariants');
  p();
  p(`\`${v.command}\` — engine \`${v.engine}\`, ${v.seeds} seed(s) per map cell, ${v.workers} worker(s) on ${v.cpus} CPU(s), ${v.wallMinutes.toFixed(1)} min.`);
  p();
  const failures = `${failedInvariants.length} invariant failure(s), ${regimeFailures.length} claim failure(s) inside a declared regime${c6Bad ? ', C6 fails in its regime' : ''}`;
  p(`Verdict: ${ok ? '**OK**' : '**NOT OK**'} — ${failures}. Failures beyond a regime are findings (the map below), not errors.`);
  p();
  p('## Headline');
  p();
  p('| claim | declared regime (what `npm test` asserts, deep tier) | inside the regime (fresh runs) | across the map | ' +
    'over-parameterisation boundary found | shrunk counterexample beyond the regime |');
  p('|---|---|---|---|---|---|');
  for (const id of POINT_CLAIMS) {
    const k = REGIMES.findIndex((r) => regimeClaims(r).includes(id));
    const reg = k >= 0 ? REGIMES[k] : undefined;
    const inside = v.regimeRuns[k]?.results ?? [];
    // Only the sweeps that judge this claim (C1 on runs stopped at recovery, C4 after settling, ...).
    const judging = new Set(v.sweeps.filter((s) => s.claims.includes(id)).map((s) => s.name));
    const all = v.map.filter((m) => judging.has(m.sweep)).flatMap((m) => m.results);
    const mapCount = countVerdicts(all, id);
    // The boundary needs several runs per (m*, m/m*, d) cell: grid sweeps only, not random draws.
    const grids = new Set(v.sweeps.filter((s) => s.grid).map((s) => s.name));
    const cells = claimMap(v.map.filter((m) => judging.has(m.sweep) && grids.has(m.sweep)).flatMap((m) => m.results), id);
    const ex = v.shrunk.find((s) => s.claim === id);
    const rate = reg ? rateOf(reg, id) : undefined;
    const how = reg ? (rate ? `on at least ${rate.atLeast} of the runs in ` : `on every run${reg.whereJudged ? ' where judged' : ''} in `) : '';
    const declared = reg ? how + describeSpace(reg.regime) : 'none found: no region where it held in every run';
    const insideText = reg ? countText(countVerdicts(inside, id)) : '—';
    p(`| ${id} ${CLAIMS[id].short} | ${declared} | ${insideText} | ${countText(mapCount)} | ${boundaryText(cells)} | ${ex ? configText(ex.shrunk) : '—'} |`);
  }
  if (v.timeLaw) {
    const sizes = v.timeLaw.perSize.map((s) => `m*=${s.mStar}, m=${s.mStar * s.ratio}: ${s.claim.verdict} (${slopeText(s.claim)})`).join('; ');
    const reg = v.timeLaw.regime;
    const declared = TIME_LAW_REGIME?.label ?? 'none found (see test-support/claims/regimes.ts)';
    p(`| C6 ${CLAIMS.C6.short} | ${declared} | ${reg ? `${reg.claim.verdict} (${slopeText(reg.claim)})` : '—'} | ${sizes} | — | — |`);
  }
  p();
  p('Counts are runs where the claim held / runs where it was judged (n/e: not evaluable on that run, e.g. C3 with one teacher; err: the run threw).');
  p();
  p('## The declared regimes and how they were found');
  p();
  for (const r of REGIMES) {
    const perRun = r.claims.length ? `${r.claims.join(', ')} on every run${r.whereJudged ? ' where judged' : ''}` : '';
    const what = [perRun, ...(r.rates ?? []).map((x) => `${x.claim} on at least ${x.atLeast} of the runs`)].filter(Boolean).join(', ');
    p(`- ${what} (${r.title}): ${describeSpace(r.regime)}. Measured before this run: ${r.measured}.`);
  }
  p(`- C6: ${TIME_LAW_REGIME ? `${TIME_LAW_REGIME.label}: ${TIME_LAW_REGIME.measured}` : 'no regime declared (see test-support/claims/regimes.ts for the measurement that found it failing)'}.`);
  p();
  findings(v, p);
  regionsSection(v, p);
  p('## Claim maps');
  p();
  for (const s of v.sweeps) {
    const runs = v.map.find((m) => m.sweep === s.name)?.results ?? [];
    if (!runs.length) continue;
    p(`### Sweep \`${s.name}\`: ${s.purpose}`);
    p();
    if (!s.grid) continue; // random draws (regime finding): about one run per cell, see the regions table
    for (const id of s.claims as PointClaimId[]) mapTable(id, runs, p);
  }
  invariantsSection(v, p);
  timeLawSection(v, p);
  counterexamples(v, regimeFailures, p);
  p('## Reproduce');
  p();
  p('- `npm run verify` (this report); `npm run verify -- --seeds 4` for a denser map; `--skip invariants,shrink` for the map alone.');
  p('- A run of the map is `moe-repro run` on the scenario printed with each counterexample (test-support/claims/claimPoint.ts writes it).');
  p('- The declared regimes and the measurements behind them: test-support/claims/regimes.ts.');
  return lines.join('\n') + '\n';
}

function countText(c: VerdictCount): string {
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
  p(`${id} (${CLAIMS[id].short}):`);
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
  const settled = v.map.filter((m) => v.sweeps.find((s) => s.name === m.sweep)?.claims.includes('C4')).flatMap((m) => m.results);
  const items: string[] = [];
  const parity = (even: boolean) => countVerdicts(settled.filter((r) => r.config.m > r.config.mStar && ((r.config.m - r.config.mStar) % 2 === 0) === even), 'C4');
  if (settled.length) {
    items.push(`C4 and the parity of the surplus m - m*: with an even surplus pruning kept the function in ${countText(parity(true))} runs, ` +
      `with an odd surplus in ${countText(parity(false))} (surplus students end in cancelling pairs; an odd one out has nothing to cancel with).`);
  }
  const c4Fails = settled.filter((r) => r.outcome?.verdicts.C4 === 'fails');
  if (c4Fails.length) {
    const pent = c4Fails.filter((r) => r.outcome!.point && recoveryFailureModes(r.outcome!.point).some((f) => f.mode === 'pentagon-group')).length;
    const odd = c4Fails.filter((r) => (r.config.m - r.config.mStar) % 2 === 1).length;
    items.push(`C4 failures after settling: ${c4Fails.length}; in ${pent} of them a teacher was represented by a pentagon group when pruning began ` +
      `(no m* students can keep that function), ${odd} had an odd surplus m - m*.`);
  }
  const modes = failureModeCounts(all);
  if (modes.runs) {
    items.push(`C1 failures: ${modes.runs} run(s), ${modes.teachers} unrecovered teacher(s) at the end of feature learning, by mode (src/measure/failureModes.ts): ` +
      `${modeText(modes.byMode)}. A pentagon group is an exact zero-loss state (checked in every engine by properties/lossEngines.prop.test.ts): ` +
      'four students share the teacher\'s router and their experts sit at +-36 and +-108 degrees from its expert, none aligned above cos 36 deg = 0.809, ' +
      'and pruning to m* students cannot keep that function.');
  }
  if (!items.length) return;
  p('## Findings');
  p();
  for (const i of items) p(`- ${i}`);
  p();
}

/** C1 failure modes over some runs: runs with a C1 failure, unrecovered teachers, and teachers per mode. */
function failureModeCounts(runs: readonly PoolResult[]): { runs: number; teachers: number; byMode: Record<RecoveryFailureMode, number> } {
  const byMode = Object.fromEntries(RECOVERY_FAILURE_MODES.map((m) => [m, 0])) as Record<RecoveryFailureMode, number>;
  let failed = 0;
  let teachers = 0;
  for (const r of runs) {
    if (r.outcome?.verdicts.C1 !== 'fails' || !r.outcome.point) continue;
    failed++;
    for (const f of recoveryFailureModes(r.outcome.point)) {
      byMode[f.mode]++;
      teachers++;
    }
  }
  return { runs: failed, teachers, byMode };
}

function modeText(byMode: Record<RecoveryFailureMode, number>): string {
  return RECOVERY_FAILURE_MODES.filter((m) => byMode[m] > 0).map((m) => `${m} ${byMode[m]}`).join(', ') || 'none';
}

/** Per sweep (a region or a grid): each claim it judges, held / judged, and the C1 failure modes. */
function regionsSection(v: VerificationResults, p: (s?: string) => void): void {
  const rows = [
    ...v.sweeps.map((s) => ({ name: s.name, purpose: s.purpose, claims: s.claims as PointClaimId[], runs: v.map.find((m) => m.sweep === s.name)?.results ?? [] })),
    ...v.regimeRuns.map((g, k) => ({ name: `inside the declared regime ${k + 1} (fresh draws)`, purpose: describeSpace(REGIMES[k].regime), claims: g.claims, runs: g.results })),
  ].filter((r) => r.runs.length);
  if (!rows.length) return;
  p('## Regions and sweeps: how often each claim held');
  p();
  p(`| sweep | runs | ${POINT_CLAIMS.join(' | ')} | C1 failure modes (teachers) | median wall s |`);
  p(`|---|---|${POINT_CLAIMS.map(() => '---').join('|')}|---|---|`);
  for (const r of rows) {
    const cols = POINT_CLAIMS.map((id) => (r.claims.includes(id) ? countText(countVerdicts(r.runs, id)) : '·'));
    const walls = r.runs.filter((x) => x.outcome).map((x) => x.outcome!.wallSeconds).sort((a, b) => a - b);
    const median = walls.length ? walls[Math.floor(walls.length / 2)].toFixed(0) : '—';
    p(`| ${r.name} (${r.purpose}) | ${r.runs.length} | ${cols.join(' | ')} | ${r.claims.includes('C1') ? modeText(failureModeCounts(r.runs).byMode) : '·'} | ${median} |`);
  }
  p();
  p('Counts: held / judged (+ not evaluable). · : the sweep does not judge that claim (C4 needs the surplus students settled, so runs stopped at recovery do not judge it).');
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

function counterexamples(v: VerificationResults, inside: readonly RegimeFailure[], p: (s?: string) => void): void {
  if (inside.length) {
    p('## Failures inside a declared regime (the quick tier asserts something false: narrow the regime)');
    p();
    for (const { claim, r, note } of inside) p(`- ${claim} on ${configText(r.config)}: ${r.outcome?.evidence[claim] ?? r.error}${note ? ` (${note})` : ''}`);
    p();
  }
  if (!v.shrunk.length) return;
  p('## Counterexamples beyond the regimes, shrunk');
  p();
  for (const s of v.shrunk) {
    p(`### ${s.claim} (${CLAIMS[s.claim].short})`);
    p();
    p(`From ${configText(s.from)} to **${configText(s.shrunk)}** in ${s.runs} pipeline run(s)${s.budgetReached ? ' (shrinking stopped at its time budget)' : ''}. Evidence: ${s.evidence}`);
    p();
    p('```yaml');
    p(scenarioYaml(s.shrunk).trimEnd());
    p('```');
    p();
  }
}
