import type { Alignments } from './alignment.ts';
import { matchStudents, type TeacherMatch } from './matching.ts';

/** The first time a teacher's matched student passed a threshold. */
export interface ThresholdEvent {
  teacher: number;
  student: number;
  kind: 'expert' | 'router';
  threshold: number;
  t: number;
  /**
   * The same student's other alignment with that teacher at the crossing
   * (its router alignment at an expert event, its expert alignment at a
   * router event), interpolated like `t`: how far the router still lags
   * when the expert arrives (the quantitative form of claim C2).
   */
  other?: number;
}

/**
 * The alignment of `student`'s expert or router with `teacher`'s at any time
 * between the previous observation and the current one (an engine's dense
 * output), for {@link EventTracker.observe}.
 */
export type AlignmentBetween = (kind: 'expert' | 'router', student: number, teacher: number, t: number) => number;

/**
 * Detects, for each teacher expert, the first time its matched student's
 * expert alignment and (separately) its router alignment reach `threshold`
 * (claims C1-C3). Between two observations the crossing is found on the
 * alignment of the student matched at the later one: by root finding on
 * the engine's dense output when the observation brings one (the exact
 * flow's steps), else by linear interpolation, whose time resolution is
 * that of the observations (an SGD record; with dopri5 steps of 0.05 it
 * moved event times by up to 3e-4 on the figure's run).
 */
export class EventTracker {
  private readonly found = new Map<string, ThresholdEvent>();
  private last: { t: number; matches: TeacherMatch[]; al: Alignments } | null = null;

  constructor(
    private readonly mStar: number,
    readonly threshold: number,
  ) {}

  /** Feeds one observation (with `between`, the dense output since the previous one); returns the current matching. */
  observe(t: number, al: Alignments, between?: AlignmentBetween): TeacherMatch[] {
    const matches = matchStudents(al);
    for (const mt of matches) {
      if (mt.student < 0) continue;
      for (const kind of ['expert', 'router'] as const) {
        const key = `${mt.teacher}:${kind}`;
        const value = mt[kind];
        if (this.found.has(key) || !(value >= this.threshold)) continue;
        this.found.set(key, { teacher: mt.teacher, student: mt.student, kind, threshold: this.threshold, ...this.crossing(t, mt, kind, al, between) });
      }
    }
    this.last = { t, matches, al };
    return matches;
  }

  /** All events found so far, ordered by time. */
  events(): ThresholdEvent[] {
    return [...this.found.values()].sort((a, b) => a.t - b.t || a.teacher - b.teacher);
  }

  /** True when every teacher's expert alignment has passed the threshold. */
  allExpertsPassed(): boolean {
    let n = 0;
    for (const e of this.found.values()) if (e.kind === 'expert') n++;
    return n === this.mStar;
  }

  /** True when every teacher has passed the threshold in both expert and router alignment. */
  allRecovered(): boolean {
    return this.found.size === 2 * this.mStar;
  }

  private crossing(t: number, mt: TeacherMatch, kind: 'expert' | 'router', al: Alignments, between?: AlignmentBetween): { t: number; other: number } {
    const otherNow = (kind === 'expert' ? al.router : al.expert);
    const now = otherNow.data[mt.student * otherNow.cols + mt.teacher];
    if (!this.last) return { t, other: now };
    const mat = kind === 'expert' ? this.last.al.expert : this.last.al.router;
    const otherMat = kind === 'expert' ? this.last.al.router : this.last.al.expert;
    const at = mt.student * mat.cols + mt.teacher;
    const before = mat.data[at];
    const after = mt[kind];
    if (!(after > before) || before >= this.threshold) return { t, other: now };
    const otherKind = kind === 'expert' ? 'router' : 'expert';
    if (between) {
      const g = (s: number) => between(kind, mt.student, mt.teacher, s) - this.threshold;
      const root = bracketedRoot(g, this.last.t, before - this.threshold, t, after - this.threshold);
      return { t: root, other: between(otherKind, mt.student, mt.teacher, root) };
    }
    const f = (this.threshold - before) / (after - before);
    return { t: this.last.t + f * (t - this.last.t), other: otherMat.data[at] + f * (now - otherMat.data[at]) };
  }
}

/**
 * Whether every teacher is recovered now: its matched student has expert and
 * router alignment >= threshold (claim C1's condition at one instant).
 */
export function recoveredNow(matches: readonly TeacherMatch[], threshold: number): boolean {
  return matches.every((mt) => mt.expert >= threshold && mt.router >= threshold);
}

/**
 * A root of g in [a, b] with g(a) = ga < 0 <= g(b) = gb, by regula falsi
 * with the Illinois modification (superlinear, never leaves the bracket);
 * stops when the bracket is below 1e-13 of |b| or after 60 steps.
 */
function bracketedRoot(g: (s: number) => number, a: number, ga: number, b: number, gb: number): number {
  let side = 0;
  for (let it = 0; it < 60 && b - a > 1e-13 * Math.max(1, Math.abs(b)); it++) {
    const c = b - (gb * (b - a)) / (gb - ga);
    const gc = g(c);
    if (gc >= 0) {
      b = c;
      gb = gc;
      if (side === 1) ga /= 2;
      side = 1;
    } else {
      a = c;
      ga = gc;
      if (side === -1) gb /= 2;
      side = -1;
    }
  }
  return b;
}
