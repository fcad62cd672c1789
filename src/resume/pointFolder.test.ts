import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PointResult } from '../pipeline/runPoint.ts';
import { expandSweep } from '../scenario/expandSweep.ts';
import { parseScenario } from '../scenario/loadScenario.ts';
import { codeFingerprint } from './codeFingerprint.ts';
import { openPointFolder, pointConfigHash } from './pointFolder.ts';

const root = mkdtempSync(join(tmpdir(), 'moe-points-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const YAML = `name: store
d: 8
teacher: { experts: 1 }
student: { experts: 2 }
featureLearning: { time: 1 }
sweep:
  over:
    - { field: d, values: [8, 16] }
`;
const points = (text = YAML) => expandSweep(parseScenario(text, join(root, 'store.yaml')).scenario);
/** A stand-in result: the store keeps whatever a point returned, as JSON. */
const result = (id: string) => ({ point: { id, marker: Math.PI } }) as unknown as PointResult;

describe('openPointFolder', () => {
  it('keeps each point in its own file as it is put, and gives it back to a later run of the same configuration', () => {
    const out = mkdtempSync(join(root, 'a-'));
    const [p8, p16] = points();
    const first = openPointFolder(out, join(root, 'store.yaml'), false);
    expect(first.get(p8)).toBeUndefined();
    first.put(p8, result('d=8,seed=1'));
    expect(readdirSync(join(out, 'points'))).toEqual([expect.stringMatching(/^d-8-seed-1\.[0-9a-f]{8}\.json$/)]);
    const stored = JSON.parse(readFileSync(join(out, 'points', readdirSync(join(out, 'points'))[0]), 'utf8'));
    expect(stored).toMatchObject({ format: 1, id: 'd=8,seed=1', hash: pointConfigHash(p8, join(root, 'store.yaml')), code: codeFingerprint() });
    const second = openPointFolder(out, join(root, 'store.yaml'), false);
    expect(second.get(p8)).toEqual(result('d=8,seed=1'));
    expect(second.get(p16)).toBeUndefined();
    expect(second.notes).toEqual([]);
  });

  it('recomputes a point whose configuration or code changed, saying why; --fresh forgets every point', () => {
    const out = mkdtempSync(join(root, 'b-'));
    const [p8] = points();
    openPointFolder(out, join(root, 'store.yaml'), false).put(p8, result('d=8,seed=1'));
    const [changed] = points(YAML.replace('time: 1', 'time: 2'));
    const a = openPointFolder(out, join(root, 'store.yaml'), false);
    expect(a.get(changed)).toBeUndefined();
    expect(a.notes).toEqual(['point d=8,seed=1: its configuration changed since it was stored; recomputing']);
    const file = join(out, 'points', readdirSync(join(out, 'points'))[0]);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), code: '0.0.1+0123456789abcdef' }));
    const b = openPointFolder(out, join(root, 'store.yaml'), false);
    expect(b.get(p8)).toBeUndefined();
    expect(b.notes[0]).toBe(`point d=8,seed=1: stored by other code (0.0.1+0123456789abcdef, now ${codeFingerprint()}); recomputing`);
    const fresh = openPointFolder(out, join(root, 'store.yaml'), true);
    expect(fresh.size()).toBe(0);
    expect(readdirSync(join(out, 'points'))).toEqual([]);
  });

  it('hashes the contents of a user module a point names, so an edited engine makes its points stale', () => {
    const engine = join(root, 'engine.mjs');
    writeFileSync(engine, 'export default { name: "a", train() {} };\n');
    const text = YAML.replace('featureLearning: { time: 1 }', 'featureLearning: { time: 1, engine: ./engine.mjs }');
    const [p] = points(text);
    const before = pointConfigHash(p, join(root, 'store.yaml'));
    writeFileSync(engine, 'export default { name: "b", train() {} };\n');
    expect(pointConfigHash(p, join(root, 'store.yaml'))).not.toBe(before);
  });

  it('hashes the script of a command engine and its options schema, so an edited training program makes its points stale', () => {
    const script = join(root, 'train.py');
    const schema = join(root, 'options.schema.json');
    writeFileSync(script, 'print(1)\n');
    writeFileSync(schema, '{"type": "object"}\n');
    const engine = '{ command: [python3, train.py], optionsSchema: ./options.schema.json }';
    const [p] = points(YAML.replace('featureLearning: { time: 1 }', `featureLearning: { time: 1, engine: ${engine} }`));
    const hash = () => pointConfigHash(p, join(root, 'store.yaml'));
    const first = hash();
    expect(hash()).toBe(first);
    writeFileSync(script, 'print(2)\n');
    const second = hash();
    expect(second).not.toBe(first);
    writeFileSync(schema, '{"type": "object", "properties": {}}\n');
    expect(hash()).not.toBe(second);
  });
});
