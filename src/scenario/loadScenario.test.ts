import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { loadScenario, parseScenario } from './loadScenario.ts';
import { FileProblemsError, type Problem } from './problems.ts';
import { tempDir } from '../../test-support/tempDir.ts';

/** This file's temporary folder, removed after its tests. */
const TMP = tempDir('scenario-test');

const MINIMAL = `# a comment
name: tiny
d: 10
teacher:
  experts: 2
student:
  experts: 4
featureLearning:
  time: 5
`;

/**
 * "LINE:COL" of the n-th occurrence of `needle` in `text`, found by plain
 * string search: an independent route to the position the loader reports.
 */
function at(text: string, needle: string, n = 1): string {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`'${needle}' not in the text`);
  }
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** The problems parseScenario throws for `text` (fails the test if it does not throw). */
function problemsOf(text: string, file = 'scenarios/bad.yaml'): Problem[] {
  try {
    parseScenario(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(FileProblemsError);
    expect(e).toBeInstanceOf(InputError);
    return [...(e as FileProblemsError).problems];
  }
  throw new Error('expected the scenario to be rejected');
}

/** The one message line of the single problem of `text`. */
function onlyMessage(text: string, file = 'scenarios/bad.yaml'): string {
  try {
    parseScenario(text, file);
  } catch (e) {
    const err = e as FileProblemsError;
    expect(err.problems).toHaveLength(1);
    return err.message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('parseScenario: valid files', () => {
  it('fills every default of a minimal scenario', () => {
    const { scenario } = parseScenario(MINIMAL, 'tiny.yaml');
    expect(scenario.seed).toBe(1);
    expect(scenario.teacher).toEqual({ experts: 2, geometry: 'orthonormal', routersOrthogonalToExperts: true });
    expect(scenario.featureLearning).toEqual({
      time: 5,
      engine: 'flow',
      stopWhenRecovered: false,
      compareWithFlow: false,
      flow: { method: 'auto', rtol: 3e-8, atol: 3e-10, pairKernel: 'moment-table', quadratureNodes: 24, step: 0.01 },
      sgd: { learningRate: 0.002, learningRateScaling: null, batch: 1024, space: 'auto', backend: 'auto', evalSamples: 4096 },
      options: {},
    });
    expect(scenario.pruning).toEqual({ rule: 'cancel-groups', cancelTolerance: 1e-6 });
    expect(scenario.fineTuning).toEqual({ engine: 'flow', targetLoss: 1e-12, maxTime: 10000, options: {} });
    expect(scenario.recording).toEqual({ uniformPoints: 200, logPoints: 100 });
    expect(scenario.claims).toEqual({
      recoveryThreshold: 0.9,
      recoveryTimeBound: null,
      pruneLossTolerance: 1e-8,
      fineTuneLoss: 1e-12,
      fineTuneAlignmentGap: 1e-9,
      timeLawExponent: { expected: 0.5, tolerance: 0.15 },
      escapeLaw: { coefficient: 3, floor: 1e-3 },
      multiPair: { coefficient: 4, floor: 1e-3 },
      routerLag: { routerAtExpertTime: 0.2, tolerance: 0.5 },
      fineTuningRate: 0.02,
    });
    expect(scenario.sweep).toBeUndefined();
  });

  it('keeps given values and accepts JSON', () => {
    const json = JSON.stringify({
      name: 'j', d: 50, seed: 7, teacher: { experts: 3, geometry: 'random' }, student: { experts: 9 },
      featureLearning: { time: 2, engine: 'sgd', sgd: { learningRate: 0.01 } },
    });
    const { scenario } = parseScenario(json, 'j.json');
    expect(scenario.seed).toBe(7);
    expect(scenario.teacher.geometry).toBe('random');
    expect(scenario.featureLearning.sgd.learningRate).toBe(0.01);
    expect(scenario.featureLearning.sgd.batch).toBe(1024);
  });

  it('accepts an explicit teacher with m* rows of length d', () => {
    const explicit = '  geometry: explicit\n  routerDirections: [[1,0,0,0,0,0,0,0,0,0],[0,1,0,0,0,0,0,0,0,0]]\n' +
      '  expertDirections: [[0,0,1,0,0,0,0,0,0,0],[0,0,0,2,0,0,0,0,0,0]]\n';
    const text = MINIMAL.replace('  experts: 2\n', `  experts: 2\n${explicit}`);
    expect(parseScenario(text, 'e.yaml').scenario.teacher.expertDirections?.[1][3]).toBe(2);
  });

  it('validates every shipped scenario', () => {
    const dir = join(import.meta.dirname, '..', '..', 'scenarios');
    const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['figure1.yaml', 'figure1-sgd.yaml', 'sqrt-d-law.yaml', 'overparameterisation.yaml', 'prune-finetune.yaml']));
    for (const f of files) {
      const { scenario } = loadScenario(join(dir, f));
      expect(`${scenario.name}.yaml`).toBe(f);
    }
  });

  it('starts every shipped scenario with the schema line editors read (yaml-language-server), pointing at the scenario schema', () => {
    const root = join(import.meta.dirname, '..', '..');
    const dirs = ['scenarios', join('scenarios', 'examples'), ...readdirSync(join(root, 'examples')).map((d) => join('examples', d))];
    const files = dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(root, d, f)));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const first = readFileSync(f, 'utf8').split('\n')[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, `${f}: first line ${first}`).not.toBeNull();
      expect(resolve(dirname(f), m![1])).toBe(join(root, 'schemas', 'scenario.schema.json'));
    }
  });

  it('ships figure1 as the paper figure: exact flow, m* = 5, m = 25, d = 1000, orthonormal', () => {
    const { scenario: s } = loadScenario(join(import.meta.dirname, '..', '..', 'scenarios', 'figure1.yaml'));
    expect([s.featureLearning.engine, s.teacher.experts, s.student.experts, s.d, s.teacher.geometry]).toEqual(['flow', 5, 25, 1000, 'orthonormal']);
  });
});

