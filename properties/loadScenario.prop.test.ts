/**
 * Scenario files: any valid scenario round-trips through YAML and JSON and
 * has every default filled, every sweep point is itself valid, and any
 * unknown key or out-of-range value is rejected at its place
 * (src/scenario/loadScenario.ts; the generator is test-support/arbitraries/arbScenario.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { arbScenarioInput, type ScenarioInput } from '../test-support/arbitraries/arbScenario.ts';
import { expandSweep } from '../src/scenario/expandSweep.ts';
import { parseScenario } from '../src/scenario/loadScenario.ts';
import { FileProblemsError, formatPath, type DataPath, type Problem } from '../src/scenario/problems.ts';
import { knownKeys, schemaAt } from '../src/scenario/schemaAt.ts';
import { schemaOf } from '../src/scenario/schemas.ts';
import { runs } from '../test-support/fcConfig.ts';

const ROOT = schemaOf('scenario');

/** Every leaf of `given` is present, unchanged, in `resolved`. */
function expectKept(given: unknown, resolved: unknown, path = ''): void {
  if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
    for (const [k, v] of Object.entries(given)) expectKept(v, (resolved as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(resolved, path).toEqual(given);
  }
}

/** Every property with a default in the schema is present in the resolved mapping at `path`, recursively. */
function expectDefaultsFilled(value: unknown, path: DataPath): void {
  const schema = schemaAt(ROOT, path);
  if (!schema?.properties || value === null || typeof value !== 'object') return;
  for (const [k, sub] of Object.entries(schema.properties as Record<string, { default?: unknown }>)) {
    const v = (value as Record<string, unknown>)[k];
    if ('default' in sub) expect(v, formatPath([...path, k])).not.toBeUndefined();
    if (v !== undefined && k !== 'sweep' && k !== 'options') expectDefaultsFilled(v, [...path, k]);
  }
}

function problemsOf(text: string): Problem[] {
  try {
    parseScenario(text, 'gen.yaml');
  } catch (e) {
    if (e instanceof FileProblemsError) return [...e.problems];
    throw e;
  }
  throw new Error(`accepted:\n${text}`);
}

/** A copy of `obj` with `value` set at `path`, creating missing mappings. */
function setIn(obj: ScenarioInput, path: DataPath, value: unknown): ScenarioInput {
  const copy = structuredClone(obj);
  let cur: Record<string | number, unknown> = copy;
  for (const seg of path.slice(0, -1)) {
    cur[seg] ??= {};
    cur = cur[seg] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]] = value;
  return copy;
}

/** The mappings of a scenario where only schema keys are allowed (free-form `options` excluded). */
const PLACES: DataPath[] = [
  [], ['teacher'], ['student'], ['featureLearning'], ['featureLearning', 'flow'], ['featureLearning', 'sgd'],
  ['pruning'], ['fineTuning'], ['recording'], ['claims'], ['claims', 'timeLawExponent'], ['sweep'], ['sweep', 'over', 0],
];

/** Out-of-range or ill-typed values of numeric fields. */
const BAD_NUMBERS: [DataPath, fc.Arbitrary<unknown>][] = [
  [['d'], fc.oneof(fc.integer({ min: -1000, max: 1 }), fc.constant(2.5))],
  [['seed'], fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.constant(0.5))],
  [['teacher', 'experts'], fc.integer({ min: -10, max: 0 })],
  [['student', 'experts'], fc.oneof(fc.integer({ min: -10, max: 0 }), fc.constant('many'))],
  [['featureLearning', 'time'], fc.double({ min: -1e6, max: 0, noNaN: true })],
  [['featureLearning', 'sgd', 'batch'], fc.oneof(fc.constant(0), fc.constant(1.5), fc.constant(true))],
  [['featureLearning', 'flow', 'quadratureNodes'], fc.integer({ min: 201, max: 10_000 })],
  [['pruning', 'cancelTolerance'], fc.double({ min: -1, max: 0, noNaN: true })],
  [['recording', 'uniformPoints'], fc.integer({ min: -5, max: 1 })],
  [['claims', 'recoveryThreshold'], fc.double({ min: 1.000001, max: 100, noNaN: true })],
  [['claims', 'fineTuneAlignmentGap'], fc.double({ min: 1, max: 10, noNaN: true })],
];

describe('scenario loader properties', () => {
  it('any valid scenario round-trips through YAML and JSON text, keeping its values and filling every default', () => {
    fc.assert(
      fc.property(arbScenarioInput(), (input) => {
        for (const text of [stringify(input), JSON.stringify(input, null, 1)]) {
          const { scenario } = parseScenario(text, 'gen.yaml');
          expectKept(input, scenario);
          expectDefaultsFilled(scenario, []);
        }
      }),
      runs(150, 600),
    );
  });

  it('every sweep point of a valid scenario is itself a valid scenario', () => {
    fc.assert(
      fc.property(arbScenarioInput(), (input) => {
        const { scenario } = parseScenario(stringify(input), 'gen.yaml');
        const points = expandSweep(scenario);
        const grid = (scenario.sweep?.over ?? []).reduce((n, a) => n * a.values.length, 1);
        expect(points).toHaveLength(grid * (scenario.sweep?.replicates ?? 1));
        for (const p of points) expect(parseScenario(stringify(p.scenario), 'point.yaml').scenario).toEqual(p.scenario);
      }),
      runs(60, 240),
    );
  });

  it('any unknown key injected in any mapping is rejected at that key', () => {
    const key = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/);
    fc.assert(
      fc.property(arbScenarioInput(), fc.constantFrom(...PLACES), key, fc.jsonValue(), (input, place, k, v) => {
        if (place[0] === 'sweep' && input.sweep === undefined) return; // no such mapping in this scenario
        if (knownKeys(ROOT, schemaAt(ROOT, place)).includes(k)) return; // not unknown
        const text = stringify(setIn(input, [...place, k], v));
        const problems = problemsOf(text);
        const p = problems.find((q) => q.path === formatPath([...place, k]));
        expect(p, `problems: ${JSON.stringify(problems)}`).toBeDefined();
        expect(p?.message).toBe(`unknown key '${k}'`);
        const line = text.split('\n')[(p?.line ?? 0) - 1];
        const rest = line.slice((p?.column ?? 1) - 1);
        expect([k, `"${k}"`, `'${k}'`].some((form) => rest.startsWith(`${form}:`)), `line ${p?.line}: ${line}`).toBe(true);
      }),
      runs(200, 800),
    );
  });

  it('any out-of-range or ill-typed number is rejected at its value', () => {
    const bad = fc.constantFrom(...BAD_NUMBERS).chain(([path, arb]) => arb.map((v) => [path, v] as const));
    fc.assert(
      fc.property(arbScenarioInput(), bad, (input, [path, v]) => {
        const text = stringify(setIn(input, path, v));
        const problems = problemsOf(text);
        const p = problems.find((q) => q.path === formatPath(path));
        expect(p, `problems: ${JSON.stringify(problems)}`).toBeDefined();
        expect(p?.message).toMatch(/^expected (a|an) (number|integer)/);
        const line = text.split('\n')[(p?.line ?? 0) - 1];
        expect(line.slice(0, (p?.column ?? 1) - 1).trimEnd().endsWith(`${String(path[path.length - 1])}:`), line).toBe(true);
      }),
      runs(150, 600),
    );
  });
});
