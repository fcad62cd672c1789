import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/runCli.ts';
import { sweepOverD, tinyScenario } from '../../../test-support/tinyScenario.ts';
import { acquireRunLock, LOCK_FILE } from '../../output/runLock.ts';

/**
 * `moe-repro run` in this process: everything is checked before any work,
 * a folder in use is refused, CI can gate on the claims, and metrics that
 * fail validation are still written. The "before any work" cases use a
 * scenario whose one point takes minutes (m = 120 students), so a check that
 * came after the work would time the test out instead of passing.
 */

const root = mkdtempSync(join(tmpdir(), 'moe-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function scenarioFile(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
}

const LONG = scenarioFile('long.yaml', `name: long
d: 100
teacher: { experts: 5, geometry: orthonormal }
student: { experts: 120 }
featureLearning: { engine: flow, time: 60 }
`);

/** One tiny point (about 0.2 s); its C4 and C5 fail. */
const TINY = tinyScenario('tiny');

describe('moe-repro run checks everything before any work', () => {
  const out = join(root, 'never-created');

  it.each([
    [['--seed', '1e30'], '--seed: expected an integer from 0 to 9007199254740991, found \'1e30\''],
    [['--seed', '-1'], '--seed: expected an integer from 0 to 9007199254740991, found \'-1\''],
    [['--seed', '2.5'], '--seed: expected an integer from 0 to 9007199254740991, found \'2.5\''],
    [['--workers', '0'], '--workers: expected an integer from 1 to 9007199254740991, found \'0\''],
    [['--threads', '65'], '--threads: expected an integer from 1 to 64, found \'65\''],
    [['--shard', '3/2'], '--shard: expected i/n with 1 <= i <= n'],
  ])('%j is refused, naming the option and its range', async (args, message) => {
    const r = await runCli(['run', LONG, '--out', out, '--quiet', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('--seed leaves room for the replicates, and is refused when a sweep over seed would override it', async () => {
    const reps = scenarioFile('reps.yaml', tinyScenario('reps', sweepOverD([8], 3)));
    const r = await runCli(['run', reps, '--out', out, '--seed', String(Number.MAX_SAFE_INTEGER - 1)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--seed: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER - 2} (the 3 replicates use seeds seed .. seed + 2)`);
    const seeds = scenarioFile('seeds.yaml', `${TINY}sweep:\n  over:\n    - { field: seed, values: [1, 2] }\n`);
    const s = await runCli(['run', seeds, '--out', out, '--seed', '5']);
    expect(s.code).toBe(2);
    expect(s.err).toContain('--seed: the scenario sweeps over seed');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses m < m* in the scenario, saying what it would mean', async () => {
    const under = scenarioFile('under.yaml', TINY.replace('teacher: { experts: 1,', 'teacher: { experts: 3,'));
    const r = await runCli(['run', under, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('student.experts: the student has m = 2 experts, fewer than the teacher\'s m* = 3');
    expect(r.err).toContain('use student.experts >= 3');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an output folder inside a file, a file, and one on /proc (where mkdir -p never returns)', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const inside = await runCli(['run', LONG, '--out', join(file, 'sub', 'dir'), '--quiet']);
    expect(inside.code).toBe(2);
    expect(inside.err).toContain(`--out: '${join(file, 'sub', 'dir')}' is inside '${file}', which is a file, not a folder`);
    const itself = await runCli(['run', LONG, '--out', file, '--quiet']);
    expect(itself.code).toBe(2);
    expect(itself.err).toContain(`--out: '${file}' is a file, not a folder`);
    if (process.platform === 'linux') {
      const proc = await runCli(['run', LONG, '--out', '/proc/moe-out', '--quiet']);
      expect(proc.code).toBe(2);
      expect(proc.err).toContain('--out: \'/proc/moe-out\' is on /proc');
    }
  });

  it('refuses a folder another live run holds, naming it; takes over the lock of a run that is gone', async () => {
    const busy = join(root, 'busy');
    mkdirSync(busy);
    const held = acquireRunLock(busy, 'moe-repro run other.yaml'); // this process stands for the other run: alive
    try {
      const r = await runCli(['run', LONG, '--out', busy, '--quiet']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`another moe-repro run is writing into this folder (pid ${process.pid}`);
      expect(r.err).toContain('moe-repro run other.yaml');
      expect(readdirSync(busy)).toEqual([LOCK_FILE]);
    } finally {
      held.release();
    }
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = { pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'moe-repro run killed.yaml' };
    writeFileSync(join(busy, LOCK_FILE), JSON.stringify(stale));
    const tiny = scenarioFile('tiny.yaml', TINY);
    const r = await runCli(['run', tiny, '--out', busy, '--quiet']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`took over the lock of a run that is gone: pid ${dead} on ${hostname()}`);
    expect(existsSync(join(busy, LOCK_FILE))).toBe(false);
  });
});

describe('moe-repro run --shard', () => {
  it('a shard with no points (more shards than points) says so and exits 0, creating nothing', async () => {
    const out = join(root, 'empty-shard');
    const r = await runCli(['run', scenarioFile('one.yaml', TINY), '--shard', '2/3', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('shard 2/3 has no points of this sweep (it has fewer points than shards); nothing to do');
    expect(existsSync(out)).toBe(false);
  });

  it('--shard auto without scheduler variables stops before any work, naming the variables', async () => {
    const saved = { ...process.env };
    const scheduler = /^(MOE_SHARD_|SLURM_ARRAY_|JOB_COMPLETION_INDEX|CI_NODE_|CIRCLE_NODE_|BUILDKITE_PARALLEL_)/;
    for (const k of Object.keys(process.env)) if (scheduler.test(k)) delete process.env[k];
    try {
      const r = await runCli(['run', LONG, '--shard', 'auto', '--out', join(root, 'never-created')]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--shard auto: no scheduler variables found: looked for MOE_SHARD_INDEX + MOE_SHARD_COUNT, SLURM_ARRAY_TASK_ID');
    } finally {
      Object.assign(process.env, saved);
    }
  });
});

describe('moe-repro run --check', () => {
  it('exits 0 with failing claims by default, 1 with --check, listing the failing claims (the rerun reuses the stored point)', async () => {
    const tiny = scenarioFile('check.yaml', TINY);
    const out = join(root, 'check');
    const plain = await runCli(['run', tiny, '--out', out, '--quiet']);
    expect(plain.code, plain.err).toBe(0);
    const failing = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).claims.filter((c: { verdict: string }) => c.verdict === 'fails');
    expect(failing.length).toBeGreaterThan(0);
    const checked = await runCli(['run', tiny, '--out', out, '--quiet', '--check']);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain('resuming: 1 of 1 points reused');
    expect(checked.err).toContain(`check failed: ${failing.map((c: { id: string; title: string }) => `${c.id} (${c.title})`).join(', ')}`);
  });
});

describe('metrics that fail validation', () => {
  it('are still written, flagged, with the report and a warning; exit 1; the point is stored', async () => {
    // A user engine that reports a negative loss (-0.5: no rounding error, a bug) on its last record.
    const engine = join(root, 'negative-engine.mjs');
    const flow = pathToFileURL(join(import.meta.dirname, '..', '..', 'pipeline', 'engines', 'flowEngine.ts')).href;
    writeFileSync(engine, `import { flowEngine } from '${flow}';
export default {
  name: 'negative',
  async train(input) { const out = await flowEngine.train(input); out.records[out.records.length - 1].loss = -0.5; return out; },
};
`);
    const file = scenarioFile('negative.yaml', TINY.replace('featureLearning: { engine: flow,', 'featureLearning: { engine: ./negative-engine.mjs,'));
    const out = join(root, 'negative');
    mkdirSync(out);
    writeFileSync(join(out, 'metrics.json'), '{"an": "earlier run"}\n');
    const r = await runCli(['run', file, '--out', out, '--quiet']);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/metrics do not match schemas\/metrics.schema.json:\n {2}at \/points\/0\/featureLearning\/records\/\d+\/loss: loss -0.5 is below 0 by more than rounding/);
    expect(r.err).toContain(`everything computed is written, flagged, to ${join(out, 'metrics.invalid.json')} (and the report, with a warning)`);
    const flagged = JSON.parse(readFileSync(join(out, 'metrics.invalid.json'), 'utf8'));
    expect(flagged.validation.valid).toBe(false);
    expect(flagged.validation.problems[0]).toMatch(/loss: loss -0.5 is below 0 by more than rounding/);
    expect(flagged.points[0].featureLearning.records.at(-1).loss).toBe(-0.5);
    expect(flagged.claims.map((c: { id: string }) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^# These metrics failed validation/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'metrics.json'))).toBe(false);
    expect(readdirSync(join(out, 'points'))).toHaveLength(1);
  });
});