describe('parseScenario: broken files name file, line:column, path, expected and found', () => {
  it('rejects an unknown key and suggests the closest known one', () => {
    const text = MINIMAL.replace('  time: 5\n', '  time: 5\n  sgd:\n    learningrate: 0.01\n');
    expect(at(text, 'learningrate')).toBe('11:5');
    expect(onlyMessage(text)).toBe("scenarios/bad.yaml:11:5: featureLearning.sgd.learningrate: unknown key 'learningrate'; did you mean 'learningRate'?");
  });

  it('rejects a top-level typo instead of falling back to the default', () => {
    const msg = onlyMessage(`${MINIMAL}sed: 3\n`);
    expect(msg).toBe("scenarios/bad.yaml:10:1: sed: unknown key 'sed'; did you mean 'seed'?");
  });

  it('rejects a wrong type, naming what was expected and found', () => {
    const text = MINIMAL.replace('  time: 5\n', '  time: 5\n  sgd: {learningRate: fast}\n');
    expect(at(text, 'fast')).toBe('10:23');
    expect(onlyMessage(text)).toBe('scenarios/bad.yaml:10:23: featureLearning.sgd.learningRate: expected a number > 0, found "fast"; fix the value, or delete the key to use the default 0.002');
  });

  it('rejects an out-of-range number', () => {
    expect(onlyMessage(MINIMAL.replace('d: 10', 'd: 1'))).toBe('scenarios/bad.yaml:3:4: d: expected an integer >= 2, found 1');
  });

  it('rejects NaN and infinity written in YAML', () => {
    const msg = onlyMessage(MINIMAL.replace('time: 5', 'time: .inf'));
    expect(msg).toMatch(/^scenarios\/bad\.yaml:9:9: featureLearning\.time: expected a number > 0, found Infinity/);
  });

  it('rejects a bad enum value', () => {
    const msg = onlyMessage(MINIMAL.replace('  experts: 2\n', '  experts: 2\n  geometry: orthogonal\n'));
    expect(msg).toContain("scenarios/bad.yaml:6:13: teacher.geometry: expected one of 'orthonormal', 'random', 'explicit', found \"orthogonal\"");
  });

  it('refuses options given to a built-in engine, which would ignore them', () => {
    const msg = onlyMessage(MINIMAL.replace('  time: 5\n', '  time: 5\n  options: {rtol: 1.0e-6}\n'));
    expect(msg).toBe(
      "scenarios/bad.yaml:10:3: featureLearning.options: options are read only by a user engine, and engine 'flow' would ignore them; " +
        "move these settings to featureLearning.flow, or remove 'featureLearning.options'",
    );
  });

  it('rejects an engine that is neither built in nor a module path', () => {
    const msg = onlyMessage(MINIMAL.replace('  time: 5\n', '  time: 5\n  engine: flw\n'));
    expect(msg).toContain("scenarios/bad.yaml:10:11: featureLearning.engine: expected one of 'flow', 'sgd', a path to a user module");
    expect(msg).toContain('or a mapping with keys command, cwd, timeout, optionsSchema');
    expect(msg).toContain('found "flw"');
  });

  it('rejects a missing required key, pointing at its parent', () => {
    const msg = onlyMessage(MINIMAL.replace('student:\n  experts: 4\n', 'student: {}\n'));
    expect(msg).toMatch(/^scenarios\/bad\.yaml:6:10: student\.experts: missing required key 'experts'; add 'experts:' here \(Number of student experts m/);
  });

  it('rejects an explicit teacher without directions', () => {
    const problems = problemsOf(MINIMAL.replace('  experts: 2\n', '  experts: 2\n  geometry: explicit\n'));
    expect(problems.map((p) => [p.path, p.line, p.column])).toEqual([
      ['teacher.routerDirections', 6, 13],
      ['teacher.expertDirections', 6, 13],
    ]);
    expect(problems[0].message).toBe("geometry 'explicit' needs 'routerDirections', which is missing");
  });

  it('rejects explicit rows of the wrong length or zero, and directions without geometry explicit', () => {
    const bad = MINIMAL.replace('d: 10', 'd: 3').replace(
      '  experts: 2\n',
      '  experts: 2\n  geometry: explicit\n  routerDirections: [[1, 0, 0], [0, 1]]\n  expertDirections: [[1, 0, 0], [0, 0, 0]]\n',
    );
    const problems = problemsOf(bad);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual([
      `${at(bad, '[0, 1]')} teacher.routerDirections[1]`,
      `${at(bad, '[0, 0, 0]')} teacher.expertDirections[1]`,
    ]);
    expect(problems[0].message).toBe('expected a row of d = 3 numbers, found 2');
    expect(problems[1].message).toContain('zero length');
    const stray = onlyMessage(MINIMAL.replace('  experts: 2\n', '  experts: 2\n  routerDirections: [[1, 0]]\n'));
    expect(stray).toMatch(/^scenarios\/bad\.yaml:6:3: teacher\.routerDirections: only used with geometry 'explicit'/);
  });

  it('rejects an orthonormal teacher that does not fit in d', () => {
    const msg = onlyMessage(MINIMAL.replace('d: 10', 'd: 3'));
    expect(msg).toContain('scenarios/bad.yaml:5:3: teacher.geometry: an orthonormal teacher with m* = 2 needs d >= 4');
  });

  it('rejects a sweep over a field that does not exist, with a suggestion', () => {
    const msg = onlyMessage(`${MINIMAL}sweep:\n  over:\n    - field: featureLearning.sgd.learningrate\n      values: [0.1]\n`);
    expect(msg).toBe(
      "scenarios/bad.yaml:12:14: sweep.over[0].field: no field 'featureLearning.sgd.learningrate' in a scenario; did you mean 'featureLearning.sgd.learningRate'?",
    );
  });

  it('rejects sweeping the name or the same field twice', () => {
    const text = `${MINIMAL}sweep:\n  over:\n    - {field: name, values: [a]}\n    - {field: d, values: [10]}\n    - {field: d, values: [20]}\n`;
    const problems = problemsOf(text);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      `${at(text, 'name, values')} sweep.over[0].field: 'name' cannot be swept`,
      `${at(text, 'd, values', 2)} sweep.over[2].field: 'd' is already swept by sweep.over[1] ('d')`,
    ]);
  });

  it('rejects an invalid sweep value at that value', () => {
    const problems = problemsOf(`${MINIMAL}sweep:\n  over:\n    - field: d\n      values: [100, 1, "big"]\n`);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      '13:21 sweep.over[0].values[1]: as d: expected an integer >= 2, found 1',
      '13:24 sweep.over[0].values[2]: as d: expected an integer >= 2, found "big"',
    ]);
  });

  it('rejects a sweep value that only fails in combination, at the value responsible', () => {
    const problems = problemsOf(`${MINIMAL}sweep:\n  over:\n    - field: d\n      values: [100, 3]\n`);
    expect(problems).toHaveLength(1);
    expect(`${problems[0].line}:${problems[0].column} ${problems[0].path}`).toBe('13:21 sweep.over[0].values[1]');
    expect(problems[0].message).toContain('at sweep point d = 3, teacher.geometry: an orthonormal teacher with m* = 2 needs d >= 4');
  });

  it('rejects an unknown key inside a swept mapping value', () => {
    const text = `${MINIMAL}sweep:\n  over:\n    - field: featureLearning.flow\n      values: [{rtol: 1e-6}, {rtl: 1e-6}]\n`;
    const problems = problemsOf(text);
    expect(at(text, 'rtl:')).toBe('13:31');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}; ${p.hint}`)).toEqual([
      "13:31 sweep.over[0].values[1].rtl: as featureLearning.flow.rtl: unknown key 'rtl'; did you mean 'rtol'?",
    ]);
  });

  it('rejects broken YAML syntax with its position', () => {
    const problems = problemsOf('name: x\nd: [1, 2\nteacher: {experts: 2}\n');
    expect(problems[0].path).toBe('(syntax)');
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
    expect(formatted(problems[0])).toMatch(/^scenarios\/bad\.yaml:\d+:\d+: \(syntax\): /);
    const dup = problemsOf(`${MINIMAL}d: 20\n`);
    expect(dup.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['10:1 this key appears twice in the same mapping']);
  });

  it('rejects a file that is not a mapping', () => {
    expect(onlyMessage('- a\n- b\n')).toMatch(/^scenarios\/bad\.yaml:1:1: \(top level\): expected a mapping with keys \$schema, name, description, .*, sweep, found a list of 2 items$/);
  });

  it('reports every problem at once, in file order', () => {
    const problems = problemsOf('name: Bad Name\nd: 0\nteacher: {experts: 0}\nstudent: {experts: 1, extra: 1}\nfeatureLearning: {time: -1}\n');
    expect(problems.map((p) => p.path)).toEqual(['name', 'd', 'teacher.experts', 'student.extra', 'featureLearning.time']);
  });

  it('checks that a user module exists, relative to the scenario file', () => {
    const dir = mkdtempSync(join(TMP, 'scenario-'));
    writeFileSync(join(dir, 'mine.ts'), 'export const engine = {};\n');
    const withModule = (p: string) => MINIMAL.replace('  time: 5\n', `  time: 5\n  engine: ${p}\n`);
    writeFileSync(join(dir, 'good.yaml'), withModule('./mine.ts'));
    writeFileSync(join(dir, 'bad.yaml'), withModule('./missing.ts'));
    expect(loadScenario(join(dir, 'good.yaml')).scenario.featureLearning.engine).toBe('./mine.ts');
    expect(() => loadScenario(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml:10:11: featureLearning\.engine: user module '\.\/missing\.ts' not found/);
  });

  it('reports an unreadable file as an InputError naming it', () => {
    expect(() => loadScenario('/nonexistent/dir/x.yaml')).toThrow(InputError);
    expect(() => loadScenario('/nonexistent/dir/x.yaml')).toThrow(/\/nonexistent\/dir\/x\.yaml: cannot read the scenario file \(ENOENT\)/);
  });
});

function formatted(p: Problem): string {
  return new FileProblemsError('scenarios/bad.yaml', [p]).message;
}
