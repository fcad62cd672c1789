import { mkdirSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.ts';

/**
 * Pseudo file systems a report can never live on (statfs magic numbers from
 * Linux's magic.h): proc, sysfs, cgroup v1 and v2, debugfs, devpts,
 * securityfs. Node's recursive mkdir loops forever on /proc (mkdir there
 * fails with ENOENT, which it takes for a missing parent), so such a target
 * is refused before anything is created.
 */
const PSEUDO_FS = new Map<number, string>([
  [0x9fa0, 'proc'], [0x62656572, 'sysfs'], [0x27e0eb, 'cgroup'], [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'], [0x1cd1, 'devpts'], [0x73636673, 'securityfs'],
]);

/**
 * Creates the folder `dir` and any missing parents, one level at a time, and
 * returns its absolute path. Refuses, with an InputError naming `option` (the
 * CLI flag that chose the folder) and the fix: a path inside a regular file
 * (`--out report.md/x`), a path that is itself a file, a folder on a pseudo
 * file system (/proc, /sys, ...), and a folder that cannot be created.
 * Writability is checked by the first file written into it (the run lock).
 */
export function makeFolder(dir: string, option: string): string {
  const target = resolve(dir);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    const st = statOrNull(existing);
    if (st) {
      if (!st.isDirectory()) {
        const what = existing === target ? `'${dir}' is a file, not a folder` : `'${dir}' is inside '${existing}', which is a file, not a folder`;
        throw new InputError(option, `${what}; choose a folder path, e.g. ${option} reports/my-run`);
      }
      break;
    }
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) throw new InputError(option, `cannot create '${dir}': no part of the path exists; give a path on a mounted file system`);
    existing = parent;
  }
  refusePseudo(existing, dir, option);
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EEXIST' && statOrNull(d)?.isDirectory()) continue; // made by a concurrent run
      throw new InputError(option, `cannot create the folder '${d}' (${err.code ?? err.message}); choose a writable place, e.g. ${option} reports/my-run`);
    }
  }
  return target;
}

function refusePseudo(existing: string, dir: string, option: string): void {
  const real = realpathSync(existing);
  let kind = ['/proc', '/sys'].find((p) => real === p || real.startsWith(p + sep));
  if (!kind) {
    try {
      kind = PSEUDO_FS.get(Number(statfsSync(real).type));
    } catch {
      // statfs is missing on some platforms: the path prefixes above are then all we check
    }
  }
  if (kind) {
    throw new InputError(option, `'${dir}' is on ${kind} (${real}), a pseudo file system that cannot hold a report; `
      + `choose a folder on a disk, e.g. ${option} reports/my-run`);
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') return null; // a parent is a file: found on the next level up
    throw e;
  }
}
