import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitProvenance } from './provenance.ts';

const tmp = mkdtempSync(join(tmpdir(), 'moe-provenance-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8' }).trim();

describe('gitProvenance', () => {
  it('records the commit of this checkout as git itself reports it', () => {
    const p = gitProvenance();
    expect(p?.commit).toBe(git(process.cwd(), 'rev-parse', 'HEAD'));
    expect(typeof p?.dirty).toBe('boolean');
  });

  it('is null outside a git work tree, and for a copy nested inside another repository', () => {
    expect(gitProvenance(tmp)).toBeNull();
    const repo = join(tmp, 'user-project');
    const nested = join(repo, 'node_modules', 'moe-repro');
    mkdirSync(nested, { recursive: true });
    git(repo, 'init', '-q');
    expect(gitProvenance(nested)).toBeNull();
  });
});
