/**
 * Vitest global setup: the test run leaves nothing behind. Before any test
 * file runs, every test gets a private temporary directory (TMPDIR, TMP and
 * TEMP point to a fresh folder, so os.tmpdir() in the test workers and in the
 * processes they start is that folder) and the work tree's files are listed.
 * After the run, anything left in that folder, and any file the work tree
 * gained, fails the run with the list of paths; the folder is then removed.
 *
 * Not counted: caches that tools keep across runs by design, named below.
 * CI's JUnit report (reports/junit.xml, written by vitest itself when CI is
 * set: vitest.config.ts) is an output, not a leftover.
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in test-support/). */
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Top-level entries of the private temporary directory that are tools' caches, kept across runs by design. */
const CACHES: readonly RegExp[] = [
  /^tsx-\d+$/, // tsx's transform cache (the worker threads of src/parallel load TypeScript through tsx)
];

/** Work-tree paths never compared: dependencies, git's own files, CI's JUnit report. */
const IGNORED = ['node_modules', '.git', join('reports', 'junit.xml')];

/** Every file below `dir` (recursively; an empty folder is listed as `name/`, links are not followed), relative to `base`, less `skip`. */
export function listFiles(dir: string, base = dir, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(base, path);
      if (skip.some((s) => rel === s || rel.startsWith(s + sep))) continue;
      let isDir: boolean;
      try {
        isDir = lstatSync(path).isDirectory(); // a symbolic link is an entry, not followed
      } catch {
        continue; // removed while we walked
      }
      if (isDir) {
        const before = out.length;
        walk(path);
        if (out.length === before) out.push(rel + sep); // an empty folder left behind counts too
      } else out.push(rel);
    }
  };
  walk(dir);
  return out;
}

/** What the run left: files in the private temporary directory (caches aside) and files new to the work tree. */
export function leftovers(tmp: string, treeBefore: ReadonlySet<string>, root = ROOT): { tmp: string[]; tree: string[] } {
  const inTmp = readdirSync(tmp)
    .filter((name) => !CACHES.some((re) => re.test(name)))
    .flatMap((name) => {
      const path = join(tmp, name);
      return lstatSync(path).isDirectory() ? [name + sep, ...listFiles(path, tmp)] : [name];
    });
  const tree = listFiles(root, root, IGNORED).filter((f) => !treeBefore.has(f));
  return { tmp: inTmp, tree };
}

/** Vitest globalSetup: returns the teardown that checks and cleans. */
export default function setup(): () => void {
  const tmp = mkdtempSync(join(tmpdir(), 'moe-test-run-'));
  const previous = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = tmp;
  const before = new Set(listFiles(ROOT, ROOT, IGNORED));
  return () => {
    const left = leftovers(tmp, before);
    rmSync(tmp, { recursive: true, force: true });
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const lines = [
      ...left.tmp.map((f) => `  temporary directory: ${f}`),
      ...left.tree.map((f) => `  work tree: ${f}`),
    ];
    if (lines.length) {
      // A throw here is printed but leaves vitest's exit code at 0: set it, so npm test fails.
      process.exitCode = 1;
      process.stderr.write(
        `\nFAIL: the tests left ${lines.length} file(s) behind (a test must remove what it writes, e.g. with test-support/tempDir.ts):\n` +
          `${lines.slice(0, 40).join('\n')}${lines.length > 40 ? `\n  ... and ${lines.length - 40} more` : ''}\n`,
      );
    }
  };
}
