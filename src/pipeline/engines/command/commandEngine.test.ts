import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.ts';
import { fromRows } from '../../../core/mat.ts';
import { SeedStreams } from '../../../core/streams.ts';
import { populationLoss } from '../../../population/quadrature.ts';
import type { TrainingInput } from '../engine.ts';
import { commandEngine } from './commandEngine.ts';
import { runCli } from '../../../../test-support/runCli.ts';

/**
 * The protocol checked with tiny Node programs standing in for a user's
 * training program (no Python needed): each reads the problem from stdin and
 * prints lines. `emit(t, k)` prints a valid snapshot: the initial student
 * rotated towards the teacher by a fraction k of the way.
 */
const PRELUDE = `
const p = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const mix = (a, b, k) => a.map((r, i) => r.map((x, j) => (1 - k) * x + k * b[i % b.length][j]));
const student = (k) => ({ routers: mix(p.student.routers, p.teacher.routers, k), experts: mix(p.student.experts, p.teacher.experts, k) });
const emit = (t, k, extra = {}) => console.log(JSON.stringify({ t, student: student(k), ...extra }));
`;

const teacher = { routers: fromRows([[1, 0, 0, 0]]), experts: fromRows([[0, 1, 0, 0]]) };
const student = { routers: fromRows([[0.2, 0.3, 0.9, 0.1], [0.5, -0.5, 0.1, 0.7]]), experts: fromRows([[0.1, 0.2, 0.3, 0.9], [-0.6, 0.4, 0.2, 0.3]]) };

function input(over: Partial<TrainingInput> = {}): TrainingInput {
  return {
    teacher, student, d: 4, time: 1, stopWhenRecovered: false, threshold: 0.9, uniformPoints: 11, logPoints: 0,
    settings: { rate: 3 }, streams: new SeedStreams(7).child('featureLearning'), ...over,
  };
}

function program(body: string, timeout?: number) {
  const spec = { command: [process.execPath, '-e', PRELUDE + body], ...(timeout ? { timeout } : {}) };
  return commandEngine(spec, `${process.cwd()}/s.yaml`, 'featureLearning.engine');
}

/** The InputError a program's run fails with. */
async function failure(body: string, over: Partial<TrainingInput> = {}, timeout?: number): Promise<InputError> {
  try {
    await program(body, timeout).train(input(over));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected the run to fail');
}

const tempFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith('moe-engine-')).length;

