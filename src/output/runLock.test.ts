import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { acquireRunLock, LOCK_FILE, REMOTE_STALE_MS } from './runLock.ts';

const root = mkdtempSync(join(tmpdir(), 'moe-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const lockOf = (pid: number, host = hostname()) => JSON.stringify({ pid, host, startedAt: '2026-01-01T00:00:00.000Z', command: 'moe-repro run x.yaml' });

describe('acquireRunLock', () => {
  it('holds a folder against a second taker until released, then lets it go', () => {
    const dir = mkdtempSync(join(root, 'a-'));
    const a = acquireRunLock(dir, 'moe-repro run a.yaml');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), command: 'moe-repro run a.yaml' });
    const held = /another moe-repro run is writing into this folder \(pid \d+, started .*: moe-repro run a\.yaml\); wait for it/;
    expect(() => acquireRunLock(dir, 'moe-repro run b.yaml')).toThrow(held);
    a.release();
    a.release();
    expect(readdirSync(dir)).toEqual([]);
    acquireRunLock(dir, 'moe-repro run b.yaml').release();
  });

  it('takes over the lock of a process that is gone, and says whose it was', () => {
    const dir = mkdtempSync(join(root, 'b-'));
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), lockOf(pid));
    const lock = acquireRunLock(dir, 'moe-repro run b.yaml');
    expect(lock.tookOver).toBe(`pid ${pid} on ${hostname()}, started 2026-01-01T00:00:00.000Z (that process is gone)`);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over a lock from before a reboot or from a process whose pid was reused; an unreadable one too', () => {
    const dir = mkdtempSync(join(root, 'c-'));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...JSON.parse(lockOf(process.pid)), boot: 'another-boot' }));
    const rebooted = acquireRunLock(dir, 'x');
    if (process.platform === 'linux') expect(rebooted.tookOver).toContain('the machine has restarted since');
    rebooted.release();
    if (process.platform === 'linux') {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...JSON.parse(lockOf(process.pid)), start: '1' })); // this pid, but started at another time
      const reused = acquireRunLock(dir, 'x');
      expect(reused.tookOver).toContain('its pid belongs to a later process');
      reused.release();
    }
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    const broken = acquireRunLock(dir, 'x');
    expect(broken.tookOver).toContain('unreadable lock file');
    broken.release();
  });

  it('refuses a lock held by a live process of another run, and a fresh one from another host (whose processes it cannot see)', async () => {
    const dir = mkdtempSync(join(root, 'd-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, LOCK_FILE), lockOf(child.pid!));
      expect(() => acquireRunLock(dir, 'x')).toThrow(`another moe-repro run is writing into this folder (pid ${child.pid}, started`);
    } finally {
      child.kill('SIGKILL');
    }
    writeFileSync(join(dir, LOCK_FILE), lockOf(deadPid(), 'elsewhere'));
    const remote = `on host elsewhere, started 2026-01-01T00:00:00.000Z: moe-repro run x.yaml); it was refreshed less than ${REMOTE_STALE_MS / 1000} s ago`;
    expect(() => acquireRunLock(dir, 'x')).toThrow(remote);
  });

  it('takes over a lock of another host that its run stopped refreshing (a killed node or pod)', () => {
    const dir = mkdtempSync(join(root, 'e-'));
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, lockOf(12345, 'elsewhere'));
    const old = new Date(Date.now() - REMOTE_STALE_MS - 60_000);
    utimesSync(file, old, old);
    const lock = acquireRunLock(dir, 'x');
    expect(lock.tookOver).toMatch(/^pid 12345 on elsewhere, started .* \(not refreshed for \d+ s\)$/);
    lock.release();
  });

  it('refreshes a held lock every 15 s (its heartbeat), so another host can tell a live run from a gone one', () => {
    vi.useFakeTimers();
    try {
      const dir = mkdtempSync(join(root, 'f-'));
      const lock = acquireRunLock(dir, 'x');
      const file = join(dir, LOCK_FILE);
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(file, old, old);
      vi.advanceTimersByTime(15_000);
      expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
      lock.release();
    } finally {
      vi.useRealTimers();
    }
  });
});
