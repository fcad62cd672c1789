import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder } from './makeFolder.ts';

const root = mkdtempSync(join(tmpdir(), 'moe-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeFolder', () => {
  it('creates missing parents one level at a time and accepts an existing folder', () => {
    const dir = join(root, 'a', 'b', 'c');
    expect(makeFolder(dir, '--out')).toBe(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(makeFolder(dir, '--out')).toBe(dir);
  });

  it('refuses a path inside a file, or a file, naming the option', () => {
    const file = join(root, 'report.md');
    writeFileSync(file, 'x');
    const inside = join(file, 'x', 'y');
    expect(() => makeFolder(inside, '--out')).toThrow(`--out: '${inside}' is inside '${file}', which is a file, not a folder; choose a folder path`);
    expect(() => makeFolder(file, '--out')).toThrow(`--out: '${file}' is a file, not a folder`);
  });

  it.runIf(process.platform === 'linux')('refuses /proc and /sys at once (Node\'s recursive mkdir never returns on /proc), creating nothing', () => {
    expect(() => makeFolder('/proc/moe-out/x', '--out')).toThrow("--out: '/proc/moe-out/x' is on /proc (/proc), a pseudo file system");
    expect(() => makeFolder('/sys/moe-out', '--out')).toThrow('is on /sys');
    expect(existsSync('/proc/moe-out')).toBe(false);
  });
});
