/**
 * The import graph of the repository's own TypeScript and .mjs files, and
 * its cycles (`npx tsx tools/importGraph.ts` prints them; tools/importGraph.test.ts,
 * part of `npm test`, fails on any).
 *
 * An edge A -> B is a relative import or re-export of B in A (type-only
 * ones included: they tie the two modules' meanings together), a dynamic
 * import('./B'), or a worker module named by `new URL('./B', import.meta.url)`.
 * The folder graph has an edge between the folders of A and B for every
 * such edge from a file that is not a test: a test imports what it tests
 * and its support, and no module imports a test, so tests cannot close a
 * cycle of files but would tie every folder to test-support/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/** Repository root (this file lives in `tools/`). */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The folders whose files are scanned. */
export const SCANNED = ['src', 'test-support', 'properties', 'tools', 'bench', 'scenarios', 'bin'];

/** Files (repository-relative, '/'-separated) and the files each imports. */
export type Graph = Map<string, string[]>;

/** Every .ts and .mjs file below the scanned folders. */
export function sourceFiles(root = ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = posix.join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(ts|mjs)$/.test(name)) out.push(rel);
    }
  };
  for (const d of SCANNED) if (existsSync(join(root, d))) walk(d);
  return out;
}

/** The relative specifiers a file imports (static, dynamic, re-exports) or starts as a worker. */
export function importSpecifiers(text: string): string[] {
  const specs = ts.preProcessFile(text, true, true).importedFiles.map((r) => r.fileName);
  for (const m of text.matchAll(/new URL\(\s*'(\.{1,2}\/[^']+\.(?:ts|mjs))'\s*,\s*import\.meta\.url\s*\)/g)) specs.push(m[1]);
  return specs.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

/** The file graph of the repository (edges to files outside the scanned folders are dropped). */
export function importGraph(root = ROOT): Graph {
  const files = sourceFiles(root);
  const known = new Set(files);
  const g: Graph = new Map();
  for (const f of files) {
    const targets = importSpecifiers(readFileSync(join(root, f), 'utf8')).map((s) => posix.normalize(posix.join(posix.dirname(f), s)));
    g.set(f, [...new Set(targets.filter((t) => known.has(t)))]);
  }
  return g;
}

/** The folder graph: folder -> folders its non-test files import from (itself excluded). */
export function folderGraph(g: Graph): Graph {
  const out: Graph = new Map();
  for (const [f, targets] of g) {
    const from = posix.dirname(f);
    const set = new Set(out.get(from) ?? []);
    if (!/\.test\.ts$/.test(f)) for (const t of targets) if (posix.dirname(t) !== from) set.add(posix.dirname(t));
    out.set(from, [...set]);
  }
  return out;
}

/** The cycles of a graph: its strongly connected components of more than one node, each sorted (Tarjan). */
export function cycles(g: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** One path around a cycle, for the message: a -> b -> ... -> a, following edges inside `members`. */
export function cyclePath(g: Graph, members: readonly string[]): string {
  const inside = new Set(members);
  const start = members[0];
  const prev = new Map<string, string>([[start, '']]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of g.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)!) path.splice(1, 0, u);
        return [...path, start].join(' -> ');
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return members.join(', ');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const g = importGraph();
  const fileCycles = cycles(g);
  const fg = folderGraph(g);
  const folderCycles = cycles(fg);
  for (const c of fileCycles) console.log(`file cycle among ${c.join(', ')}: ${cyclePath(g, c)}`);
  for (const c of folderCycles) console.log(`folder cycle among ${c.join(', ')}: ${cyclePath(fg, c)}`);
  console.log(`${g.size} files, ${fg.size} folders (${relative(process.cwd(), ROOT) || '.'}): ${fileCycles.length} file cycle(s), ${folderCycles.length} folder cycle(s)`);
  process.exitCode = fileCycles.length + folderCycles.length ? 1 : 0;
}
