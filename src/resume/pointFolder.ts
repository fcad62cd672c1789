import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandPaths } from '../pipeline/engines/command/commandEngine.ts';
import type { CommandEngine } from '../generated/scenario.ts';
import type { PointResult } from '../pipeline/runPoint.ts';
import type { PointStore } from '../pipeline/pointStore.ts';
import { overridesOf, pointId } from '../pipeline/pointId.ts';
import type { ResolvedPoint } from '../scenario/expandSweep.ts';
import { isModulePath, resolveModulePath } from '../scenario/modulePath.ts';
import { writeFileAtomicallySync } from '../output/atomicWrite.ts';
import { codeFingerprint } from './codeFingerprint.ts';
import { configHash } from '../core/configHash.ts';
import { makeFolder } from '../output/makeFolder.ts';

/** Sub-folder of an output folder holding one file per finished point. */
export const POINTS_FOLDER = 'points';

/** What one point file holds. */
interface StoredPoint {
  format: 1;
  id: string;
  /** configHash of the point's resolved configuration (see pointConfigHash). */
  hash: string;
  /** codeFingerprint() of the code that computed it. */
  code: string;
  savedAt: string;
  result: PointResult;
}

/** A point store on disk, with what it found when opened. */
export interface PointFolder extends PointStore {
  readonly dir: string;
  /** Points stored in the folder (valid or not for this run). */
  size(): number;
  /** Why stored points were not reused: one line each (configuration or code changed, unreadable file). */
  readonly notes: string[];
}

/**
 * The points store of an output folder: `points/<label>.<id hash>.json`, one
 * file per finished point, each written atomically and durably (temp file,
 * fsync, rename, fsync of the folder) the moment the point finishes. A stored
 * point is reused only when its recorded hash equals the hash of the point's
 * resolved configuration (the scenario of the point after overrides and seed,
 * its id, and the contents of any user module it names) and it was computed
 * by the same code (codeFingerprint); otherwise it is recomputed and
 * replaced, and `notes` says why. `fresh` removes every stored point first.
 * Call only while holding the folder's run lock.
 */
export function openPointFolder(outDir: string, scenarioFile: string, fresh: boolean): PointFolder {
  const dir = makeFolder(join(outDir, POINTS_FOLDER), '--out');
  const notes: string[] = [];
  const stored = new Map<string, StoredPoint>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    if (fresh) {
      rmSync(file, { force: true });
      continue;
    }
    const entry = readEntry(file);
    if (entry) stored.set(entry.id, entry);
    else notes.push(`ignored ${file}: not a point file of this version`);
  }
  const code = codeFingerprint();
  return {
    dir, notes,
    size: () => stored.size,
    get(point) {
      const entry = stored.get(pointId(point));
      if (!entry) return undefined;
      if (entry.hash !== pointConfigHash(point, scenarioFile)) notes.push(`point ${entry.id}: its configuration changed since it was stored; recomputing`);
      else if (entry.code !== code) notes.push(`point ${entry.id}: stored by other code (${entry.code}, now ${code}); recomputing`);
      else return entry.result;
      return undefined;
    },
    put(point, result) {
      const id = pointId(point);
      const entry: StoredPoint = { format: 1, id, hash: pointConfigHash(point, scenarioFile), code, savedAt: new Date().toISOString(), result };
      writeFileAtomicallySync(join(dir, pointFileName(id)), `${JSON.stringify(entry)}\n`);
      stored.set(id, entry);
    },
  };
}

/**
 * The hash a stored point must match to be reused: configHash of the point's
 * resolved scenario (defaults filled, overrides and seed applied, no sweep),
 * its id and overrides, and the SHA-256 of every user module it names and,
 * for a command engine, of every argument of its command that is a file (the
 * script, relative to its cwd) and of its options schema: an edited engine
 * file makes its points stale. Files that a module or script imports are not
 * followed: use --fresh after editing those.
 */
export function pointConfigHash(point: ResolvedPoint, scenarioFile: string): string {
  const s = point.scenario;
  const modules: Record<string, string> = {};
  for (const spec of [s.featureLearning.engine, s.pruning.rule, s.fineTuning.engine]) {
    if (typeof spec === 'object') Object.assign(modules, commandFiles(spec, scenarioFile));
    else if (isModulePath(spec)) modules[spec] = fileHash(resolveModulePath(scenarioFile, spec));
  }
  return configHash({ scenario: s, id: pointId(point), overrides: overridesOf(point), modules });
}

/** SHA-256 of a file's bytes, or 'missing'. */
function fileHash(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing';
}

/** The hashes of the files a command engine names: command arguments that are files in its cwd, and its options schema. */
function commandFiles(spec: CommandEngine, scenarioFile: string): Record<string, string> {
  const paths = commandPaths(spec, scenarioFile);
  const out: Record<string, string> = {};
  for (const arg of spec.command.slice(1)) {
    const path = resolve(paths.cwd, arg);
    if (existsSync(path) && statSync(path).isFile()) out[`command:${arg}`] = fileHash(path);
  }
  if (paths.optionsSchema) out[`optionsSchema:${spec.optionsSchema}`] = fileHash(paths.optionsSchema);
  return out;
}

/** A readable, unique file name for a point id: its label made file-safe, then 8 hex digits of its hash. */
function pointFileName(id: string): string {
  const label = id.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'point';
  return `${label}.${createHash('sha256').update(id).digest('hex').slice(0, 8)}.json`;
}

function readEntry(file: string): StoredPoint | undefined {
  try {
    const e = JSON.parse(readFileSync(file, 'utf8')) as StoredPoint;
    return e.format === 1 && typeof e.id === 'string' && typeof e.hash === 'string' && e.result?.point ? e : undefined;
  } catch {
    return undefined;
  }
}
