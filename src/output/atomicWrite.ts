import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { makeFolder } from './makeFolder.ts';

/** One file to write: a bare file name inside the target folder, and its text or bytes. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENOSPC']);

/**
 * Writes every file into `dir` so that no reader ever sees a half-written
 * one, and what was renamed into place survives a crash or power loss: all
 * contents go to hidden temp names first (`.name.<pid>.<rand>.tmp`), each
 * flushed to disk (fsync) and closed; only when all are complete is each
 * renamed over its final name (a rename within one folder is atomic), and
 * then the folder itself is flushed so the renames are on disk too. On any
 * failure the temp files are removed and nothing is renamed. The folder is
 * made by makeFolder (never a recursive mkdir, which loops forever on /proc);
 * one that cannot be created or written raises InputError naming the folder
 * (the CLI exits 2). Returns the final paths.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  for (const f of files)
    if (!/^[^/\\]+$/.test(f.name) || f.name.startsWith('.')) throw new Error(`writeFilesAtomically: '${f.name}' is not a plain file name`);
  makeFolder(dir, dir);
  const tag = tempTag();
  const temps = files.map((f) => join(dir, `.${f.name}.${tag}.tmp`));
  try {
    for (let k = 0; k < files.length; k++) await writeDurably(temps[k], files[k].content);
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
  syncFolder(dir);
  return out;
}

/**
 * The synchronous form for one file at `path` (its folder must exist): temp
 * file, fsync, rename, fsync of the folder. Synchronous on purpose: a caller
 * that stores a result as soon as it exists (a finished sweep point) never
 * has a write in flight when a signal handler runs, so an interrupt can
 * never leave a temp file behind.
 */
export function writeFileAtomicallySync(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${tempTag()}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw asInputError(e as NodeJS.ErrnoException, dirname(path), 'cannot write into the output folder');
  }
  syncFolder(dirname(path));
}

/** True for the temp files the writers above leave only when killed mid-write (`.name.<pid>.<hex>.tmp`). */
export function isTempFile(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);
}

function tempTag(): string {
  return `${process.pid}.${randomBytes(4).toString('hex')}`;
}

async function writeDurably(path: string, content: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * fsync of a folder, so renames into it are durable. Some platforms cannot
 * open a folder for this (Windows: EISDIR/EPERM); there the rename itself is
 * all the file system offers, and that is not an error.
 */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function asInputError(e: NodeJS.ErrnoException, dir: string, what: string): Error {
  if (!e.code || !UNWRITABLE.has(e.code)) return e;
  return new InputError(dir, `${what} (${e.code}: ${e.message}); choose a writable folder, e.g. with --out DIR`);
}
