import type { Scenario } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { validatorOf } from './schemas.ts';
import { gridPoints, withOverrides, type Override } from './sweepGrid.ts';

/** One run of a scenario: a sweep point and replicate, fully resolved. */
export interface ResolvedPoint {
  /** Position in the expansion order (0-based). */
  readonly index: number;
  /** Stable label of the run, e.g. `d=1000,seed=2` (overrides in axis order, then the seed). */
  readonly label: string;
  /** Fields this point sets, in the order of `sweep.over`. */
  readonly overrides: readonly Override[];
  /** Replicate number r in 0 .. replicates - 1. */
  readonly replicate: number;
  /** Root seed of this run: the point's seed (swept or `seed`) + r. */
  readonly seed: number;
  /** The scenario of this run: overrides applied, defaults filled, `seed` set, no `sweep`. */
  readonly scenario: Scenario;
}

/**
 * Every run of a loaded scenario, in a deterministic order: grid points with
 * the first axis outermost, values in written order, replicates innermost.
 * Replicate r of a point runs with root seed (point seed) + r, so grid points
 * share seeds (common random numbers across d, m, ...). A scenario without a
 * sweep is one point. Expects a scenario from loadScenario/parseScenario
 * (sweep already checked); an invalid point is a programming error here.
 */
export function expandSweep(scenario: Scenario): ResolvedPoint[] {
  const replicates = scenario.sweep?.replicates ?? 1;
  const validate = validatorOf('scenario');
  const out: ResolvedPoint[] = [];
  for (const point of gridPoints(scenario.sweep)) {
    const base = withOverrides(scenario, point.overrides);
    if (!validate(base)) {
      throw new InputError('sweep', `point ${labelOf(point.overrides)} is invalid (${validate.errors?.[0]?.message}); load the scenario with loadScenario first`);
    }
    for (let r = 0; r < replicates; r++) {
      const s = structuredClone(base) as unknown as Scenario;
      s.seed = (base.seed as number) + r;
      out.push({ index: out.length, label: labelOf(point.overrides, s.seed), overrides: point.overrides, replicate: r, seed: s.seed, scenario: s });
    }
  }
  return out;
}

function labelOf(overrides: readonly Override[], seed?: number): string {
  const parts = overrides
    .filter((o) => o.field !== 'seed')
    .map((o) => `${o.field}=${typeof o.value === 'object' ? JSON.stringify(o.value) : String(o.value)}`);
  if (seed !== undefined) parts.push(`seed=${seed}`);
  return parts.join(',');
}
