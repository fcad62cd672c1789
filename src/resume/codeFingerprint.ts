import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ownVersion, packageVersion } from '../pipeline/environment.ts';

/** Repository (or installed package) root: this file is src/runs/codeFingerprint.ts. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let cached: string | undefined;

/**
 * What code computed a result: `<moe-repro version>+<sha256 prefix>`, the
 * hash taken over every source file under src/ (tests excluded), the schemas
 * and the installed versions of the runtime dependencies. A stored sweep
 * point is reused only when this matches, so a result is never mixed with
 * results of other code, even within one version number (about 5 ms: the
 * sources are a few hundred small files).
 */
export function codeFingerprint(): string {
  if (cached) return cached;
  const h = createHash('sha256');
  for (const rel of [...sourceFiles('src'), ...sourceFiles('schemas')]) h.update(`${rel}\0`).update(readFileSync(join(ROOT, rel))).update('\0');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) h.update(`${name}@${packageVersion(name)}\0`);
  cached = `${ownVersion()}+${h.digest('hex').slice(0, 16)}`;
  return cached;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|mjs|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(rel);
  }
  return out;
}
