import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../../test-support/runCli.ts';
import { BIN, spawnCli, type CliExit } from '../../../test-support/spawnCli.ts';
import { sweepOverD, tinyScenario } from '../../../test-support/tinyScenario.ts';

/**
 * Sweeps split over machines: the SLURM array script and the Kubernetes
 * Indexed Job of docs/cluster/ run as their schedulers would run them (the
 * scheduler's variables set, the command as written), `merge` joins the
 * shards into what one unsharded run gives, names the shards still missing
 * with the commands that make them, and refuses shards of another run.
 */

const root = mkdtempSync(join(tmpdir(), 'moe-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const DOCS = join(import.meta.dirname, '..', '..', '..', 'docs', 'cluster');

/** Four tiny points (d = 8, 16; two seeds each). */
const scenario = join(root, 'shards.yaml');
writeFileSync(scenario, tinyScenario('shards', sweepOverD([8, 16], 2)));

function bash(script: string, args: string[], env: Record<string, string>): Promise<CliExit> {
  const child = spawn('bash', [script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

const shardDir = (i: number, n: number) => join(root, 'reports', 'shards', `shard-${i}-of-${n}`);
const metricsOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));

describe('docs/cluster/sweep.sbatch (SLURM job array)', () => {
  it('runs shard i of n in array task i; merge gives the points and claims of one unsharded run', async () => {
    const text = readFileSync(join(DOCS, 'sweep.sbatch'), 'utf8');
    expect(text).toMatch(/^#SBATCH --array=1-\d+$/m);
    const env = (id: number) => ({
      SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '2', SLURM_ARRAY_TASK_COUNT: '2',
      SLURM_CPUS_PER_TASK: '1', MOE_REPRO: `${process.execPath} ${BIN}`,
    });
    const tasks = await Promise.all([1, 2].map((id) => bash(join(DOCS, 'sweep.sbatch'), [scenario], env(id))));
    for (const t of tasks) expect(t.code, t.err).toBe(0);
    expect(tasks[0].err).toContain('shard 1/2 from SLURM array (SLURM_ARRAY_TASK_ID=1, tasks 1-2)');
    expect(metricsOf(shardDir(2, 2)).points.map((p: { id: string }) => p.id)).toEqual(['d=8,seed=4', 'd=16,seed=4']);

    const merged = join(root, 'merged');
    const m = await runCli(['merge', shardDir(1, 2), shardDir(2, 2), '--out', merged]);
    expect(m.code, m.err).toBe(0);
    const whole = join(root, 'whole');
    const w = await runCli(['run', scenario, '--out', whole, '--quiet', '--workers', '1']);
    expect(w.code, w.err).toBe(0);
    const [a, b] = [metricsOf(merged), metricsOf(whole)];
    expect(a.scenario.hash).toBe(b.scenario.hash);
    const noWall = (pts: { featureLearning: { wallSeconds?: number }; fineTuning?: { wallSeconds?: number } }[]) =>
      pts.map((p) => ({ ...p, featureLearning: { ...p.featureLearning, wallSeconds: 0 }, fineTuning: p.fineTuning && { ...p.fineTuning, wallSeconds: 0 } }));
    expect(noWall(a.points)).toEqual(noWall(b.points));
    expect(a.claims).toEqual(b.claims);
  }, 120_000);
});

describe('docs/cluster/indexed-job.yaml (Kubernetes Indexed Job)', () => {
  it('is an Indexed Job whose MOE_SHARD_COUNT equals its completions; its pods run their shards, and merge names the shards still missing', async () => {
    const job = parse(readFileSync(join(DOCS, 'indexed-job.yaml'), 'utf8'));
    expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexed' } });
    const container = job.spec.template.spec.containers[0];
    const count = Number(container.env.find((e: { name: string }) => e.name === 'MOE_SHARD_COUNT').value);
    expect(count).toBe(job.spec.completions);
    const [npx, bin, run, , ...flags] = container.command as string[];
    expect([npx, bin, run]).toEqual(['npx', 'moe-repro', 'run']);
    expect(flags.join(' ')).toContain('--shard auto');

    // Pods 0 and 3 of 4 (as Kubernetes starts them: JOB_COMPLETION_INDEX set, the container's command with our scenario).
    const pod = (k: number) => spawnCli(['run', scenario, ...flags], { JOB_COMPLETION_INDEX: String(k), MOE_SHARD_COUNT: String(count) }, root).done;
    const pods = await Promise.all([0, count - 1].map(pod));
    for (const p of pods) expect(p.code, p.err).toBe(0);
    expect(pods[1].err).toContain(`shard ${count}/${count} from Kubernetes Indexed Job (JOB_COMPLETION_INDEX=${count - 1}, MOE_SHARD_COUNT=${count})`);
    const m = await runCli(['merge', shardDir(1, count), shardDir(count, count), '--out', join(root, 'partial')]);
    expect(m.code).toBe(2);
    expect(m.err).toContain(`missing 2 points (d=8,seed=4, d=16,seed=3) of shards 2/${count}, 3/${count}; run moe-repro run ${scenario} --shard 2/${count}; `
      + `moe-repro run ${scenario} --shard 3/${count} (with the same seed and options)`);
  }, 120_000);
});

// Uses the shards the two tests above made (vitest runs a file's tests in order).
describe('moe-repro merge', () => {
  it('refuses shards of different runs, naming the fields that differ, and splits of different sizes', async () => {
    const other = join(root, 'other-seed');
    const r = await runCli(['run', scenario, '--seed', '9', '--shard', '2/2', '--out', other, '--quiet', '--workers', '1']);
    expect(r.code, r.err).toBe(0);
    const m = await runCli(['merge', shardDir(1, 2), other, '--out', join(root, 'never')]);
    expect(m.code).toBe(2);
    const hash = '[0-9a-f]{12}';
    const expected = `${other}: a shard of a different run than ${shardDir(1, 2)}: resolved scenario hash ${hash} against ${hash} \\(they differ in seed\\)`;
    expect(m.err).toMatch(new RegExp(expected));
    const split = await runCli(['merge', shardDir(1, 2), shardDir(4, 4), '--out', join(root, 'never')]);
    expect(split.code).toBe(2);
    expect(split.err).toContain('the shards split the sweep in different ways (--shard i/2, i/4)');
  }, 120_000);
});
