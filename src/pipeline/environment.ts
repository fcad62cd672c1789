import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import type { Environment } from '../generated/metrics.ts';
import { gitProvenance } from './provenance.ts';

const require = createRequire(import.meta.url);

/**
 * Version of an installed package, or 'not installed'. Reads the package's
 * package.json through the resolver, or from node_modules directly for
 * packages whose `exports` map hides it (vega, vega-lite).
 */
export function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    try {
      const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      return 'not installed';
    }
  }
}

/** moe-repro's own version. */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Where and with what a run was made (recorded in every report), the git commit of this checkout included. */
export function environment(backend: string, startedAt: Date, wallSeconds: number): Environment {
  const versions: Record<string, string> = {};
  for (const p of ['fast-check', 'seedrandom', 'vega', 'vega-lite', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu']) {
    versions[p] = packageVersion(p);
  }
  return {
    moeRepro: ownVersion(), node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length,
    backend, versions, startedAt: startedAt.toISOString(), wallSeconds, git: gitProvenance(),
  };
}

/** The backend label for runs that used no tfjs stage. */
export const EXACT_BACKEND = 'none (float64 exact engine)';
