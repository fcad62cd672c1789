import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { compactJson } from './compactJson.ts';

test.prop([fc.jsonValue()])('compactJson parses back to the same value as JSON.stringify', (v) => {
  expect(JSON.parse(compactJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
});

test.prop([fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 })])(
  'keeps a number matrix on one line',
  (matrix) => {
    const text = compactJson({ records: [{ router: matrix }] });
    const line = text.split('\n').find((l) => l.includes('"router"'))!;
    expect(JSON.parse(line.slice(line.indexOf(':') + 1))).toEqual(JSON.parse(JSON.stringify(matrix)));
  },
);

test('NaN and Infinity become null, as with JSON.stringify', () => {
  expect(JSON.parse(compactJson({ a: NaN, b: [Infinity, 1], c: undefined }))).toEqual({ a: null, b: [null, 1] });
});
