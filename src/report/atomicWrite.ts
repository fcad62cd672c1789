import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';

/** One file to write: a bare file name inside the target folder, and its text or bytes. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR']);

/**
 * Writes every file into `dir` so that no reader ever sees a half-written
 * one: all contents go to hidden temp names first (`.name.<pid>.<rand>.tmp`),
 * and only when all are complete is each renamed over its final name (a
 * rename within one folder is atomic). On any failure the temp files are
 * removed and nothing is renamed. A folder that cannot be created or written
 * raises InputError naming the folder (the CLI exits 2). Returns the final paths.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  for (const f of files)
    if (!/^[^/\\]+$/.test(f.name) || f.name.startsWith('.')) throw new Error(`writeFilesAtomically: '${f.name}' is not a plain file name`);
  await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw asInputError(e, dir, 'cannot create the output folder');
  });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temps = files.map((f) => join(dir, `.${f.name}.${tag}.tmp`));
  try {
    for (let k = 0; k < files.length; k++) await writeFile(temps[k], files[k].content);
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw asInputError(e as NodeJS.ErrnoException, dir, 'cannot write into the output folder');
  }
  const out = files.map((f) => join(dir, f.name));
  let k = 0;
  try {
    for (; k < files.length; k++) await rename(temps[k], out[k]);
  } catch (e) {
    await Promise.all(temps.slice(k).map((t) => rm(t, { force: true })));
    throw e;
  }
  return out;
}

function asInputError(e: NodeJS.ErrnoException, dir: string, what: string): Error {
  if (!e.code || !UNWRITABLE.has(e.code)) return e;
  return new InputError(dir, `${what} (${e.code}: ${e.message}); choose a writable folder, e.g. with --out DIR`);
}
