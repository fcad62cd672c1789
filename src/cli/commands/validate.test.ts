import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from './validate.ts';
import { tempDir } from '../../../test-support/tempDir.ts';

/** This file's temporary folder, removed after its tests. */
const TMP = tempDir('validate-test');

const SCENARIOS = join(import.meta.dirname, '..', '..', '..', 'scenarios');

describe('moe-repro validate', () => {
  it('accepts every shipped scenario and counts sweep points', async () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).map((f) => join(SCENARIOS, f));
    const { ok, errors } = await validateFiles(files);
    expect(errors).toEqual([]);
    expect(ok).toContain(`${join(SCENARIOS, 'sqrt-d-law.yaml')}: ok (5 sweep points x 2 replicates = 10 runs)`);
    expect(ok).toContain(`${join(SCENARIOS, 'figure1.yaml')}: ok (1 sweep point)`);
  });

  it('tells parameter files from scenarios and reports each bad file', async () => {
    const dir = mkdtempSync(join(TMP, 'validate-'));
    const params = join(dir, 'params.json');
    const badParams = join(dir, 'bad-params.json');
    const badScenario = join(dir, 'bad.yaml');
    writeFileSync(params, JSON.stringify({ d: 2, teacher: { routers: [[1, 0]], experts: [[0, 1]] }, student: { routers: [[1, 1]], experts: [[1, -1]] } }));
    writeFileSync(badParams, JSON.stringify({ d: 2, teacher: { routers: [[1, 0]], experts: [[0, 1]] }, student: { routers: [[0, 0]], experts: [[1, -1]] } }));
    writeFileSync(badScenario, 'name: x\nd: 10\nteacher: {experts: 2}\nstudent: {experts: 4}\nfeatureLearning: {time: 5, engin: sgd}\n');
    const { ok, errors } = await validateFiles([params, badParams, badScenario]);
    expect(ok).toEqual([`${params}: ok (parameters: d = 2, m* = 1, m = 1)`]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(new RegExp(`^${badParams}:1:\\d+: student\\.routers\\[0\\]: row has zero length`));
    expect(errors[1]).toBe(`${badScenario}:5:28: featureLearning.engin: unknown key 'engin'; did you mean 'engine'?`);
  });
});
