import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'moe-repro.mjs');
const dir = mkdtempSync(join(tmpdir(), 'moe-user-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A user's engine as a new user would write it, in a folder outside the
 * repository with no package.json: plain projected gradient descent on the
 * exact loss, importing the public API by name, with a JSON Schema for its
 * options, its states judged by a SnapshotRecorder.
 */
const ENGINE = `import { normalizeRows, populationLossGrad, SnapshotRecorder, type Mat, type TrainingEngine } from 'moe-repro/engine';

export const engine: TrainingEngine = {
  name: 'plain gradient descent',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { learningRate: { type: 'number', exclusiveMinimum: 0, default: 0.25 } },
  },
  async train(input) {
    const lr = input.settings.learningRate as number;
    const move = (x: Mat, g: Mat) => normalizeRows({ ...x, data: x.data.map((v, i) => v - lr * g.data[i]) });
    let s = { routers: normalizeRows(input.student.routers), experts: normalizeRows(input.student.experts) };
    const recorder = new SnapshotRecorder(input);
    for (let k = 0; !recorder.add({ t: k * lr, student: s, step: k }); k++) {
      const g = populationLossGrad(input.teacher, s, { nodes: input.quadratureNodes });
      s = { routers: move(s.routers, g.routers), experts: move(s.experts, g.experts) };
    }
    return recorder.output({ method: 'gd lr=' + lr });
  },
};
`;

/** A pruning rule built on the public pruning API: the built-in cancel-groups, renamed. */
const RULE = `import { cancelGroups, type PruningRule } from 'moe-repro/pruning';

export const pruningRule: PruningRule = { name: 'my cancel-groups', prune: (input) => cancelGroups.prune(input) };
`;

const SCENARIO = (options: string, sweep = '') => `name: user-engine
d: 8
teacher: { experts: 1 }
student: { experts: 2 }
featureLearning:
  engine: ./gd-engine.ts
  time: 4
${options}pruning: { rule: ./my-rule.ts }
fineTuning: { maxTime: 50 }
recording: { uniformPoints: 20, logPoints: 0 }
${sweep}`;

/** "LINE:COL" of the first `needle` in `text`, by plain string search (independent of the loader). */
function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

async function run(scenario: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, scenario);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'run', file, '--out', join(dir, 'out'), '--quiet', ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the public engine API (moe-repro/engine) from a module outside the repository', () => {
  writeFileSync(join(dir, 'gd-engine.ts'), ENGINE);
  writeFileSync(join(dir, 'my-rule.ts'), RULE);

  it('runs through moe-repro run on worker threads, with a pruning rule of the same kind, options defaulted from the engine schema', async () => {
    const r = await run(SCENARIO('', 'sweep: { over: [{ field: seed, values: [1, 2] }] }\n'), '--workers', '2');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'out', 'metrics.json'), 'utf8'));
    expect(m.points).toHaveLength(2);
    for (const p of m.points) {
      const fl = p.featureLearning;
      expect(fl.engine).toBe('plain gradient descent');
      expect(fl.method).toBe('gd lr=0.25');
      expect(p.pruning.rule).toBe('my cancel-groups');
      expect(fl.records[0].t).toBe(0);
      expect(fl.final.t).toBeCloseTo(4, 12);
      expect(fl.records.at(-1).loss).toBeLessThan(fl.records[0].loss);
    }
  }, 90_000);

  it('refuses a misspelt or mistyped option at FILE:LINE:COL, like any key of the scenario', async () => {
    const file = join(dir, 'scenario.yaml');
    const text = SCENARIO('  options:\n    learning_rate: 0.5\n    learningRate: fast\n');
    const r = await run(text);
    expect(r.code).toBe(2);
    const unknown = "featureLearning.options.learning_rate: unknown key 'learning_rate'; did you mean 'learningRate'?";
    expect(r.stderr).toContain(`${file}:${at(text, 'learning_rate')}: ${unknown}`);
    expect(r.stderr).toContain(`${file}:${at(text, 'fast')}: featureLearning.options.learningRate: expected a number > 0, found "fast"`);
  }, 60_000);
});
