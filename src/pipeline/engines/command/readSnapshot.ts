import { fromRows } from '../../../core/mat.ts';
import type { Snapshot } from '../snapshotRecorder.ts';

/** What a snapshot line must match: the student's shape and the stage's horizon. */
export interface SnapshotShape {
  /** Students m (rows of routers and experts). */
  m: number;
  /** Row length d. */
  d: number;
  /** The stage horizon: t must lie in [0, time]. */
  time: number;
  /** The previous snapshot's time (t must be larger), or null for the first. */
  previous: number | null;
}

/** A line of a program's output that is not a valid snapshot: what is wrong and how to fix it. */
export class SnapshotLineError extends Error {
  constructor(readonly problem: string, readonly fix: string) {
    super(`${problem}; ${fix}`);
    this.name = 'SnapshotLineError';
  }
}

const EXAMPLE = 'print(json.dumps({"t": t, "student": {"routers": V.tolist(), "experts": W.tolist()}}), flush=True)';

/**
 * Parses one line of an engine program's standard output (protocol
 * moe-repro-engine/1, docs/engine-protocol.md): a JSON object with `t` (a
 * finite number in [0, time], larger than the previous snapshot's), `student`
 * ({routers, experts}: m rows of d finite numbers each, no zero row), and
 * optionally `loss` (the program's own finite loss) and `step` (an integer
 * >= 0). Anything else throws a SnapshotLineError saying what and how to fix
 * it; non-finite numbers (Python's json.dumps writes NaN and Infinity, which
 * are not JSON) get their own message, since they mean the training diverged.
 */
export function readSnapshot(line: string, shape: SnapshotShape): Snapshot {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    if (/(^|[^A-Za-z"])(NaN|-?Infinity)([^A-Za-z"]|$)/.test(line)) {
      bad(
        'the line holds NaN or Infinity (not JSON numbers): the training diverged or a value overflowed',
        'lower the learning rate or check the update; write only finite numbers',
      );
    }
    bad(`not JSON (${(e as Error).message})`, `write one JSON object per line on stdout, e.g. ${EXAMPLE}, and send logs to stderr`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    bad(`expected a JSON object {t, student}, found ${JSON.stringify(v).slice(0, 60)}`, `write one snapshot object per line, e.g. ${EXAMPLE}`);
  }
  const o = v as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['t', 'student', 'loss', 'step'].includes(k));
  if (unknown.length) bad(`unknown key${unknown.length > 1 ? 's' : ''} ${quoted(unknown)}`, 'a snapshot has only t, student, and optionally loss and step');
  const t = time(o.t, shape);
  const student = params(o.student, shape);
  const out: Snapshot = { t, student };
  if (o.loss !== undefined) {
    if (typeof o.loss !== 'number' || !Number.isFinite(o.loss)) bad(
      `loss must be a finite number, found ${JSON.stringify(o.loss)}`,
      'write the loss as a number, or leave it out',
    );
    out.loss = o.loss;
  }
  if (o.step !== undefined) {
    if (!Number.isInteger(o.step) || (o.step as number) < 0) bad(
      `step must be an integer >= 0, found ${JSON.stringify(o.step)}`,
      'write the step count as an integer, or leave it out',
    );
    out.step = o.step as number;
  }
  return out;
}

function bad(problem: string, fix: string): never {
  throw new SnapshotLineError(problem, fix);
}

function quoted(keys: string[]): string {
  return keys.map((k) => `'${k}'`).join(', ');
}

function time(t: unknown, shape: SnapshotShape): number {
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    bad(`t must be a finite number, found ${JSON.stringify(t)}`, 'write the time since the start of the stage as "t" (flow time: steps x learning rate)');
  }
  if (t < 0 || t > shape.time * (1 + 1e-9)) {
    bad(`t = ${t} is outside the stage's [0, ${shape.time}]`, 'stop at the horizon "time" of the problem; t is flow time (steps x learning rate)');
  }
  if (shape.previous !== null && !(t > shape.previous)) {
    bad(`t = ${t} does not increase (the previous snapshot had t = ${shape.previous})`, 'write snapshots in increasing time, each at most once');
  }
  return t;
}

function params(p: unknown, shape: SnapshotShape): Snapshot['student'] {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) bad(
    'student must be an object {"routers": [[...]], "experts": [[...]]}',
    'write both matrices as lists of rows',
  );
  const o = p as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== 'routers' && k !== 'experts');
  if (extra.length) bad(`student has unknown key${extra.length > 1 ? 's' : ''} ${quoted(extra)}`, 'student has exactly routers and experts');
  return { routers: rows(o.routers, 'routers', shape), experts: rows(o.experts, 'experts', shape) };
}

function rows(value: unknown, name: string, { m, d }: SnapshotShape) {
  const where = `student.${name}`;
  if (!Array.isArray(value)) {
    const found = value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 40);
    bad(`${where} must be a list of ${m} rows, found ${found}`, `write ${where} as m x d nested lists (numpy: .tolist())`);
  }
  if (value.length !== m) bad(
    `${where} has ${value.length} rows, expected m = ${m} (the problem's student)`,
    'keep every student row, in the order of the problem',
  );
  value.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== d) {
      const found = Array.isArray(r) ? `${r.length} entries` : `no list (${JSON.stringify(r)})`;
      bad(`${where}[${i}] has ${found}, expected d = ${d}`, 'write full rows of length d in the problem\'s coordinates');
    }
    const k = r.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
    if (k >= 0) bad(`${where}[${i}][${k}] is ${JSON.stringify(r[k])}, not a finite number`, 'write only finite numbers');
    if (r.every((x: number) => x === 0)) bad(
      `${where}[${i}] is the zero vector, which has no direction`,
      'keep every row non-zero (the model uses only directions)',
    );
  });
  return fromRows(value as number[][]);
}
