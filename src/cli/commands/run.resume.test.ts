import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/runCli.ts';
import { spawnCli } from '../../../test-support/spawnCli.ts';
import { sweepOverD, tinyScenario } from '../../../test-support/tinyScenario.ts';
import { LOCK_FILE } from '../../output/runLock.ts';

/**
 * Runs that stop before the end lose nothing: the sweep is SIGKILLed at
 * random moments, several times, and rerun; its final metrics.json must equal
 * an uninterrupted run's (wall-clock fields aside). Ctrl-C stops a sweep and a
 * single long point at once, with exit 130, the finished points kept and the
 * resume command printed. The sweeps are tiny (a point takes ~0.15 s) so that
 * this file stays cheap; each spawned run costs ~3 s of CPU, most of it the
 * start of node and the report's figures.
 */

const root = mkdtempSync(join(tmpdir(), 'moe-resume-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Six tiny points: d = 8, 16, 32, two seeds each. */
const SWEEP = tinyScenario('kill-resume', sweepOverD([8, 16, 32], 2));

function scenarioFile(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
}

/** metrics.json without what differs between two runs of the same computation: when they ran and for how long. */
function withoutWallClock(file: string): unknown {
  const m = JSON.parse(readFileSync(file, 'utf8'));
  delete m.environment.startedAt;
  delete m.environment.wallSeconds;
  for (const p of m.points) for (const s of [p.featureLearning, p.fineTuning]) if (s) delete s.wallSeconds;
  return m;
}

function storedPoints(out: string): string[] {
  const dir = join(out, 'points');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `n` points are stored or the run ends; true if the run is still going. */
async function untilStored(out: string, n: number, running: () => boolean): Promise<boolean> {
  while (running() && storedPoints(out).length < n) await sleep(20);
  return running();
}

describe('a sweep killed at random moments resumes to the same result', () => {
  it('SIGKILL three times (after a random number of stored points, plus a random delay), rerun: metrics.json equals an uninterrupted run\'s', async () => {
    const file = scenarioFile('kill.yaml', SWEEP);
    const reference = join(root, 'uninterrupted');
    const ref = await runCli(['run', file, '--out', reference, '--workers', '1', '--quiet']);
    expect(ref.code, ref.err).toBe(0);
    expect(storedPoints(reference)).toHaveLength(6);

    // Each kill: wait until `after` points are stored (0..6: 6 lands in the report's writing), then `delay` ms more.
    const kill = fc.record({ after: fc.integer({ min: 0, max: 6 }), delay: fc.integer({ min: 0, max: 400 }) });
    await fc.assert(fc.asyncProperty(fc.array(kill, { minLength: 3, maxLength: 3 }), async (kills) => {
      const out = mkdtempSync(join(root, 'killed-'));
      const args = ['run', file, '--out', out, '--workers', '1', '--quiet'];
      for (const k of kills) {
        const run = spawnCli(args);
        let ended = false;
        void run.done.then(() => (ended = true));
        if (await untilStored(out, k.after, () => !ended)) {
          await sleep(k.delay);
          if (!ended) run.child.kill('SIGKILL');
        }
        const exit = await run.done;
        if (exit.signal !== 'SIGKILL') expect(exit.code, exit.err).toBe(0);
        // Whatever the moment: every stored point is complete (written to a temp file, then renamed).
        for (const f of storedPoints(out)) expect(() => JSON.parse(readFileSync(join(out, 'points', f), 'utf8')), f).not.toThrow();
      }
      const before = storedPoints(out).length;
      const last = await spawnCli(args).done;
      expect(last.code, last.err).toBe(0);
      if (before > 0) expect(last.err).toContain(`resuming: ${before} of 6 points reused`);
      expect(existsSync(join(out, LOCK_FILE))).toBe(false);
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(withoutWallClock(join(out, 'metrics.json'))).toEqual(withoutWallClock(join(reference, 'metrics.json')));
    }), { numRuns: 1, endOnFailure: true });
  }, 180_000);
});

describe('Ctrl-C', () => {
  it('stops a sweep between points at once: exit 130, finished points kept, how to resume printed', async () => {
    // A quick point, then one that would take minutes (m = 120 students: ~14,000 pairs per loss evaluation).
    const file = scenarioFile('interrupt.yaml', `name: interrupt
d: 50
teacher: { experts: 1, geometry: orthonormal }
student: { experts: 2 }
featureLearning: { engine: flow, time: 10 }
fineTuning: { engine: flow, maxTime: 10 }
sweep:
  over:
    - { field: student.experts, values: [2, 120] }
`);
    const out = join(root, 'interrupted-sweep');
    const run = spawnCli(['run', file, '--out', out, '--workers', '1']);
    let ended = false;
    void run.done.then(() => (ended = true));
    expect(await untilStored(out, 1, () => !ended)).toBe(true);
    while (!ended && !run.stderr().includes('student.experts=120')) await sleep(20); // the long point has started
    run.child.kill('SIGINT');
    const exit = await run.done;
    expect(exit.code, exit.err).toBe(130);
    expect(exit.err).toContain('interrupted; 1 of 2 points finished and are kept in');
    expect(exit.err).toContain(`resume with the same command: moe-repro run ${file} --out ${out} --workers 1`);
    expect(storedPoints(out)).toHaveLength(1);
    expect(existsSync(join(out, 'metrics.json'))).toBe(false);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('stops a single long point while it computes (its compute loop never yields): exit 130 long before the point could end', async () => {
    // One point of m = 120 students, m* = 5: minutes of work; SIGINT right after its first progress line.
    const file = scenarioFile('single.yaml', `name: single
d: 100
teacher: { experts: 5, geometry: orthonormal }
student: { experts: 120 }
featureLearning: { engine: flow, time: 60 }
`);
    const out = join(root, 'interrupted-point');
    const run = spawnCli(['run', file, '--out', out]);
    let ended = false;
    void run.done.then(() => (ended = true));
    while (!ended && !/feature learning/.test(run.stderr())) await sleep(20);
    run.child.kill('SIGINT');
    const exit = await run.done;
    expect(exit.code, exit.err).toBe(130);
    expect(exit.err).toContain('interrupted; no point had finished');
    expect(existsSync(join(out, 'metrics.json'))).toBe(false);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 120_000);
});
