import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';

/** Name of the lock file in an output folder. */
export const LOCK_FILE = '.moe-repro.lock';

/** How often a holder touches its lock (its modification time is the heartbeat). */
const HEARTBEAT_MS = 15_000;

/**
 * A lock of another host not touched for this long is stale: its run is gone
 * (killed with its node, a pod evicted). Eight heartbeats, so that a busy
 * machine or a slow shared file system (and clocks a little apart) never
 * makes a live run's lock look stale.
 */
export const REMOTE_STALE_MS = 8 * HEARTBEAT_MS;

/** Who holds a lock: written into the lock file as JSON. */
interface LockOwner {
  pid: number;
  host: string;
  /** Linux boot id: a lock from before a reboot is stale whatever its pid. */
  boot?: string;
  /** Start time of the process (Linux clock ticks since boot): tells a live owner from a later process that reuses its pid. */
  start?: string;
  startedAt: string;
  command: string;
}

/** A held lock on an output folder. */
export interface RunLock {
  readonly file: string;
  /** Set when a stale lock (its process gone) was taken over: says whose. */
  readonly tookOver?: string;
  /** Removes the lock file if it is still this process's. Idempotent. */
  release(): void;
}

/**
 * Takes the lock of output folder `dir`, so that two runs never write into
 * one folder at once (they would interleave their points and the last report
 * would win). The lock file holds the owner's pid, host, boot id and process
 * start time; it is created complete (written to a temp file, then
 * hard-linked into place, which fails if the lock exists). A lock whose owner
 * is gone (same host: no such pid, another boot, or the pid now belongs to a
 * process started later; another host: the lock was not refreshed for
 * REMOTE_STALE_MS, as a live run refreshes it every 15 s) is stale, left by a
 * killed run, and is taken over. A live owner makes this throw an InputError
 * saying who holds it and what to do.
 */
export function acquireRunLock(dir: string, command: string): RunLock {
  const file = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), boot: bootId(), start: processStart(process.pid), startedAt: new Date().toISOString(), command };
  const text = JSON.stringify(me);
  let tookOver: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(file, text)) {
      let released = false;
      const beat = setInterval(() => touch(file), HEARTBEAT_MS);
      beat.unref();
      return {
        file, tookOver,
        release() {
          if (released) return;
          released = true;
          clearInterval(beat);
          if (readOrNull(file) === text) rmSync(file, { force: true });
        },
      };
    }
    const held = readOrNull(file);
    if (held === null) continue; // released in between: try again
    const owner = parseOwner(held);
    const why = owner ? staleBecause(owner, me, ageMs(file)) : 'unreadable lock file';
    if (!why) throw heldError(dir, file, owner!, me);
    if (takeOverStale(file, held)) tookOver = `${owner ? `pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}` : 'unknown owner'} (${why})`;
  }
  throw new InputError(dir, `could not take the lock ${file}: other runs keep taking it; run one at a time into a folder`);
}

/** Creates `file` with `text` only if it does not exist, never leaving a partly written lock. */
function createExclusive(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text);
  } catch (e) {
    throw new InputError(file, `cannot write into the output folder (${(e as NodeJS.ErrnoException).code}); choose a writable folder, e.g. with --out DIR`);
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: an exclusive create, written at once (a crash in between leaves an unreadable, hence stale, lock).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createWithFlag(file, text);
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

function createWithFlag(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock, unless another run replaced it meanwhile: the lock
 * is first renamed to a private name, and put back if what was renamed is
 * not the stale text that was judged.
 */
function takeOverStale(file: string, staleText: string): boolean {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return false; // gone already
  }
  if (readOrNull(aside) === staleText) {
    rmSync(aside, { force: true });
    return true;
  }
  try {
    linkSync(aside, file);
  } catch {
    // the other run's lock could not be restored because yet another took the place: that one holds it now
  }
  rmSync(aside, { force: true });
  return false;
}

/**
 * Why a lock is stale, or undefined when its owner may still be running.
 * On this host the owner's process is looked up; another host's process
 * cannot be, so there the heartbeat decides (a live run touches its lock
 * every 15 s; one untouched for REMOTE_STALE_MS is gone).
 */
function staleBecause(owner: LockOwner, me: LockOwner, age: number): string | undefined {
  if (owner.host !== me.host) return age > REMOTE_STALE_MS ? `not refreshed for ${Math.round(age / 1000)} s` : undefined;
  if (owner.boot && me.boot && owner.boot !== me.boot) return 'the machine has restarted since';
  if (!alive(owner.pid)) return 'that process is gone';
  const start = processStart(owner.pid);
  if (owner.start && start && owner.start !== start) return 'that process is gone; its pid belongs to a later process';
  return undefined;
}

function heldError(dir: string, file: string, owner: LockOwner, me: LockOwner): InputError {
  const who = `pid ${owner.pid}${owner.host !== me.host ? ` on host ${owner.host}` : ''}, started ${owner.startedAt}: ${owner.command}`;
  const remote = owner.host !== me.host
    ? `; it was refreshed less than ${REMOTE_STALE_MS / 1000} s ago, so it counts as running (a lock of another host is taken over once its run `
      + `stops refreshing it; if you know that run is gone, delete ${file})`
    : '';
  return new InputError(dir, `another moe-repro run is writing into this folder (${who})${remote}; `
    + 'wait for it to finish, or give this run its own folder with --out DIR');
}

/** Milliseconds since the lock file was last touched (0 if it cannot be read). */
function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // the folder went away or became read-only: the run fails on its next write, which says why
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function bootId(): string | undefined {
  return readOrNull('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** Field 22 of /proc/PID/stat (start time), read after the command name, which may hold spaces and parentheses. */
function processStart(pid: number): string | undefined {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}
