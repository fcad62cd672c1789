import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRows } from '../../core/mat.ts';
import { populationLoss } from '../../population/quadrature.ts';
import { parseParams } from '../../scenario/loadParams.ts';
import { initStudent, makeTeacher } from '../../model/teacher.ts';
import { SeedStreams } from '../../core/streams.ts';
import { runCli } from '../../../test-support/runCli.ts';
import { tempDir } from '../../../test-support/tempDir.ts';

/** This file's temporary folder, removed after its tests. */
const TMP = tempDir('flow-test');

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(TMP, 'flow-')), name);
  writeFileSync(path, content);
  return path;
}

/** A teacher (m* = 1) and student (m = 2) in d = 6, unnormalised rows. */
function params(): { d: number; teacher: { routers: number[][]; experts: number[][] }; student: { routers: number[][]; experts: number[][] } } {
  const s = new SeedStreams('cli-flow');
  const t = makeTeacher(1, 6, { kind: 'orthonormal' }, s.stream('teacher'));
  const st = initStudent(2, 6, s.stream('student'));
  const rows = (p: typeof t, c: number) => ({ routers: toRows(p.routers).map((r) => r.map((x) => c * x)), experts: toRows(p.experts) });
  return { d: 6, teacher: rows(t, 1), student: rows(st, 2.5) };
}

describe('moe-repro flow', () => {
  const P = params();
  const good = file('params.json', JSON.stringify(P));

  it('prints one JSON object: loss at T, the final student in the PARAMS layout, alignments, events, counts', async () => {
    const r = await runCli(['flow', good, '--time', '2']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j).toMatchObject({ method: 'auto', reduced: true, rank: 6, d: 6, time: 2, stopped_by: 'horizon' }); // rank min(d, 2(m + m*))
    expect(j.student.routers).toHaveLength(2);
    expect(j.student.experts[1]).toHaveLength(6);
    expect(j.router_alignment).toHaveLength(2);
    expect(j.expert_alignment[0]).toHaveLength(1);
    expect(j.steps).toBeGreaterThan(0);
    expect(j.gradient_evaluations).toBeGreaterThan(j.steps);
    expect(Array.isArray(j.events)).toBe(true);
    // The printed loss is the loss of the printed student, and it went down.
    const start = parseParams(JSON.stringify(P), 'x');
    const end = parseParams(JSON.stringify({ d: 6, teacher: P.teacher, student: j.student }), 'x');
    expect(j.loss).toBeCloseTo(populationLoss(end.teacher, end.student), 12);
    expect(j.loss).toBeLessThan(populationLoss(start.teacher, start.student) - 0.1);
    // The printed alignments are those of the printed student.
    const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
    const want = unit(j.student.experts[1]).reduce((s: number, x: number, k: number) => s + x * unit(P.teacher.experts[0])[k], 0);
    expect(j.expert_alignment[1][0]).toBeCloseTo(want, 14);
  });

  it('gives the same flow with --no-reduced (R^d) and with another integrator', async () => {
    const a = JSON.parse((await runCli(['flow', good, '--time', '1'])).out);
    const b = JSON.parse((await runCli(['flow', good, '--time', '1', '--no-reduced', '--rtol', '1e-10'])).out);
    const c = JSON.parse((await runCli(['flow', good, '--time', '1', '--method', 'rk4', '--step', '0.01'])).out);
    expect(b.reduced).toBe(false);
    expect(c.method).toBe('rk4');
    for (const other of [b, c]) {
      expect(Math.abs(other.loss - a.loss)).toBeLessThan(1e-7);
      other.expert_alignment.flat().forEach((x: number, k: number) => expect(Math.abs(x - a.expert_alignment.flat()[k])).toBeLessThan(1e-7));
    }
  });

  it('includes every record with --records', async () => {
    const j = JSON.parse((await runCli(['flow', good, '--time', '0.5', '--records'])).out);
    expect(j.records.length).toBeGreaterThan(100);
    expect(j.records[0]).toMatchObject({ t: 0 });
  });

  it('refuses bad flags, naming them (exit 2)', async () => {
    for (const [args, pattern] of [
      [['--time', '0'], /--time: must be > 0, found 0/],
      [['--time', 'soon'], /--time: expected a number, found 'soon'/],
      [['--time', '1', '--method', 'euler'], /--method: unknown method 'euler'; use one of auto, dopri5, exprb43, rkc, rk4/],
      [['--time', '1', '--kernel', 'simpson'], /--kernel: unknown pair kernel 'simpson'; use one of moment-table, gauss-hermite/],
      [['--time', '1', '--nodes', '500'], /--nodes: must be an integer in \[1, 160\], found 500/],
      [['--time', '1', '--rtol', '-1'], /--rtol: must be > 0/],
    ] as const) {
      const r = await runCli(['flow', good, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.out).toBe('');
    }
    expect((await runCli(['flow', good])).code).toBe(2); // --time is required
  });

  it.each([
    ['a missing key', (p: ReturnType<typeof params>) => JSON.stringify({ d: p.d, student: p.student }), /teacher: missing required key 'teacher'|\(top level\): missing required key 'teacher'/],
    [
      'a row of the wrong length',
      (p: ReturnType<typeof params>) => JSON.stringify({ ...p, student: { ...p.student, routers: [p.student.routers[0], p.student.routers[1].slice(1)] } }),
      /student\.routers\[1\]: expected a row of d = 6 numbers, found 5/,
    ],
    ['NaN', (p: ReturnType<typeof params>) => JSON.stringify(p).replace(/^(.*?"experts":\[\[)[^,]*/, '$1NaN'), /not valid JSON .*NaN/],
  ])('refuses a file with %s: exit 2, a message naming the file and the field', async (_what, make, pattern) => {
    const bad = file('bad.json', make(params()));
    const r = await runCli(['flow', bad, '--time', '1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(bad);
    expect(r.err).toMatch(pattern);
  });
});
