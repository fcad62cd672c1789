import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { toRows } from '../../core/mat.ts';
import { initStudent, makeTeacher } from '../../model/teacher.ts';
import { SeedStreams } from '../../core/streams.ts';
import { register } from './sgd.ts';
import { tempDir } from '../../../test-support/tempDir.ts';

/** This file's temporary folder, removed after its tests. */
const TMP = tempDir('sgd-test');

function paramsFile(d: number): string {
  const s = new SeedStreams('cli-sgd');
  const t = makeTeacher(2, d, { kind: 'orthonormal' }, s.stream('teacher'));
  const st = initStudent(3, d, s.stream('student'));
  const file = join(mkdtempSync(join(TMP, 'sgd-')), 'params.json');
  const rows = (p: typeof t) => ({ routers: toRows(p.routers), experts: toRows(p.experts) });
  writeFileSync(file, JSON.stringify({ d, teacher: rows(t), student: rows(st) }));
  return file;
}

/** Runs `moe-repro sgd ...args` in-process; returns stdout and stderr. */
async function run(args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const program = new Command('moe-repro').exitOverride();
    register(program);
    await program.parseAsync(['node', 'moe-repro', 'sgd', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('moe-repro sgd', () => {
  it('prints one JSON object with backend, loss, student, alignments and events; the backend also on stderr', async () => {
    const file = paramsFile(6);
    const { out, err } = await run([file, '--lr', '0.02', '--batch', '64', '--steps', '30', '--backend', 'cpu', '--seed', '5', '--record-every', '10', '--records']);
    expect(err).toMatch(/moe-repro sgd: backend cpu 4\.22\.0/);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]);
    expect(r.backend.name).toBe('cpu');
    expect(r).toMatchObject({ d: 6, seed: '5', learning_rate: 0.02, batch: 64, steps: 30 });
    expect(r.time).toBeCloseTo(0.6, 12);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.student.routers).toHaveLength(3);
    expect(r.student.experts[0]).toHaveLength(6);
    expect(r.router_alignment).toHaveLength(3);
    expect(r.expert_alignment[0]).toHaveLength(2);
    expect(Array.isArray(r.events)).toBe(true);
    expect(r.records.map((x: { step: number }) => x.step)).toEqual([0, 10, 20, 30]);
    // Same seed, same output (up to the wall time).
    const again = JSON.parse((await run([file, '--lr', '0.02', '--batch', '64', '--steps', '30', '--backend', 'cpu', '--seed', '5', '--record-every', '10'])).out);
    expect(again.student).toEqual(r.student);
    expect(again.loss).toBe(r.loss);
  });

  it('runs span-SGD with --space span: the exact loss, rows of length d, the same output for the same seed', async () => {
    const file = paramsFile(6);
    const args = [file, '--lr', '0.02', '--batch', '64', '--steps', '30', '--seed', '5', '--space', 'span'];
    const { out, err } = await run(args);
    expect(err).toMatch(/span-SGD \(float64, no tfjs backend\)/);
    const r = JSON.parse(out.trim());
    expect(r).toMatchObject({ space: 'span', backend: null, d: 6, steps: 30, loss_kind: 'exact population loss (quadrature on the Gram matrix)' });
    expect(r.student.experts[0]).toHaveLength(6);
    expect(JSON.parse((await run(args)).out).student).toEqual(r.student);
  });

  it('names the flag in option errors', async () => {
    const file = paramsFile(4);
    await expect(run([file, '--lr', 'fast', '--batch', '8', '--steps', '2', '--backend', 'cpu'])).rejects.toThrow(/--lr: expected a number, found 'fast'/);
    await expect(run([file, '--lr', '0.1', '--batch', '0', '--steps', '2', '--backend', 'cpu'])).rejects.toThrow(InputError);
    await expect(run([file, '--lr', '0.1', '--batch', '0', '--steps', '2', '--backend', 'cpu'])).rejects.toThrow(/^--batch: must be an integer >= 1/);
  });
});
