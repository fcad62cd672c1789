import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mutant } from './catalogue.ts';

/** What a mutant run needs from the repository (node_modules is linked, not copied). */
const COPIED = ['src', 'test-support', 'properties', 'schemas', 'scenarios', 'bin', 'tools/golden', 'package.json', 'tsconfig.json', 'vitest.config.ts'];

/**
 * A fresh copy of the repository's sources in a temp folder, with
 * node_modules symlinked to the original. The original is never written.
 */
export async function copyWorkspace(root: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'moe-mutant-'));
  try {
    for (const entry of COPIED) await cp(join(root, entry), join(dir, entry), { recursive: true });
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (e) {
    await removeWorkspace(dir); // a half-made copy is not left in the temporary directory
    throw e;
  }
  return dir;
}

/** Removes a workspace made by {@link copyWorkspace}. */
export async function removeWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Applies a mutant (each of its edits) in a workspace: each search text must
 * occur exactly once in its file, else this throws (the catalogue is out of date with the
 * source: update it, do not skip the mutant).
 */
export async function applyMutant(dir: string, mutant: Mutant): Promise<void> {
  for (const edit of [{ file: mutant.file, search: mutant.search, replace: mutant.replace }, ...(mutant.more ?? [])]) {
    const path = join(dir, edit.file);
    const text = await readFile(path, 'utf8');
    const count = text.split(edit.search).length - 1;
    if (count !== 1) {
      throw new Error(`mutant '${mutant.id}': its search text occurs ${count} times in ${edit.file} (must be exactly once); the source changed: update tools/mutants/catalogue.ts`);
    }
    await writeFile(path, text.replace(edit.search, () => edit.replace));
  }
}
