import { availableParallelism } from 'node:os';
import { configHash } from '../core/configHash.ts';
import type { Metrics, Point } from '../generated/metrics.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { expandSweep } from '../scenario/expandSweep.ts';
import { runClaims } from '../claims/runClaims.ts';
import { environment, EXACT_BACKEND } from './environment.ts';
import { runPoint, type PointResult } from './runPoint.ts';
import { overridesOf, pointId } from './pointId.ts';
import type { PointStore } from './pointStore.ts';
import { runPointsInWorkers } from './pointsInWorkers.ts';
import { inShard, type Shard } from './shard.ts';
import type { ResolvedPoint } from '../scenario/expandSweep.ts';

/** Options of a scenario run. */
export interface RunOptions {
  /** Replaces the scenario's root seed. */
  seed?: number;
  /** Run only this part of the sweep. */
  shard?: Shard;
  /** Worker threads, one point each (default: all cores, at most one per point). */
  workers?: number;
  /** Threads for the exact loss inside each point's worker (default 1; see setParallelism). */
  threads?: number;
  /**
   * Run the points on this thread instead of worker threads (library use and
   * tests). A point then cannot be stopped midway: the CLI keeps the points in
   * workers so that its thread stays free to answer Ctrl-C at once.
   */
  inThisThread?: boolean;
  /** Finished points from earlier runs (reused, not recomputed) and where each new one is kept as it finishes. */
  store?: PointStore;
  /** Called once before any point runs: points of this run (shard) and how many come from the store. */
  onPlan?: (total: number, stored: number) => void;
  /** Progress of each point: its label, stage, fraction and status. */
  onProgress?: (point: string, stage: string, fraction: number, status: string) => void;
  /** Called when a point finishes. */
  onPointDone?: (point: string, done: number, total: number) => void;
}

/**
 * Runs a loaded scenario (every sweep point of this shard) and returns its
 * metrics, claims C1-C6 included. Points run on worker threads unless
 * `inThisThread`; points already in `opts.store` are taken from it, and
 * each new one is put there as soon as it finishes. No files are written
 * here (the store writes, if it is a folder).
 */
export async function runScenario(loaded: LoadedScenario, opts: RunOptions = {}): Promise<Metrics> {
  const started = new Date();
  const clock = performance.now();
  const scenario = structuredClone(loaded.scenario);
  if (opts.seed !== undefined) scenario.seed = opts.seed;
  const all = expandSweep(scenario);
  const points = all.filter((p) => inShard(p.index, opts.shard));
  const results: (PointResult | undefined)[] = points.map((p) => opts.store?.get(p));
  const todo = points.filter((_, k) => !results[k]);
  opts.onPlan?.(points.length, points.length - todo.length);
  let done = points.length - todo.length;
  const finish = (p: ResolvedPoint, r: PointResult) => {
    // The stored form (JSON) is what every run assembles from, so a resumed run equals an uninterrupted one.
    const kept = asStored(r);
    opts.store?.put(p, kept);
    results[points.indexOf(p)] = kept;
    opts.onPointDone?.(pointId(p), ++done, points.length);
  };
  if (!opts.inThisThread && todo.length) {
    const workers = Math.min(opts.workers ?? availableParallelism(), todo.length);
    await runPointsInWorkers(todo, loaded.file, workers, opts.threads ?? 1, opts.onProgress, finish);
  } else {
    for (const p of todo) finish(p, await runPoint(p.scenario, pointId(p), overridesOf(p), loaded.file, (st, f, s) => opts.onProgress?.(pointId(p), st, f, s)));
  }
  const finished = results as PointResult[];
  const backends = [...new Set(finished.map((r) => r.backend).filter((b): b is string => !!b))];
  return assembleMetrics(loaded, scenario, finished.map((r) => r.point), backends, started, (performance.now() - clock) / 1000, opts.shard, all.length);
}

/** A result as it reads back from JSON (NaN and infinities null, -0 as 0): the form points are stored in. */
function asStored(r: PointResult): PointResult {
  return JSON.parse(JSON.stringify(r)) as PointResult;
}

/** The metrics object of a run from its points (also used by `merge`). */
export function assembleMetrics(
  loaded: Pick<LoadedScenario, 'file' | 'overrides'>, scenario: LoadedScenario['scenario'], points: Point[], backends: string[],
  started: Date, wallSeconds: number, shard: Shard | undefined, totalPoints: number, note?: string,
): Metrics {
  const metrics: Metrics = {
    schemaVersion: 1,
    scenario: {
      name: scenario.name, file: loaded.file, ...(scenario.description ? { description: scenario.description } : {}),
      ...(loaded.overrides?.length ? { overrides: [...loaded.overrides] } : {}),
      resolved: scenario as unknown as Record<string, unknown>, hash: configHash(scenario),
    },
    seed: scenario.seed,
    environment: environment(backends.length ? backends.join(', ') : EXACT_BACKEND, started, wallSeconds),
    points,
    claims: runClaims(points, scenario.claims),
  };
  if (scenario.sweep) {
    const shardNote = shard ? `shard ${shard.index}/${shard.count}: ${points.length} of ${totalPoints} points; join the shards with moe-repro merge` : undefined;
    metrics.sweep = {
      fields: scenario.sweep.over.map((a) => a.field), ...(note ?? shardNote ? { note: note ?? shardNote } : {}),
      ...(shard ? { shard: { index: shard.index, count: shard.count } } : {}),
    };
  }
  return metrics;
}
