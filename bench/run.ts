/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the
 * command line) and prints one JSON line per benchmark: `name`, our time, the
 * peer's where there is one, and their ratio. Benchmarks are never tests:
 * nothing here fails on a timing.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One benchmark result line. */
export interface BenchLine {
  name: string;
  [key: string]: unknown;
}

/** A benchmark file exports `benchmarks`: named async functions yielding result lines. */
export interface BenchModule {
  benchmarks: Record<string, () => Promise<BenchLine[]>>;
}

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as BenchModule;
  for (const [name, fn] of Object.entries(mod.benchmarks)) {
    if (only.length && !only.some((o) => name.includes(o) || f.includes(o))) continue;
    for (const line of await fn()) process.stdout.write(JSON.stringify(line) + '\n');
  }
}
