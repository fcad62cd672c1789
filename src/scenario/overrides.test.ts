import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { parseScenario } from './loadScenario.ts';
import { parseOverride } from './overrides.ts';
import { FileProblemsError } from './problems.ts';

const BASE = `name: tiny
d: 10
teacher:
  experts: 2
student:
  experts: 4
featureLearning:
  time: 5
`;

/** The messages parseScenario throws for BASE with these `--set` arguments. */
function refusal(...sets: string[]): string[] {
  try {
    parseScenario(BASE, 'tiny.yaml', sets.map(parseOverride));
  } catch (e) {
    expect(e).toBeInstanceOf(FileProblemsError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected a refusal');
}

/** `--set ARG:1:COL` where COL is found by plain string search in the argument (an independent route to the column). */
const at = (arg: string, needle: string) => `--set ${arg}:1:${arg.indexOf(needle) + 1}`;

describe('--set overrides', () => {
  it('reads values as YAML: numbers, booleans, lists, strings, quoted strings', () => {
    expect(parseOverride('featureLearning.time=120').value).toBe(120);
    expect(parseOverride('featureLearning.stopWhenRecovered=true').value).toBe(true);
    expect(parseOverride('featureLearning.flow.method=rkc').value).toBe('rkc');
    expect(parseOverride("name='7'").value).toBe('7');
    expect(parseOverride('sweep.over=[{field: d, values: [10, 20]}]').value).toEqual([{ field: 'd', values: [10, 20] }]);
    expect(parseOverride('a.b=x=y').value).toBe('x=y');
  });

  it('sets any field, validated and defaulted like the file, and records the arguments', () => {
    const loaded = parseScenario(BASE, 'tiny.yaml', ['featureLearning.time=120', 'student.experts=30', 'featureLearning.flow.method=rkc'].map(parseOverride));
    expect(loaded.scenario.featureLearning.time).toBe(120);
    expect(loaded.scenario.student.experts).toBe(30);
    expect(loaded.scenario.featureLearning.flow).toMatchObject({ method: 'rkc', rtol: 3e-8 });
    expect(loaded.overrides).toEqual(['featureLearning.time=120', 'student.experts=30', 'featureLearning.flow.method=rkc']);
    expect(parseScenario(BASE, 'tiny.yaml').overrides).toBeUndefined();
  });

  it('the last of two overrides of one field wins', () => {
    expect(parseScenario(BASE, 'tiny.yaml', ['d=20', 'd=30'].map(parseOverride)).scenario.d).toBe(30);
  });

  it('refuses a bad value at the value, an unknown key at the key, with the fix', () => {
    expect(refusal('student.experts=abc')).toEqual([`${at('student.experts=abc', 'abc')}: student.experts: expected an integer >= 1, found "abc"`]);
    expect(refusal('student.expert=30')).toEqual([`${at('student.expert=30', 'expert=')}: student.expert: unknown key 'expert'; did you mean 'experts'?`]);
    const [line] = refusal('featureLearning.flow.mehtod=rkc');
    expect(line).toBe(`${at('featureLearning.flow.mehtod=rkc', 'mehtod')}: featureLearning.flow.mehtod: unknown key 'mehtod'; did you mean 'method'?`);
  });

  it('lists problems of the file first, then those of each override', () => {
    const text = BASE.replace('time: 5', 'time: -5');
    let lines: string[] = [];
    try {
      parseScenario(text, 'tiny.yaml', [parseOverride('student.experts=0')]);
    } catch (e) {
      lines = (e as Error).message.split('\n');
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^tiny\.yaml:8:9: featureLearning\.time: expected a number > 0, found -5/);
    expect(lines[1]).toMatch(/^--set student\.experts=0:1:17: student\.experts: expected an integer >= 1, found 0/);
  });

  it('names the override behind a problem it causes elsewhere (a teacher that no longer fits in d)', () => {
    const [line] = refusal('d=3');
    expect(line).toMatch(/^--set d=3:1:3: teacher\.geometry: an orthonormal teacher with m\* = 2 needs d >= 4/);
  });

  it('refuses an override of a swept field (the sweep would replace it)', () => {
    const swept = `${BASE}sweep:\n  over:\n    - { field: d, values: [10, 20] }\n`;
    expect(() => parseScenario(swept, 's.yaml', [parseOverride('d=12')])).toThrow(/--set d=12:1:3: d: 'd' is set by sweep\.over\[0\]/);
    expect(parseScenario(swept, 's.yaml', [parseOverride('sweep.over=[{field: d, values: [12]}]')]).scenario.sweep?.over[0].values).toEqual([12]);
  });

  it('refuses an argument without FIELD=VALUE or with an empty segment', () => {
    expect(() => parseOverride('student.experts')).toThrow(InputError);
    expect(() => parseOverride('=3')).toThrow(/expected FIELD=VALUE/);
    expect(() => parseOverride('student..experts=3')).toThrow(/empty segment/);
  });
});
