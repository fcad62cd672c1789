import { expect, test } from 'vitest';
import { fmt } from './format.ts';

test.each([
  [null, '—'],
  [undefined, '—'],
  [NaN, '—'],
  [0, '0'],
  [25, '25'],
  [-3, '-3'],
  [0.9043, '0.904'],
  [12.345, '12.3'],
  [1234.5, '1230'],
  [3.2e-13, '3.2e-13'],
  [1e-12, '1e-12'],
  [-0.00012345, '-1.23e-4'],
  [123456.7, '1.23e5'],
])('fmt(%s) = %s', (x, text) => {
  expect(fmt(x)).toBe(text);
});

test('digits are significant digits', () => {
  expect(fmt(0.999999999912, 10)).toBe('0.9999999999');
  expect(fmt(Math.PI, 5)).toBe('3.1416');
});
