import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll, ROOT, schemaFiles } from './gen-types.ts';

describe('generated types (src/generated/*.ts)', () => {
  it('are up to date with schemas/*.schema.json', async () => {
    const files = await generateAll();
    expect(files.size).toBe(schemaFiles().length);
    for (const [path, text] of files) {
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (committed !== text) {
        throw new Error(`${relative(ROOT, path)} is stale or missing: run npm run gen:types`);
      }
    }
  });

  it('have a schema each (no orphan generated file)', () => {
    const stems = new Set(schemaFiles().map((f) => basename(f, '.schema.json')));
    const orphans = readdirSync(join(ROOT, 'src', 'generated'))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => !stems.has(basename(f, '.ts')));
    expect(orphans, 'delete generated files whose schema is gone, then run npm run gen:types').toEqual([]);
  });

  it('are deterministic and carry the do-not-edit banner', async () => {
    const a = await generateAll();
    const b = await generateAll();
    expect([...a.entries()]).toEqual([...b.entries()]);
    for (const text of a.values()) expect(text).toContain('generated, do not edit');
  });

  it('make defaulted properties required (the loader fills them) and keep the others optional', () => {
    const text = readFileSync(join(ROOT, 'src', 'generated', 'scenario.ts'), 'utf8');
    expect(text).toMatch(/\n  seed: number;/); // default 1
    expect(text).toMatch(/\n  learningRate: number;/); // default 0.002
    expect(text).toMatch(/\n  description\?: string;/); // no default
    expect(text).toMatch(/\n  sweep\?: Sweep;/); // no default
  });
});
