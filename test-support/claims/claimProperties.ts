import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { arbClaimConfig } from './arbClaimConfig.ts';
import { byTier, growingRuns, runs, TIER } from '../fcConfig.ts';
import { claimEngineFromEnv, runClaimPoint, scenarioYaml, type ClaimOutcome, type PointClaimId } from './claimPoint.ts';
import { describeSpace } from './claimSpace.ts';
import { batchMayStop, perRunPasses, rateThreshold, type ClaimRate, type ClaimRegime } from './regimes.ts';

/** The feature-learning engine the claim properties run: the exact flow, or MOE_ENGINE (a user's module or program). */
export const CLAIM_ENGINE = claimEngineFromEnv();

/**
 * Per-test time limit of a claim property (each case is a whole pipeline run), ms:
 * MOE_CLAIM_TIMEOUT seconds when set (`check-engine --test-timeout`: a user's
 * engine may be slower than the flow), else 5 minutes quick, an hour deep.
 */
export const CLAIM_TIMEOUT = process.env.MOE_CLAIM_TIMEOUT ? Number(process.env.MOE_CLAIM_TIMEOUT) * 1000 : byTier(300_000, 3_600_000);

/**
 * Declares the property of one measured regime, for configurations drawn
 * from it (the quick tier's part in `npm test`, the whole regime in the deep
 * tier); every case is a pipeline run through the scenario loader.
 * - Without a rate: each of the regime's claims must hold on every run; a
 *   failure is shrunk (a few steps: every step is another pipeline run).
 * - With a rate: a batch of runs drawn from the regime, the per-run claims
 *   on every one of them and the rate claim on at least ceil(atLeast n).
 * The name states the claims, the rate and the region.
 */
export function claimProperty(r: ClaimRegime): void {
  if (r.rates?.length) {
    rateProperty(r, r.rates);
    return;
  }
  const space = TIER === 'deep' ? r.regime : r.quick;
  const arb = fc.limitShrink(arbClaimConfig(space, CLAIM_ENGINE), 4);
  const names = r.claims.join(', ');
  test.prop([arb], runs(r.quickRuns, r.deepRuns))(
    `${names} (${r.title}) ${r.claims.length > 1 ? 'hold' : 'holds'} on every run${r.whereJudged ? ' where judged' : ''} for ${describeSpace(space)}`,
    async (c) => {
      const o = await runClaimPoint(c);
      for (const id of r.claims) {
        const msg = `${id} ${o.verdicts[id]}: ${o.evidence[id]}\nreplay with \`moe-repro run\` on this scenario:\n${scenarioYaml(c)}`;
        expect(perRunPasses(r, o.verdicts[id]), msg).toBe(true);
      }
    },
    CLAIM_TIMEOUT,
  );
}

/**
 * The rate form. The batch is drawn by fast-check from the suite's seed
 * (FC_SEED, the CI seed under CI, else a fresh one), printed on failure
 * with the scenario of every run that failed a claim, so the whole batch
 * replays with `FC_SEED=<seed>` and each run with `moe-repro run`. With
 * `quickUpTo` the quick tier's batch grows from `quickRuns` until every
 * rate has reached its count (see ClaimRegime.quickUpTo): the counts are
 * those of the whole batch of `quickUpTo` runs, the first runs of the
 * same draw.
 */
function rateProperty(r: ClaimRegime, rates: readonly ClaimRate[]): void {
  const space = TIER === 'deep' ? r.regime : r.quick;
  const { atLeast: nMin, upTo: n } = growingRuns(r.quickRuns, r.quickUpTo, r.deepRuns);
  const perRun = r.claims.length ? `${r.claims.join(', ')} on every run, ` : '';
  const rateText = rates.map((x) => `${x.claim} on at least ${rateThreshold(x.atLeast, n)}`).join(' and ');
  const growing = n > nMin ? ` (at least ${nMin} drawn, more until every count is reached)` : '';
  test(
    `${perRun}${rateText} of ${n} runs${growing} (${r.title}; rates ${rates.map((x) => `${x.claim} >= ${x.atLeast}`).join(', ')}) for ${describeSpace(space)}`,
    async () => {
      const seed = fc.readConfigureGlobal().seed ?? (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
      const configs = fc.sample(arbClaimConfig(space, CLAIM_ENGINE), { numRuns: n, seed });
      const all = [...r.claims, ...rates.map((x) => x.claim)];
      const held = (os: readonly ClaimOutcome[], id: PointClaimId) => os.filter((o) => o.verdicts[id] === 'holds').length;
      const brokenIn = (os: readonly ClaimOutcome[]) => os.filter((o) => r.claims.some((id) => !perRunPasses(r, o.verdicts[id]))).length;
      const outcomes: ClaimOutcome[] = [];
      for (const c of configs) {
        outcomes.push(await runClaimPoint(c));
        if (batchMayStop(r, outcomes.map((o) => o.verdicts), nMin, n)) break;
      }
      const detail = outcomes.filter((o) => all.some((id) => o.verdicts[id] !== 'holds')).map((o) => {
        const why = all.filter((id) => o.verdicts[id] !== 'holds').map((id) => `${id} ${o.verdicts[id]}: ${o.evidence[id]}`).join('\n  ');
        return `- ${JSON.stringify(o.config)}\n  ${why}\n  scenario:\n${scenarioYaml(o.config).replace(/^/gm, '    ')}`;
      }).join('\n');
      const broken = brokenIn(outcomes);
      const counts = rates.map((x) => ({ ...x, held: held(outcomes, x.claim), needed: rateThreshold(x.atLeast, n) }));
      const drawn = outcomes.length < n ? `${outcomes.length} of a batch of ${n} runs` : `a batch of ${n} runs`;
      const summary = `${drawn} drawn with seed ${seed} (replay the batch: FC_SEED=${seed}); ` +
        counts.map((x) => `${x.claim} held on ${x.held}, needs ${x.needed}`).join('; ') +
        `; ${broken} run(s) broke a per-run claim (${r.claims.join(', ') || 'none'})`;
      console.log(`${r.title}: ${summary}`);
      expect(broken, `${summary}\n${detail}`).toBe(0);
      for (const x of counts) expect(x.held, `${x.claim}: ${summary}\n${detail}`).toBeGreaterThanOrEqual(x.needed);
    },
    CLAIM_TIMEOUT * byTier(2, 1),
  );
}
