import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from './catalogue.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the mutant catalogue', () => {
  it('has unique ids, and every mutant still applies: its search text occurs exactly once in its file and differs from its replacement', () => {
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
    const edits = MUTANTS.flatMap((m) => [{ id: m.id, file: m.file, search: m.search, replace: m.replace }, ...(m.more ?? []).map((e) => ({ id: m.id, ...e }))]);
    const stale = edits.filter((m) => readFileSync(join(ROOT, m.file), 'utf8').split(m.search).length - 1 !== 1 || m.search === m.replace);
    expect(stale.map((m) => `${m.id} (${m.file})`)).toEqual([]);
  });

  it('names test files that exist', () => {
    const missing = [...new Set(MUTANTS.flatMap((m) => m.tests))].filter((f) => {
      try {
        readFileSync(join(ROOT, f));
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });
});
