import type { Scenario, Sweep } from '../generated/scenario.ts';

/** One field set by a sweep point: the dotted path and its value. */
export interface Override {
  readonly field: string;
  readonly value: unknown;
}

/** A point of the sweep grid: which value of each axis, and the overrides. */
export interface GridPoint {
  /** Index into `sweep.over[i].values` for each axis i. */
  readonly valueIndex: readonly number[];
  readonly overrides: readonly Override[];
}

/** `featureLearning.sgd.learningRate` -> ['featureLearning', 'sgd', 'learningRate']. */
export function fieldPath(field: string): string[] {
  return field.split('.');
}

/**
 * The cartesian product of the sweep axes in a fixed order: the first axis
 * outermost, values in the order written (like nested loops). No sweep: one
 * point with no overrides.
 */
export function gridPoints(sweep: Sweep | undefined): GridPoint[] {
  let points: GridPoint[] = [{ valueIndex: [], overrides: [] }];
  for (const axis of sweep?.over ?? []) {
    points = points.flatMap((p) =>
      axis.values.map((value, j) => ({
        valueIndex: [...p.valueIndex, j],
        overrides: [...p.overrides, { field: axis.field, value }],
      })),
    );
  }
  return points;
}

/** Number of grid points (before replicates), without building them. */
export function gridSize(sweep: Sweep | undefined): number {
  return (sweep?.over ?? []).reduce((n, a) => n * a.values.length, 1);
}

/**
 * A deep copy of the scenario without its sweep and with every override set
 * (intermediate mappings created if absent). Not yet validated: the caller
 * runs the schema on it to check the values and fill defaults of new objects.
 */
export function withOverrides(base: Scenario, overrides: readonly Override[]): Record<string, unknown> {
  const { sweep: _sweep, ...rest } = base;
  const out = structuredClone(rest) as Record<string, unknown>;
  for (const { field, value } of overrides) {
    const path = fieldPath(field);
    let cur = out;
    for (const seg of path.slice(0, -1)) {
      const next = cur[seg];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[seg] = {};
      cur = cur[seg] as Record<string, unknown>;
    }
    cur[path[path.length - 1]] = structuredClone(value);
  }
  return out;
}
