import { describe, expect, it } from 'vitest';
import { fromRows } from '../core/mat.ts';
import { alignments } from './alignment.ts';

describe('alignments', () => {
  it('are the cosines of student against teacher directions, m x m*, whatever the row lengths', () => {
    const student = { routers: fromRows([[3, 4, 0], [0, 0, -2]]), experts: fromRows([[0, 5, 0], [1, 1, 0]]) };
    const teacher = { routers: fromRows([[1, 0, 0]]), experts: fromRows([[0, 2, 0]]) };
    const al = alignments(student, teacher);
    expect([al.router.rows, al.router.cols]).toEqual([2, 1]);
    expect(Array.from(al.router.data)).toEqual([0.6, 0]);
    expect(al.expert.data[0]).toBe(1);
    expect(al.expert.data[1]).toBeCloseTo(Math.SQRT1_2, 15);
  });
});
