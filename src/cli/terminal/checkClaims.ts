import type { Claim } from '../../generated/metrics.ts';

/**
 * `--check` of run and merge: when a claim evaluated by the run fails, lists
 * the failing claims on stderr and sets exit code 1, so a CI job can gate on
 * the claims. Claims not evaluated do not fail a check. Without `check`,
 * does nothing (a failing claim is a result, reported in the table).
 */
export function checkClaims(claims: readonly Claim[], check: boolean | undefined): void {
  const failed = claims.filter((c) => c.verdict === 'fails');
  if (!check || failed.length === 0) return;
  process.stderr.write(`moe-repro: check failed: ${failed.map((c) => `${c.id} (${c.title})`).join(', ')} ${failed.length === 1 ? 'fails' : 'fail'}\n`);
  process.exitCode = 1;
}
