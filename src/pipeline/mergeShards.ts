import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metrics, Point } from '../generated/metrics.ts';
import type { Scenario } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { validateMetrics } from '../report/validateMetrics.ts';
import { expandSweep } from '../scenario/expandSweep.ts';
import { pointId } from './pointId.ts';
import { assembleMetrics } from './runScenario.ts';

/**
 * Joins the metrics of the shards of one sweep (`run --shard i/n` on several
 * machines) into the metrics of the whole run: points in sweep order,
 * run-level claims (C6 included) recomputed over all of them. The shards
 * must come from the same resolved scenario and seed; missing or duplicated
 * points are errors naming the folders.
 */
export function mergeShards(dirs: readonly string[]): Metrics {
  if (dirs.length === 0) throw new InputError('merge', 'give the shard folders to join (each holding a metrics.json)');
  const parts = dirs.map((dir) => {
    const file = join(dir, 'metrics.json');
    let m: unknown;
    try {
      m = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new InputError(file, `cannot read shard metrics (${(e as Error).message}); run 'moe-repro run FILE --shard i/n' first`);
    }
    validateMetrics(m);
    return { dir, metrics: m as Metrics };
  });
  const first = parts[0].metrics;
  const key = JSON.stringify(first.scenario.resolved);
  for (const p of parts) {
    if (JSON.stringify(p.metrics.scenario.resolved) !== key || p.metrics.seed !== first.seed) {
      throw new InputError(p.dir, `shard of a different scenario or seed than ${parts[0].dir}; merge only shards of one run`);
    }
  }
  const scenario = first.scenario.resolved as unknown as Scenario;
  const order = expandSweep(scenario).map(pointId);
  const byId = new Map<string, Point>();
  for (const p of parts) {
    for (const pt of p.metrics.points) {
      if (byId.has(pt.id)) throw new InputError(p.dir, `point ${pt.id} appears in more than one shard`);
      byId.set(pt.id, pt);
    }
  }
  const missing = order.filter((id) => !byId.has(id));
  if (missing.length) throw new InputError('merge', `missing points ${missing.join(', ')}; run the remaining shards first`);
  const points = order.map((id) => byId.get(id)!);
  const backends = [...new Set(parts.map((p) => p.metrics.environment.backend))];
  const started = new Date(Math.min(...parts.map((p) => Date.parse(p.metrics.environment.startedAt))));
  const wall = parts.reduce((s, p) => s + p.metrics.environment.wallSeconds, 0);
  return assembleMetrics(
    { file: first.scenario.file, overrides: first.scenario.overrides },
    scenario, points, backends.filter((b) => !b.startsWith('none')), started, wall, undefined, points.length,
    `merged from ${parts.length} shards (${dirs.join(', ')}); wallSeconds is the sum over shards`,
  );
}
