import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { populationLoss } from '../../population/quadrature.ts';
import { parseParams } from '../../scenario/loadParams.ts';
import { runCli } from '../../../test-support/runCli.ts';
import { tempDir } from '../../../test-support/tempDir.ts';

/** This file's temporary folder, removed after its tests. */
const TMP = tempDir('loss-test');

const GOOD = {
  d: 4,
  teacher: { routers: [[1, 0, 0, 0]], experts: [[0, 1, 0, 0]] },
  student: { routers: [[1, 1, 0, 0], [0, 0, 1, 2]], experts: [[0, 2, 1, 0], [1, 0, 0, -1]] },
};

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(TMP, 'loss-')), name);
  writeFileSync(path, content);
  return path;
}

describe('moe-repro loss', () => {
  const good = file('params.json', JSON.stringify(GOOD));

  it('prints one JSON object with the quadrature loss by default', async () => {
    const r = await runCli(['loss', good]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    const p = parseParams(JSON.stringify(GOOD), 'x');
    expect(j).toEqual({ method: 'quadrature', kernel: 'moment-table', loss: populationLoss(p.teacher, p.student), d: 4, m: 2, m_star: 1 });
  });

  it('with --method monte-carlo prints an estimate with its standard error that agrees with the quadrature', async () => {
    const q = JSON.parse((await runCli(['loss', good])).out);
    const r = await runCli(['loss', good, '--method', 'monte-carlo', '--samples', '50000', '--seed', '3']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ method: 'monte-carlo', samples: 50000 });
    expect(j.stderr).toBeGreaterThan(0);
    expect(Math.abs(j.loss - q.loss)).toBeLessThan(4 * j.stderr);
    // Same seed, same estimate; the seed is honoured.
    expect(JSON.parse((await runCli(['loss', good, '--method', 'monte-carlo', '--samples', '50000', '--seed', '3'])).out).loss).toBe(j.loss);
    expect(JSON.parse((await runCli(['loss', good, '--method', 'monte-carlo', '--samples', '50000', '--seed', '4'])).out).loss).not.toBe(j.loss);
  });

  it('with --gradient adds the gradient, one row per student expert, tangent to each row', async () => {
    const j = JSON.parse((await runCli(['loss', good, '--gradient', '--kernel', 'gauss-hermite', '--nodes', '48'])).out);
    expect(j.kernel).toBe('gauss-hermite');
    expect(j.nodes).toBe(48);
    expect(j.gradient.routers).toHaveLength(2);
    expect(j.gradient.experts[1]).toHaveLength(4);
    const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
    GOOD.student.experts.forEach((w, i) => {
      const along = unit(w).reduce((s, x, k) => s + x * j.gradient.experts[i][k], 0);
      expect(Math.abs(along)).toBeLessThan(1e-14);
    });
  });

  it('refuses an unknown method, listing the known ones (exit 2)', async () => {
    const r = await runCli(['loss', good, '--method', 'simpson']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--method: unknown method 'simpson'; known methods: quadrature, monte-carlo/);
  });

  it('refuses a gradient from Monte Carlo and bad numbers, naming the flag (exit 2)', async () => {
    expect((await runCli(['loss', good, '--method', 'monte-carlo', '--gradient'])).err).toMatch(/--gradient: method 'monte-carlo' has no gradient; use quadrature/);
    expect((await runCli(['loss', good, '--nodes', '0'])).err).toMatch(/--nodes: must be an integer in \[1, 160\]/);
    expect((await runCli(['loss', good, '--method', 'monte-carlo', '--samples', '1e3.5'])).err).toMatch(/--samples: expected an integer, found '1e3.5'/);
    expect((await runCli(['loss', good, '--nodes', '0'])).code).toBe(2);
    expect((await runCli(['loss', good, '--kernel', 'simpson'])).err).toMatch(/--kernel: unknown pair kernel 'simpson'; known kernels: moment-table, gauss-hermite/);
  });

  it.each([
    ['a missing key', JSON.stringify({ ...GOOD, student: { routers: GOOD.student.routers } }), /student\.experts: missing required key 'experts'/],
    ['a row of the wrong length', JSON.stringify({ ...GOOD, teacher: { ...GOOD.teacher, experts: [[0, 1, 0]] } }), /teacher\.experts\[0\]: expected a row of d = 4 numbers, found 3/],
    ['NaN', JSON.stringify(GOOD).replace('[[1,1,0,0]', '[[1,NaN,0,0]'), /not valid JSON .*NaN/],
    ['NaN as a string', JSON.stringify(GOOD).replace('[[1,1,0,0]', '[[1,"NaN",0,0]'), /student\.routers\[0\]\[1\]: expected a number, found "NaN"/],
    ['a zero row', JSON.stringify(GOOD).replace('[[1,1,0,0]', '[[0,0,0,0]'), /student\.routers\[0\]: row has zero length/],
  ])('refuses a file with %s: exit 2, a message naming the file and the field', async (_what, text, pattern) => {
    const bad = file('bad.json', text);
    const r = await runCli(['loss', bad]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(bad);
    expect(r.err).toMatch(pattern);
  });

  it('refuses a missing file (exit 2)', async () => {
    const r = await runCli(['loss', join(tmpdir(), 'no-such-dir-moe', 'p.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/p\.json: cannot read the parameter file \(ENOENT\)/);
  });
});
