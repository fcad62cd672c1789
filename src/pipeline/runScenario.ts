import { availableParallelism } from 'node:os';
import type { Metrics, Point } from '../generated/metrics.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { expandSweep } from '../scenario/expandSweep.ts';
import { runClaims } from '../claims/runClaims.ts';
import { environment, EXACT_BACKEND } from './environment.ts';
import { runPoint, type PointResult } from './runPoint.ts';
import { overridesOf, pointId } from './pointId.ts';
import { runPointsInWorkers } from './pointsInWorkers.ts';
import { inShard, type Shard } from './shard.ts';

/** Options of a scenario run. */
export interface RunOptions {
  /** Replaces the scenario's root seed. */
  seed?: number;
  /** Run only this part of the sweep. */
  shard?: Shard;
  /** Worker threads for sweeps (default: all cores; 1 runs in this thread). */
  workers?: number;
  /** Progress of each point: its label, stage, fraction and status. */
  onProgress?: (point: string, stage: string, fraction: number, status: string) => void;
  /** Called when a point finishes. */
  onPointDone?: (point: string, done: number, total: number) => void;
}

/**
 * Runs a loaded scenario (every sweep point of this shard) and returns its
 * metrics, claims C1-C6 included. No files are written here.
 */
export async function runScenario(loaded: LoadedScenario, opts: RunOptions = {}): Promise<Metrics> {
  const started = new Date();
  const clock = performance.now();
  const scenario = structuredClone(loaded.scenario);
  if (opts.seed !== undefined) scenario.seed = opts.seed;
  const all = expandSweep(scenario);
  const points = all.filter((p) => inShard(p.index, opts.shard));
  const workers = Math.min(opts.workers ?? availableParallelism(), points.length);
  let done = 0;
  const finish = (label: string) => opts.onPointDone?.(label, ++done, points.length);
  let results: PointResult[];
  if (workers > 1) {
    results = await runPointsInWorkers(points, loaded.file, workers, opts.onProgress, finish);
  } else {
    results = [];
    for (const p of points) {
      results.push(await runPoint(p.scenario, pointId(p), overridesOf(p), loaded.file, (st, f, s) => opts.onProgress?.(pointId(p), st, f, s)));
      finish(pointId(p));
    }
  }
  const backends = [...new Set(results.map((r) => r.backend).filter((b): b is string => !!b))];
  return assembleMetrics(loaded, scenario, results.map((r) => r.point), backends, started, (performance.now() - clock) / 1000, opts.shard, all.length);
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
      ...(loaded.overrides?.length ? { overrides: [...loaded.overrides] } : {}), resolved: scenario as unknown as Record<string, unknown>,
    },
    seed: scenario.seed,
    environment: environment(backends.length ? backends.join(', ') : EXACT_BACKEND, started, wallSeconds),
    points,
    claims: runClaims(points, scenario.claims),
  };
  if (scenario.sweep) {
    const shardNote = shard ? `shard ${shard.index}/${shard.count}: ${points.length} of ${totalPoints} points; join the shards with moe-repro merge` : undefined;
    metrics.sweep = { fields: scenario.sweep.over.map((a) => a.field), ...(note ?? shardNote ? { note: note ?? shardNote } : {}) };
  }
  return metrics;
}
