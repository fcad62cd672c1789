import { describe, expect, test } from 'vitest';
import { fromRows } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { groupNormSquared, kernelMatrix } from '../../population/kernelMatrix.ts';
import { cancelGroups } from './cancelGroups.ts';
import type { PruningDecision } from './rule.ts';

/** The scenario default of pruning.cancelTolerance (schemas/scenario.schema.json). */
const TOL = 1e-6;
const D = 8;
const unit = (k: number) => Array.from({ length: D }, (_, i) => (i === k ? 1 : 0));
const add = (a: number[], b: number[], ca: number, cb: number) => a.map((x, i) => ca * x + cb * b[i]);

/** Orthonormal teacher of m* = 2 in R^8: routers e0, e1, experts e2, e3. */
const TEACHER: MoeParams = { routers: fromRows([unit(0), unit(1)]), experts: fromRows([unit(2), unit(3)]) };
/** Students 0 and 1: copies of the teacher's experts. */
const COPIES = { r: [unit(0), unit(1)], e: [unit(2), unit(3)] };

function student(extra: { r: number[][]; e: number[][] }): MoeParams {
  return { routers: fromRows([...COPIES.r, ...extra.r]), experts: fromRows([...COPIES.e, ...extra.e]) };
}

function prune(s: MoeParams, tolerance = TOL): { kernel: ReturnType<typeof kernelMatrix>; decision: PruningDecision } {
  const kernel = kernelMatrix(s);
  return { kernel, decision: cancelGroups.prune({ teacher: TEACHER, student: s, kernel, cancelTolerance: tolerance, threshold: 0.9 }) as PruningDecision };
}

/*
 * cancel-groups on each side of its cancel tolerance. A rule that removed
 * pairs whose outputs do not cancel (say with the tolerance 10^6 times too
 * large) would take a teacher's own copy with a near-miss partner.
 */
describe('cancel-groups on each side of its cancel tolerance', () => {
  test('a near-miss pair (||f_i + f_j||^2 1000x the tolerance) is not a cancelling pair: the teacher copy in it is kept', () => {
    // Student 2 shares teacher 0's router; its expert is -w*_0 turned by 0.015 rad towards e4.
    const theta = 0.015;
    const s = student({ r: [unit(0)], e: [add(unit(2), unit(4), -Math.cos(theta), -Math.sin(theta))] });
    const { kernel, decision } = prune(s);
    const n2 = groupNormSquared(kernel, [0, 2]);
    // Well above the tolerance, and well below 10^6 times it: the case a too-loose tolerance gets wrong.
    expect(n2).toBeGreaterThan(100 * TOL);
    expect(n2).toBeLessThan(1e-2 * 1e6 * TOL);
    expect(decision.kept).toEqual([0, 1]);
    expect(decision.removed).toHaveLength(1);
    expect(decision.removed[0].student).toBe(2);
    expect(decision.removed[0].reason).toMatch(/^matched to no teacher and not cancelled/);
  });

  test('a pair just below the tolerance (1/100 of it) is removed as a cancelling pair', () => {
    const theta = 1.5e-5; // ||f_i + f_j||^2 ~ 5 theta^2 ~ 1e-9
    const s = student({ r: [unit(4), unit(4)], e: [unit(5), add(unit(5), unit(6), -Math.cos(theta), -Math.sin(theta))] });
    const { kernel, decision } = prune(s);
    expect(groupNormSquared(kernel, [2, 3])).toBeLessThan(TOL / 100);
    expect(decision.kept).toEqual([0, 1]);
    expect(decision.removed.map((r) => [r.student, r.group])).toEqual([[2, [3]], [3, [2]]]);
    expect(decision.removed[0].reason).toMatch(/^cancelling pair/);
  });

  // Five students sharing a router, experts at the vertices of a regular pentagon: no two of them
  // cancel, but the five do (He3 of a unit direction is linear in its third tensor power, and the
  // pentagon's cos(phi), sin(phi), cos(3 phi), sin(3 phi) each sum to zero).
  const pentagon = (turn: number) => ({
    r: Array.from({ length: 5 }, () => unit(4)),
    e: Array.from({ length: 5 }, (_, k) => {
      const phi = (2 * Math.PI * k) / 5 + (k === 0 ? turn : 0);
      return add(unit(5), unit(6), Math.cos(phi), Math.sin(phi));
    }),
  });

  test('an unmatched group whose summed output cancels (a pentagon of five) is removed as one cancelling group', () => {
    const { kernel, decision } = prune(student(pentagon(0)));
    expect(groupNormSquared(kernel, [2, 3, 4, 5, 6])).toBeLessThan(TOL / 100);
    expect(decision.kept).toEqual([0, 1]);
    expect(decision.removed.map((r) => r.student)).toEqual([2, 3, 4, 5, 6]);
    for (const r of decision.removed) expect(r.reason).toMatch(/^cancelling group of 5 unmatched students/);
  });

  test('the same group with one vertex turned by 0.02 rad (||sum f||^2 far above the tolerance) is removed student by student, as not cancelled', () => {
    const { kernel, decision } = prune(student(pentagon(0.02)));
    expect(groupNormSquared(kernel, [2, 3, 4, 5, 6])).toBeGreaterThan(100 * TOL);
    expect(decision.kept).toEqual([0, 1]);
    for (const r of decision.removed) expect(r.reason).toMatch(/^matched to no teacher and not cancelled/);
  });
});
