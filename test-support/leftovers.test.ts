import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { leftovers, listFiles } from './leftovers.ts';
import { tempDir } from './tempDir.ts';

describe('the leftover check of npm test (test-support/leftovers.ts)', () => {
  const dir = tempDir('leftovers-test');

  test('finds what a run left in its temporary directory (tool caches aside) and what the work tree gained', () => {
    const tmp = join(dir, 'tmp');
    const tree = join(dir, 'tree');
    for (const d of [tmp, join(tmp, 'tsx-0'), join(tmp, 'moe-flow-abc'), join(tmp, 'empty'), join(tree, 'src'), join(tree, 'node_modules', 'x')]) mkdirSync(d, { recursive: true });
    writeFileSync(join(tmp, 'tsx-0', 'cache.json'), '{}');
    writeFileSync(join(tmp, 'moe-flow-abc', 'bad.json'), '{}');
    writeFileSync(join(tree, 'src', 'a.ts'), '');
    const before = new Set(listFiles(tree, tree, ['node_modules']));
    expect([...before]).toEqual([join('src', 'a.ts')]);
    writeFileSync(join(tree, 'src', 'b.ts'), '');
    writeFileSync(join(tree, 'node_modules', 'x', 'ignored.js'), '');
    const left = leftovers(tmp, before, tree);
    expect(left.tmp.sort()).toEqual([`empty${sep}`, `moe-flow-abc${sep}`, join('moe-flow-abc', 'bad.json')].sort());
    expect(left.tree).toEqual([join('src', 'b.ts')]);
  });
});
