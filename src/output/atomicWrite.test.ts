import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTempFile, writeFileAtomicallySync, writeFilesAtomically } from './atomicWrite.ts';
import { removeLeftovers } from './leftovers.ts';

const root = mkdtempSync(join(tmpdir(), 'moe-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('atomic writes', () => {
  it('write complete files and leave no temp file', async () => {
    const dir = mkdtempSync(join(root, 'a-'));
    await writeFilesAtomically(dir, [{ name: 'a.json', content: '{"a":1}\n' }, { name: 'b.md', content: '# b\n' }]);
    writeFileAtomicallySync(join(dir, 'c.json'), '{"c":3}\n');
    writeFileAtomicallySync(join(dir, 'c.json'), '{"c":4}\n');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.md', 'c.json']);
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe('{"c":4}\n');
  });

  it('name their temp files so that what a killed run left can be found and removed, and nothing else', () => {
    expect(isTempFile(`.metrics.json.${process.pid}.0a1b2c3d.tmp`)).toBe(true);
    expect(isTempFile('metrics.json')).toBe(false);
    expect(isTempFile('notes.tmp')).toBe(false);
    const dir = mkdtempSync(join(root, 'b-'));
    writeFileAtomicallySync(join(dir, '.report.md.4242.0a1b2c3d.tmp'), 'half');
    writeFileAtomicallySync(join(dir, 'keep.tmp'), 'mine');
    expect(removeLeftovers(dir, 999999)).toBe(0);
    expect(removeLeftovers(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['keep.tmp']);
  });
});
