import { describe, expect, it } from 'vitest';
import { fromRows } from '../core/mat.ts';
import type { Alignments } from './alignment.ts';
import { EventTracker, recoveredNow } from './events.ts';
import { matchStudents } from './matching.ts';

/** Synthetic alignments: 2 students x 2 teachers, student i matched to teacher i (given as [expert, router] per teacher). */
function al(t0: [number, number], t1: [number, number]): Alignments {
  return {
    expert: fromRows([[t0[0], 0.05], [0.05, t1[0]]]),
    router: fromRows([[t0[1], 0.01], [0.01, t1[1]]]),
  };
}

describe('EventTracker', () => {
  it('records the first crossing of each teacher and kind, linearly interpolated between observations', () => {
    const tr = new EventTracker(2, 0.9);
    tr.observe(0, al([0.1, 0.1], [0.1, 0.1]));
    tr.observe(1, al([0.5, 0.2], [0.1, 0.1]));
    tr.observe(2, al([1.0, 0.4], [0.3, 0.1])); // teacher 0 expert: 0.5 -> 1.0 crosses 0.9 at t = 1.8
    tr.observe(4, al([0.95, 0.92], [0.3, 0.1])); // teacher 0 router: 0.4 -> 0.92 crosses at 2 + 2 (0.5 / 0.52)
    tr.observe(5, al([0.5, 0.5], [0.9, 0.95])); // teacher 0 falls back: no second event; teacher 1 crosses
    const ev = tr.events(); // ordered by time
    expect(ev.map((e) => [e.teacher, e.kind, e.student])).toEqual([
      [0, 'expert', 0],
      [0, 'router', 0],
      [1, 'router', 1],
      [1, 'expert', 1],
    ]);
    expect(ev[0].t).toBeCloseTo(1.8, 14);
    expect(ev[1].t).toBeCloseTo(2 + 2 * (0.5 / 0.52), 14);
    expect(ev[2].t).toBeCloseTo(4 + (0.9 - 0.1) / 0.85, 14); // router 0.1 -> 0.95 between t = 4 and 5
    expect(ev[3].t).toBeCloseTo(5, 14); // expert 0.3 -> 0.9 reaches the threshold exactly at t = 5
    expect(ev.every((e) => e.threshold === 0.9)).toBe(true);
    expect(tr.allRecovered()).toBe(true);
    // The other alignment at the crossing, interpolated at the same fraction: the router 0.2 -> 0.4 at 0.8 of the
    // way to the expert's crossing, the expert 1.0 -> 0.95 at 0.5 / 0.52 of the way to the router's.
    expect(ev[0].other).toBeCloseTo(0.2 + 0.8 * 0.2, 14);
    expect(ev[1].other).toBeCloseTo(1.0 - (0.5 / 0.52) * 0.05, 14);
  });

  it('records nothing below the threshold, and an event at the first observation when already above', () => {
    const tr = new EventTracker(2, 0.9);
    tr.observe(0.5, al([0.95, 0.1], [0.2, 0.2]));
    tr.observe(3, al([0.99, 0.3], [0.89, 0.8999]));
    expect(tr.events()).toEqual([{ teacher: 0, student: 0, kind: 'expert', threshold: 0.9, t: 0.5, other: 0.1 }]);
    expect(tr.allRecovered()).toBe(false);
  });

  it('interpolates on the student matched at the later observation', () => {
    // Teacher 0's match switches from student 0 to student 1; student 1 went 0.3 -> 0.95.
    const tr = new EventTracker(1, 0.9);
    tr.observe(0, { expert: fromRows([[0.6], [0.3]]), router: fromRows([[0], [0]]) });
    tr.observe(1, { expert: fromRows([[0.6], [0.95]]), router: fromRows([[0], [0]]) });
    const [e] = tr.events();
    expect(e.student).toBe(1);
    expect(e.t).toBeCloseTo(0.6 / 0.65, 14);
  });

  it('skips teachers with no student (m < m*)', () => {
    const tr = new EventTracker(2, 0.5);
    tr.observe(0, { expert: fromRows([[0.9, 0.1]]), router: fromRows([[0.9, 0.1]]) });
    expect(tr.events().map((e) => e.teacher)).toEqual([0, 0]);
    expect(tr.allRecovered()).toBe(false);
  });
});

describe('recoveredNow', () => {
  it('needs every teacher matched with expert and router alignment at the threshold', () => {
    expect(recoveredNow(matchStudents(al([0.9, 0.9], [0.95, 0.99])), 0.9)).toBe(true);
    expect(recoveredNow(matchStudents(al([0.9, 0.89], [0.95, 0.99])), 0.9)).toBe(false);
    expect(recoveredNow(matchStudents(al([0.99, 0.99], [0.5, 0.99])), 0.9)).toBe(false);
  });
});
