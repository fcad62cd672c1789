import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclePath, cycles, folderGraph, importGraph, type Graph } from './importGraph.ts';

/**
 * Which top-level folders the files of each may import from (tests may also
 * import test-support/). The product (src/) stands alone; test support,
 * properties, tools and benchmarks sit on top of it.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  src: ['src'],
  // bin/ too: CLI tests start the real entry point as a user's shell does (test-support/spawnCli.ts).
  'test-support': ['src', 'test-support', 'bin'],
  properties: ['src', 'test-support'],
  tools: ['src', 'test-support', 'tools'],
  bench: ['src', 'test-support', 'bench'],
  scenarios: ['src', 'scenarios'],
  bin: ['src'],
};

const top = (f: string) => f.split('/')[0];
const g = importGraph();

describe('the import graph', () => {
  it('has no cycle between files', () => {
    expect(cycles(g).map((c) => cyclePath(g, c))).toEqual([]);
  });

  it('has no cycle between folders (edges from files that are not tests)', () => {
    const fg = folderGraph(g);
    expect(cycles(fg).map((c) => `${c.join(', ')}: ${cyclePath(fg, c)}`)).toEqual([]);
  });

  it('keeps the layers: src/ imports only src/; test support, properties, tools and benchmarks build on it', () => {
    const bad: string[] = [];
    for (const [f, targets] of g) {
      const allowed = [...(MAY_IMPORT[top(f)] ?? []), ...(/\.test\.ts$/.test(f) ? ['test-support'] : [])];
      for (const t of targets) if (!allowed.includes(top(t))) bad.push(`${f} -> ${t}`);
    }
    expect(bad).toEqual([]);
  });

  it('sees the files and edges it should (a check of the check)', () => {
    expect(g.get('src/pipeline/runPoint.ts')).toContain('src/pipeline/problem.ts');
    // A worker module named by new URL(...) counts as an edge.
    expect(g.get('src/pipeline/pointsInWorkers.ts')).toContain('src/pipeline/pointWorker.ts');
    expect([...g.keys()].every((f) => posix.normalize(f) === f && !f.includes('node_modules'))).toBe(true);
  });
});

describe('cycles', () => {
  it('finds a cycle of files and of folders, and names a path around it', () => {
    const files: Graph = new Map([['a/x.ts', ['b/y.ts']], ['b/y.ts', ['a/z.ts']], ['a/z.ts', []], ['c/w.ts', ['a/x.ts']]]);
    expect(cycles(files)).toEqual([]);
    expect(cycles(folderGraph(files))).toEqual([['a', 'b']]);
    const loop: Graph = new Map([['p', ['q']], ['q', ['r']], ['r', ['p', 's']], ['s', []]]);
    expect(cycles(loop)).toEqual([['p', 'q', 'r']]);
    expect(cyclePath(loop, ['p', 'q', 'r'])).toBe('p -> q -> r -> p');
  });

  it('does not count the imports of test files between folders', () => {
    const files: Graph = new Map([['a/x.ts', ['b/y.ts']], ['b/y.test.ts', ['a/x.ts']], ['b/y.ts', []]]);
    expect(cycles(folderGraph(files))).toEqual([]);
  });
});
