import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { norm, row } from '../core/mat.ts';
import { loadParamsFile, parseParams } from './loadParams.ts';
import { FileProblemsError } from './problems.ts';
import { tempDir } from '../../test-support/tempDir.ts';

/** This file's temporary folder, removed after its tests. */
const TMP = tempDir('params-test');

const GOOD = {
  d: 3,
  teacher: { routers: [[1, 0, 0]], experts: [[0, 2, 0]] },
  student: { routers: [[1, 1, 0], [0, 0, 3]], experts: [[0, 0, 1], [1, 2, 2]] },
};

/** The error message parseParams throws for `text`. */
function messageOf(text: string): string {
  try {
    parseParams(text, 'p.json');
  } catch (e) {
    expect(e).toBeInstanceOf(FileProblemsError);
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected the parameter file to be rejected');
}

/** "LINE:COL" of the first occurrence of `needle`, by plain string search. */
function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** GOOD as pretty JSON with one row replaced by raw JSON text. */
function withStudentRouter1(raw: string): string {
  return JSON.stringify(GOOD, null, 2).replace(/"routers": \[\s*\[\s*1,\s*1,\s*0\s*\],\s*\[\s*0,\s*0,\s*3\s*\]\s*\]/, `"routers": [[1, 1, 0], ${raw}]`);
}

describe('parseParams', () => {
  it('reads a valid file and normalises the rows', () => {
    const p = parseParams(JSON.stringify(GOOD), 'p.json');
    expect(p.d).toBe(3);
    expect([p.teacher.routers.rows, p.student.experts.rows]).toEqual([1, 2]);
    expect(Array.from(row(p.student.experts, 1))).toEqual([1 / 3, 2 / 3, 2 / 3]);
    for (const m of [p.teacher.routers, p.teacher.experts, p.student.routers, p.student.experts]) {
      for (let i = 0; i < m.rows; i++) expect(norm(row(m, i))).toBeCloseTo(1, 15);
    }
  });

  it('reads a file from disk', () => {
    const dir = mkdtempSync(join(TMP, 'params-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(GOOD));
    expect(loadParamsFile(join(dir, 'ok.json')).d).toBe(3);
    expect(() => loadParamsFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the parameter file \(ENOENT\)/);
  });

  it('rejects a row of the wrong length, naming file, line:column and JSON path', () => {
    const text = withStudentRouter1('[0, 3]');
    expect(messageOf(text)).toBe(`p.json:${at(text, '[0, 3]')}: student.routers[1]: expected a row of d = 3 numbers, found 2; every row has one entry per input dimension; fix the row or 'd'`);
  });

  it('rejects NaN (not JSON) at its place', () => {
    const text = withStudentRouter1('[0, NaN, 3]');
    const msg = messageOf(text);
    expect(msg).toContain(`p.json:${at(text, 'NaN')}: student.routers[1][1]: expected a number, found "NaN"`);
    expect(msg).toContain('not valid JSON');
  });

  it('rejects an entry that overflows to Infinity', () => {
    const text = withStudentRouter1('[0, 1e999, 3]');
    expect(messageOf(text)).toContain(`p.json:${at(text, '1e999')}: student.routers[1][1]: expected a number, found Infinity (beyond the float64 range`);
  });

  it('rejects a zero row', () => {
    const text = withStudentRouter1('[0, 0, 0]');
    expect(messageOf(text)).toMatch(new RegExp(`^p\\.json:${at(text, '[0, 0, 0]')}: student\\.routers\\[1\\]: row has zero length`));
  });

  it('rejects unequal numbers of routers and experts', () => {
    const text = JSON.stringify({ ...GOOD, teacher: { routers: [[1, 0, 0]], experts: [[0, 1, 0], [0, 0, 1]] } }, null, 2);
    expect(messageOf(text)).toBe(
      `p.json:${at(text, '"teacher"')}: teacher: expected as many routers as experts (one of each per expert), found 1 routers and 2 experts; ` +
        "give the teacher the same number of rows in 'routers' and 'experts'",
    );
  });

  it('rejects unknown keys, missing keys and a bad d', () => {
    const text = JSON.stringify({ d: 1.5, teacher: GOOD.teacher, student: { routers: GOOD.student.routers, expert: [] } }, null, 2);
    const lines = messageOf(text).split('\n');
    expect(lines).toEqual([
      `p.json:${at(text, '1.5')}: d: expected an integer >= 2, found 1.5`,
      `p.json:${at(text, '{\n    "routers": [\n      [\n        1,\n        1')}: student.experts: missing required key 'experts'; add 'experts:' here (Expert directions w_i, one row per expert)`,
      `p.json:${at(text, '"expert"')}: student.expert: unknown key 'expert'; did you mean 'experts'?`,
    ]);
  });

  it('rejects broken JSON with a position', () => {
    const msg = messageOf('{"d": 3,\n "teacher": {"routers": [[1,0,0]],, }\n');
    expect(msg).toMatch(/^p\.json:2:\d+: \(syntax\): /);
  });
});
