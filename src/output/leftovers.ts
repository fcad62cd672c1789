import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isTempFile } from './atomicWrite.ts';
import { LOCK_FILE } from './runLock.ts';

/**
 * Removes what killed runs leave in an output folder and its sub-folders
 * one level down (points/): temp files of interrupted atomic writes and
 * stale locks set aside during a take-over. Only `pid` (or any pid, when
 * undefined) is matched; the lock's own temp files are left to the run
 * taking the lock. Call while holding the folder's lock, or with this
 * process's pid from a signal handler. Returns the number removed.
 */
export function removeLeftovers(dir: string, pid?: number): number {
  let removed = 0;
  const scan = (d: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (depth === 0) scan(join(d, e.name), 1);
        continue;
      }
      const mine = pid === undefined || e.name.includes(`.${pid}.`);
      const temp = isTempFile(e.name) && !e.name.startsWith(`${LOCK_FILE}.`);
      const setAside = e.name.startsWith(`${LOCK_FILE}.stale.`);
      if (mine && (temp || setAside)) {
        rmSync(join(d, e.name), { force: true });
        removed++;
      }
    }
  };
  scan(dir, 0);
  return removed;
}
