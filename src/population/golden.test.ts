import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fromRows } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { EXACT, relativeError } from '../../test-support/tolerance.ts';
import { populationLossGrad } from './quadrature.ts';

/**
 * The model itself checked against values computed elsewhere: every engine
 * is cross-checked against the others, so a change made consistently in all
 * of them (a sigmoid of another slope, with its derivative) would pass those
 * checks. tools/golden/golden.json holds the population loss and gradient at
 * 13 configurations (generic, near-collinear and cancelling; d = 2 to 10^6),
 * computed by tools/golden/golden.py in mpmath at 45 digits by another route
 * (conditioning on the routers by the Schur complement, exact Isserlis
 * moments, the trapezoidal rule on the real line, finite differences): see
 * that script for how, and how to regenerate the file. No Python is needed here.
 */
interface GoldenConfiguration {
  name: string;
  kind: string;
  d: number;
  note: string;
  teacher: { routers: number[][]; experts: number[][] };
  student: { routers: number[][]; experts: number[][] };
  loss: string;
  gradient: { routers: string[][]; experts: string[][] };
}

const GOLDEN = JSON.parse(readFileSync(new URL('../../tools/golden/golden.json', import.meta.url), 'utf8')) as { configurations: GoldenConfiguration[] };
const params = (p: { routers: number[][]; experts: number[][] }): MoeParams => ({ routers: fromRows(p.routers), experts: fromRows(p.experts) });

describe('the exact engine against golden values (tools/golden/golden.json)', () => {
  test('the file covers generic, near-collinear and cancelling configurations, d from 2 to 10^6', () => {
    const c = GOLDEN.configurations;
    expect(c.length).toBeGreaterThanOrEqual(12);
    expect(new Set(c.map((x) => x.kind))).toEqual(new Set(['generic', 'near-collinear', 'cancelling', 'span']));
    expect(Math.min(...c.map((x) => x.d))).toBe(2);
    expect(Math.max(...c.map((x) => x.d))).toBe(1e6);
  });

  test.each(GOLDEN.configurations.map((c) => [c.name, c] as const))('%s: loss and gradient within EXACT.golden', (_name, c) => {
    const g = populationLossGrad(params(c.teacher), params(c.student));
    const lossError = relativeError(g.loss, Number(c.loss));
    const golden = [...c.gradient.routers.flat(), ...c.gradient.experts.flat()].map(Number);
    const mine = [...g.routers.data, ...g.experts.data];
    expect(mine.length).toBe(golden.length);
    const gradError = Math.max(...golden.map((x, k) => relativeError(mine[k], x)));
    console.log(`${c.name} (${c.note}): loss ${g.loss} vs ${c.loss}, relative error ${lossError.toExponential(2)}; gradient ${gradError.toExponential(2)}`);
    expect(lossError, `loss ${g.loss} vs golden ${c.loss}`).toBeLessThanOrEqual(EXACT.golden);
    expect(gradError, 'largest gradient entry error').toBeLessThanOrEqual(EXACT.golden);
  });
});
