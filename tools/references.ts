/**
 * `npm run references [-- NAME...]`: regenerates the committed reference
 * reports listed in references/list.yaml (scenario file -> report folder),
 * every one or those whose folder or scenario matches a NAME. Each runs
 * `moe-repro run SCENARIO --out FOLDER --fresh` and then drops the folder's
 * points/ (the resume store, which is not part of a report). Exits non-zero
 * if a run fails.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { main } from '../src/cli/main.ts';
import { ROOT } from './gen-types.ts';

/** The list: scenario file -> reference folder, both repository-relative. */
export function referenceList(): [string, string][] {
  const list = parse(readFileSync(join(ROOT, 'references', 'list.yaml'), 'utf8')) as Record<string, unknown>;
  return Object.entries(list).map(([scenario, folder]) => {
    if (typeof folder !== 'string') throw new Error(`references/list.yaml: '${scenario}' must map to a folder, found ${JSON.stringify(folder)}`);
    return [scenario, folder];
  });
}

async function regenerate(names: string[]): Promise<number> {
  const all = referenceList();
  const chosen = names.length ? all.filter(([s, f]) => names.some((n) => s.includes(n) || f.includes(n))) : all;
  if (chosen.length === 0) {
    process.stderr.write(`references: nothing matches ${names.join(', ')}; the list is ${all.map(([, f]) => f).join(', ')}\n`);
    return 2;
  }
  // Repository-relative paths, so the reports name `scenarios/x.yaml`, not this checkout's location.
  process.chdir(ROOT);
  for (const [scenario, folder] of chosen) {
    process.stderr.write(`references: ${scenario} -> ${folder}\n`);
    const code = await main(['node', 'moe-repro', 'run', scenario, '--out', folder, '--fresh', '--quiet']);
    if (code !== 0) return code;
    rmSync(join(folder, 'points'), { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = await regenerate(process.argv.slice(2));
