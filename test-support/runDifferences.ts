/** What two runs of the same flow are compared on: records (alignment matrices at times) and threshold events. */
export interface ComparableRun {
  readonly records: readonly { readonly t: number; readonly router: readonly (readonly number[])[]; readonly expert: readonly (readonly number[])[] }[];
  readonly events: readonly { readonly teacher: number; readonly kind: string; readonly student: number; readonly t: number }[];
}

/** The largest differences between two runs, the second taken as the reference. */
export interface RunDifferences {
  /** Records at times both runs have. */
  records: number;
  /** Largest |difference| of a router or expert alignment at those records. */
  alignment: number;
  /** Largest |difference| of an event time (events matched by teacher, kind and student), absolute and relative to the reference's. */
  eventAbs: number;
  eventRel: number;
  /** Both runs have the same events. */
  sameEvents: boolean;
}

/**
 * How far run `a` is from run `b` (used by the bench's old-vs-new figure run
 * and by tools/flowTolerance.ts against its tight reference).
 */
export function runDifferences(a: ComparableRun, b: ComparableRun): RunDifferences {
  const byT = new Map(b.records.map((r) => [r.t, r]));
  let alignment = 0, records = 0;
  for (const r of a.records) {
    const o = byT.get(r.t);
    if (!o) continue;
    records++;
    for (const k of ['router', 'expert'] as const) r[k].forEach((row, i) => row.forEach((v, j) => (alignment = Math.max(alignment, Math.abs(v - o[k][i][j])))));
  }
  const key = (e: ComparableRun['events'][number]) => `${e.teacher}:${e.kind}:${e.student}`;
  const times = new Map(b.events.map((e) => [key(e), e.t]));
  let eventAbs = 0, eventRel = 0;
  for (const e of a.events) {
    const t = times.get(key(e));
    if (t === undefined) continue;
    eventAbs = Math.max(eventAbs, Math.abs(e.t - t));
    eventRel = Math.max(eventRel, Math.abs(e.t - t) / t);
  }
  return { records, alignment, eventAbs, eventRel, sameEvents: a.events.length === b.events.length && a.events.every((e) => times.has(key(e))) };
}
