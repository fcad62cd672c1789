import type { ResolvedPoint } from '../scenario/expandSweep.ts';

/** The id of a point in the metrics: its sweep label, or `seed=<seed>` for a scenario without a sweep. */
export function pointId(p: ResolvedPoint): string {
  return p.overrides.length ? p.label : `seed=${p.seed}`;
}

/** A point's overrides as a plain object (dotted path -> value). */
export function overridesOf(p: ResolvedPoint): Record<string, unknown> {
  return Object.fromEntries(p.overrides.map((o) => [o.field, o.value]));
}
