import type { Claim } from '../../src/generated/metrics.ts';
import type { PointClaimId } from '../../test-support/claims/claimPoint.ts';
import type { TimeLawSweep } from '../../test-support/claims/timeLaw.ts';
import type { PoolResult } from './claimPool.ts';
import type { ShrunkCounterexample } from './shrinkClaim.ts';

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
  /** grid: a grid over (m*, m/m*, d) with seeds per cell (maps and boundaries); else random draws from a region. */
  sweeps: { name: string; purpose: string; claims: string[]; grid: boolean }[];
  map: { sweep: string; results: PoolResult[] }[];
  /** Fresh runs inside each declared regime (REGIMES order); claims: every claim the regime asserts. */
  regimeRuns: { claims: PointClaimId[]; results: PoolResult[] }[];
  timeLaw: { sweep: TimeLawSweep; results: PoolResult[]; perSize: { mStar: number; ratio: number; claim: Claim; runs: number }[]; regime: { label: string; claim: Claim; runs: number } | null } | null;
  shrunk: ShrunkCounterexample[];
}
