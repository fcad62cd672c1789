import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHash } from '../src/core/configHash.ts';
import { loadScenario } from '../src/scenario/loadScenario.ts';
import { ROOT } from './gen-types.ts';
import { referenceList } from './references.ts';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

describe('reference reports', () => {
  it('npm start writes into reports/, which git ignores and where nothing is tracked', () => {
    const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
    expect(start).toMatch(/ run scenarios\/figure1\.yaml$/); // default folder: reports/<scenario name>
    expect(git('check-ignore', '--no-index', 'reports/figure1/metrics.json', 'reports/figure1/points/x.json').trim().split('\n')).toHaveLength(2);
    expect(git('ls-files', 'reports').trim().split('\n')).toEqual(['reports/.gitkeep']);
  });

  it('every entry of references/list.yaml is a valid scenario whose committed report was made from it as it is now', () => {
    const list = referenceList();
    expect(list.length).toBeGreaterThan(0);
    for (const [scenario, folder] of list) {
      const file = join(ROOT, folder, 'metrics.json');
      expect(existsSync(file), `${folder}: run npm run references -- ${folder}`).toBe(true);
      const metrics = JSON.parse(readFileSync(file, 'utf8'));
      expect(metrics.scenario.file).toBe(scenario);
      const now = loadScenario(join(ROOT, scenario)).scenario;
      expect(configHash(metrics.scenario.resolved), `${folder} is out of date with ${scenario}: run npm run references -- ${folder}`).toBe(configHash(now));
    }
  });
});
