import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metrics, Point } from '../generated/metrics.ts';
import type { Scenario } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { validateMetrics } from '../report/validateMetrics.ts';
import { expandSweep } from '../scenario/expandSweep.ts';
import { configHash } from '../core/configHash.ts';
import type { ResolvedPoint } from '../scenario/expandSweep.ts';
import { pointId } from './pointId.ts';
import { assembleMetrics } from './runScenario.ts';

/**
 * Joins the metrics of the shards of one sweep (`run --shard i/n` on several
 * machines) into the metrics of the whole run: points in sweep order,
 * run-level claims (C6 included) recomputed over all of them. The shards
 * must share one resolved scenario hash (same scenario, seed and options;
 * a mismatch names the fields that differ) and one split (`--shard i/n`
 * with the same n); missing points are named with the shards that hold
 * them and the command that runs those; duplicated points name the folder.
 */
export function mergeShards(dirs: readonly string[]): Metrics {
  if (dirs.length === 0) throw new InputError('merge', 'give the shard folders to join (each holding a metrics.json)');
  const parts = dirs.map((dir) => {
    const file = join(dir, 'metrics.json');
    let m: unknown;
    try {
      m = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      const unfinished = existsSync(join(dir, 'points'))
        ? ': its run did not finish (finished points are kept in points/); rerun its command to resume it'
        : '';
      throw new InputError(file, `cannot read shard metrics (${(e as Error).message})${unfinished || '; run \'moe-repro run FILE --shard i/n\' first'}`);
    }
    validateMetrics(m);
    return { dir, metrics: m as Metrics };
  });
  const first = parts[0].metrics;
  const hashOf = (m: Metrics) => m.scenario.hash ?? configHash(m.scenario.resolved);
  const hash = hashOf(first);
  for (const p of parts.slice(1)) {
    if (hashOf(p.metrics) !== hash) {
      const fields = differingFields(first.scenario.resolved, p.metrics.scenario.resolved);
      throw new InputError(p.dir, `a shard of a different run than ${parts[0].dir}: `
        + `resolved scenario hash ${hashOf(p.metrics).slice(0, 12)} against ${hash.slice(0, 12)}`
        + `${fields.length ? ` (they differ in ${fields.join(', ')})` : ''}; merge only shards of one scenario run with the same seed and options`);
    }
  }
  const counts = [...new Set(parts.map((p) => p.metrics.sweep?.shard?.count).filter((c): c is number => c !== undefined))];
  if (counts.length > 1) {
    throw new InputError('merge', `the shards split the sweep in different ways (--shard i/${counts.join(', i/')}); merge shards of one split`);
  }
  const scenario = first.scenario.resolved as unknown as Scenario;
  const all = expandSweep(scenario);
  const order = all.map(pointId);
  const byId = new Map<string, Point>();
  for (const p of parts) {
    for (const pt of p.metrics.points) {
      if (byId.has(pt.id)) throw new InputError(p.dir, `point ${pt.id} appears in more than one shard`);
      byId.set(pt.id, pt);
    }
  }
  const missing = all.filter((pt) => !byId.has(pointId(pt)));
  if (missing.length) throw new InputError('merge', missingMessage(missing, counts[0], first.scenario.file));
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

/** What is missing, and for a sharded run which shards hold it and how to run them. */
function missingMessage(missing: ResolvedPoint[], count: number | undefined, file: string): string {
  const ids = missing.map(pointId);
  const list = ids.length > 8 ? `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more` : ids.join(', ');
  if (count === undefined) return `missing points ${list}; run the remaining shards first`;
  const shards = [...new Set(missing.map((p) => (p.index % count) + 1))].sort((a, b) => a - b);
  const runs = shards.map((i) => `moe-repro run ${file} --shard ${i}/${count}`);
  const plural = (n: number) => (n === 1 ? '' : 's');
  return `missing ${ids.length} point${plural(ids.length)} (${list}) of shard${plural(shards.length)} ${shards.map((i) => `${i}/${count}`).join(', ')}; `
    + `run ${runs.length > 3 ? `${runs.slice(0, 3).join('; ')}; ...` : runs.join('; ')} (with the same seed and options) and merge again with their folders`;
}

/** Top-level fields (dotted one level into objects) whose values differ between two resolved scenarios. */
function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[k];
    const y = b[k];
    if (configHash(x ?? null) === configHash(y ?? null)) continue;
    const nested = x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y);
    out.push(...(nested ? differingFields(x as Record<string, unknown>, y as Record<string, unknown>).map((f) => `${k}.${f}`) : [k]));
  }
  return out.slice(0, 6);
}
