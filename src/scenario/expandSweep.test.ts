import { describe, expect, it } from 'vitest';
import { expandSweep } from './expandSweep.ts';
import { parseScenario } from './loadScenario.ts';

const BASE = `name: s
seed: 10
d: 100
teacher: {experts: 2}
student: {experts: 4}
featureLearning: {time: 5}
`;

describe('expandSweep', () => {
  it('gives one point for a scenario without a sweep', () => {
    const { scenario } = parseScenario(BASE, 's.yaml');
    const points = expandSweep(scenario);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ index: 0, label: 'seed=10', overrides: [], replicate: 0, seed: 10 });
    expect(points[0].scenario).toEqual(scenario);
  });

  it('expands the cartesian product, first axis outermost, replicates innermost', () => {
    const text = `${BASE}sweep:\n  over:\n    - {field: d, values: [100, 1000]}\n    - {field: student.experts, values: [4, 8, 16]}\n  replicates: 2\n`;
    const { scenario } = parseScenario(text, 's.yaml');
    const points = expandSweep(scenario);
    expect(points.map((p) => p.label)).toEqual([
      'd=100,student.experts=4,seed=10', 'd=100,student.experts=4,seed=11',
      'd=100,student.experts=8,seed=10', 'd=100,student.experts=8,seed=11',
      'd=100,student.experts=16,seed=10', 'd=100,student.experts=16,seed=11',
      'd=1000,student.experts=4,seed=10', 'd=1000,student.experts=4,seed=11',
      'd=1000,student.experts=8,seed=10', 'd=1000,student.experts=8,seed=11',
      'd=1000,student.experts=16,seed=10', 'd=1000,student.experts=16,seed=11',
    ]);
    expect(points.map((p) => p.index)).toEqual([...Array(12).keys()]);
    for (const p of points) {
      expect(p.scenario.d).toBe(p.overrides[0].value);
      expect(p.scenario.student.experts).toBe(p.overrides[1].value);
      expect(p.scenario.seed).toBe(p.seed);
      expect(p.seed).toBe(10 + p.replicate);
      expect(p.scenario.sweep).toBeUndefined();
    }
    expect(scenario.d).toBe(100); // the loaded scenario is not modified
  });

  it('fills the defaults of a swept mapping value', () => {
    const text = `${BASE}sweep:\n  over:\n    - {field: featureLearning.flow, values: [{method: rk4}]}\n`;
    const [p] = expandSweep(parseScenario(text, 's.yaml').scenario);
    expect(p.scenario.featureLearning.flow).toEqual({ method: 'rk4', rtol: 3e-8, atol: 3e-10, pairKernel: 'moment-table', quadratureNodes: 24, step: 0.01 });
  });

  it('uses a swept seed as the point seed', () => {
    const text = `${BASE}sweep:\n  over:\n    - {field: seed, values: [3, 5]}\n`;
    const points = expandSweep(parseScenario(text, 's.yaml').scenario);
    expect(points.map((p) => [p.seed, p.label])).toEqual([[3, 'seed=3'], [5, 'seed=5']]);
  });

  it('is deterministic and leaves points independent (no shared objects)', () => {
    // Options go to a user engine only: an external program here (its command is never run).
    const withEngine = BASE.replace('featureLearning: {time: 5}', 'featureLearning: {time: 5, engine: {command: [train]}}');
    const text = `${withEngine}sweep:\n  over:\n    - {field: featureLearning.options.k, values: [[1, 2], [3]]}\n`;
    const { scenario } = parseScenario(text, 's.yaml');
    const a = expandSweep(scenario);
    expect(expandSweep(scenario)).toEqual(a);
    (a[0].scenario.featureLearning.options.k as number[]).push(99);
    expect(a[1].scenario.featureLearning.options.k).toEqual([3]);
    expect(scenario.sweep?.over[0].values[0]).toEqual([1, 2]);
  });
});