describe('external training programs (protocol moe-repro-engine/1)', () => {
  it('judges the snapshots exactly: loss by quadrature, alignments, recovery, events, the final student', async () => {
    const out = await program('for (let k = 0; k <= 10; k++) emit(k / 10, k / 10, { loss: 1 - k / 10, step: k });').train(input());
    expect(out.records.map((r) => r.t)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const halfway = {
      routers: fromRows([[0.6, 0.15, 0.45, 0.05], [0.75, -0.25, 0.05, 0.35]]),
      experts: fromRows([[0.05, 0.6, 0.15, 0.45], [-0.3, 0.7, 0.1, 0.15]]),
    };
    expect(out.records[5].loss).toBeCloseTo(populationLoss(teacher, halfway), 12);
    expect(out.records[5].engineLoss).toBeCloseTo(0.5, 15);
    // At k = 1 both students are copies of the teacher (f = 2 f*): the exact loss of that state.
    const doubled = { routers: fromRows([[1, 0, 0, 0], [1, 0, 0, 0]]), experts: fromRows([[0, 1, 0, 0], [0, 1, 0, 0]]) };
    expect(out.records[10].loss).toBeCloseTo(populationLoss(teacher, doubled), 12);
    expect(out.loss).toBe(out.records[10].loss);
    expect(out.recoveryTime).not.toBeNull();
    expect(out.events.map((e) => e.kind).sort()).toEqual(['expert', 'router']);
    expect(out.t).toBe(1);
    expect(out.steps).toBe(10);
    expect(out.info).toMatchObject({ snapshots: 11, stoppedBy: 'horizon' });
    // The snapshot at the horizon stops the program (SIGTERM): whether it had already exited by itself (code 0) or
    // was stopped (no exit code) is a race between the two processes, decided by the machine's load.
    expect([undefined, 0]).toContain((out.info as { exitCode?: number }).exitCode);
  });

  it('gives the program the problem on stdin and in MOE_REPRO_PROBLEM, with a seed from the run\'s streams', async () => {
    const body = `const f = JSON.parse(require('fs').readFileSync(process.env.MOE_REPRO_PROBLEM, 'utf8'));
      if (JSON.stringify(f) !== JSON.stringify(p)) process.exit(3);
      console.log(JSON.stringify({ t: 0, loss: p.seed, student: p.student }));
      console.log(JSON.stringify({ t: 1, loss: p.options.rate + p.snapshotEvery, student: p.student }));`;
    const a = await program(body).train(input());
    const b = await program(body).train(input());
    expect(a.records[0].engineLoss).toBe(b.records[0].engineLoss);
    expect(a.records[0].engineLoss).toBe(new SeedStreams(7).child('featureLearning').stream('engine').int32() >>> 0);
    expect(a.records[1].engineLoss).toBeCloseTo(3.1, 15);
  });

  it('stops the program once a stop rule is met (recovery), and reads nothing after', async () => {
    const out = await program('for (let k = 0; k <= 10; k++) emit(k / 10, k / 10); setTimeout(() => {}, 60000);').train(input({ stopWhenRecovered: true }));
    expect(out.info).toMatchObject({ stoppedBy: 'recovered' });
    expect(out.t).toBe(out.recoveryTime);
    expect(out.t).toBeLessThan(1);
  });

  it('names the line and the fix for malformed output, wrong shapes, NaN and time going backwards', async () => {
    const student = (routers: string) => `console.log(JSON.stringify({ t: 0, student: { routers: ${routers}, experts: p.student.experts } }));`;
    const fewerRows = 'console.log(JSON.stringify({ t: 0.5, student: { routers: p.student.routers.slice(1), experts: p.student.experts } }));';
    const nan = '{"t": 0.5, "student": {"routers": [[NaN, 1, 0, 0], [1, 0, 0, 0]], "experts": [[1, 0, 0, 0], [0, 1, 0, 0]]}}';
    const cases: [string, RegExp][] = [
      ['emit(0, 0); console.log("step 1 done");', /output line 2: not JSON .*send logs to stderr/],
      [`emit(0, 0); ${fewerRows}`, /output line 2: student\.routers has 1 rows, expected m = 2/],
      [student('[[1, 2, 3], [1, 2, 3]]'), /output line 1: student\.routers\[0\] has 3 entries, expected d = 4/],
      [`emit(0, 0); console.log('${nan}');`, /output line 2: the line holds NaN or Infinity .*diverged.*lower the learning rate/],
      ['emit(0.5, 0); emit(0.2, 0);', /output line 2: t = 0\.2 does not increase/],
      ['emit(0, 0); emit(2, 0);', /output line 2: t = 2 is outside the stage's \[0, 1\]/],
      [student('[[0, 0, 0, 0], [1, 0, 0, 0]]'), /student\.routers\[0\] is the zero vector/],
      ['console.log(JSON.stringify({ t: 0, lr: 1, student: p.student }));', /output line 1: unknown key 'lr'/],
    ];
    for (const [body, message] of cases) {
      const e = await failure(body);
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/^featureLearning\.engine \(.*\), output line \d+: /s);
    }
  });

  it('reports a crash with the exit code and the tail of stderr, and a program that wrote nothing', async () => {
    const crash = await failure('emit(0, 0); console.error("Traceback: boom"); process.exit(4);');
    expect(crash.message).toMatch(/exited with code 4 after 1 snapshot; its last stderr lines:\n {2}Traceback: boom/);
    const silent = await failure('');
    expect(silent.message).toMatch(/exited without writing a snapshot; it wrote nothing on stderr; print one JSON line/);
    const nowhere = commandEngine({ command: ['moe-repro-no-such-program'] }, `${process.cwd()}/s.yaml`, 'featureLearning.engine');
    const missing = await nowhere.train(input()).catch((e) => e);
    expect(String(missing)).toMatch(/cannot start 'moe-repro-no-such-program': no such program/);
  });

  it('kills a program silent past its timeout and says so, leaving no temp file behind', async () => {
    const before = tempFolders();
    // A slow start under load may even miss the first line: either way the program is killed.
    const e = await failure('emit(0, 0); setTimeout(() => {}, 60000);', {}, 1.5);
    expect(e.message).toMatch(/no output for 1\.5 s after (line 1 \(t = 0\)|it started), so it was killed; .*raise the engine's timeout/s);
    expect(tempFolders()).toBe(before);
  });

  it('fails moe-repro run with exit 2 and the line, and writes no report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-command-run-'));
    try {
      const program = join(dir, 'bad.js');
      writeFileSync(program, `${PRELUDE}emit(0, 0); console.log('{"t": 0.5, "student": 3}');\n`);
      const scenario = join(dir, 's.yaml');
      const engine = `{ command: [${JSON.stringify(process.execPath)}, bad.js] }`;
      writeFileSync(scenario, `name: bad-engine\nd: 4\nteacher: { experts: 1 }\nstudent: { experts: 2 }\nfeatureLearning:\n  engine: ${engine}\n  time: 1\n`);
      const r = await runCli(['run', scenario, '--out', join(dir, 'out'), '--quiet']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/featureLearning\.engine \(.*bad\.js\), output line 2: student must be an object/);
      // The output folder is made and locked before any work; a failed stage leaves no report in it.
      for (const f of ['metrics.json', 'metrics.invalid.json', 'report.md', 'report.html']) expect(existsSync(join(dir, 'out', f)), f).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
