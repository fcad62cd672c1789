import { expect, test } from 'vitest';
import { canonicalSvgIds, scopeSvgIds } from './scopeSvgIds.ts';

const svg =
  '<svg><defs><linearGradient id="gradient_0"/><clipPath id="clip1"><rect/></clipPath></defs>' +
  '<rect fill="url(#gradient_0)"/><g clip-path="url(#clip1)"/><use href="#clip1"/><use xlink:href="#gradient_0"/></svg>';

test('prefixes every id and every reference to it', () => {
  const out = scopeSvgIds(svg, 'f3');
  expect(out).toContain('id="f3-gradient_0"');
  expect(out).toContain('id="f3-clip1"');
  expect(out).toContain('fill="url(#f3-gradient_0)"');
  expect(out).toContain('clip-path="url(#f3-clip1)"');
  expect(out).toContain(' href="#f3-clip1"');
  expect(out).toContain(' xlink:href="#f3-gradient_0"');
  expect(out).not.toMatch(/"#(clip|gradient)|\(#(clip|gradient)|id="(clip|gradient)/);
});

test('two scoped copies share no id', () => {
  const ids = (s: string) => [...s.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
  const a = ids(scopeSvgIds(svg, 'f1'));
  const b = ids(scopeSvgIds(svg, 'f2'));
  expect(a.filter((x) => b.includes(x))).toEqual([]);
});

test('canonical ids depend only on the order of appearance', () => {
  const other = svg.replace(/gradient_0/g, 'gradient_7').replace(/clip1/g, 'clip42');
  expect(canonicalSvgIds(other)).toBe(canonicalSvgIds(svg));
  expect(canonicalSvgIds(svg)).toContain('id="id0"');
  expect(canonicalSvgIds(svg)).toContain('clip-path="url(#id1)"');
});

test('leaves references to undefined ids alone', () => {
  expect(scopeSvgIds('<svg><rect fill="url(#nowhere)"/></svg>', 'p')).toBe('<svg><rect fill="url(#nowhere)"/></svg>');
});
