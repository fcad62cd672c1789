import { InputError } from '../core/errors.ts';

/** A path into a parsed file: mapping keys and list indices. */
export type DataPath = readonly (string | number)[];

/** One problem found in an input file, located where the file has a position for it. */
export interface Problem {
  /** Field path as shown to the user, e.g. `featureLearning.sgd.learningRate`. */
  readonly path: string;
  /** What was expected and what was found. */
  readonly message: string;
  /** How to fix it (optional). */
  readonly hint?: string;
  /** 1-based line and column in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  /** Where it is when not in the file itself, e.g. `--set student.experts=0` (then line 1, column in that argument). */
  readonly source?: string;
}

/**
 * `featureLearning.sgd.learningRate`, `student.routers[3]`, `sweep.over[0].values[2]`;
 * the empty path is `(top level)`. Keys that are not identifiers are quoted.
 */
export function formatPath(path: DataPath): string {
  if (path.length === 0) return '(top level)';
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/** `FILE:LINE:COL: PATH: MESSAGE; HINT` (position left out when unknown). */
export function formatProblem(file: string, p: Problem): string {
  const at = p.line !== undefined ? `${p.source ?? file}:${p.line}:${p.column ?? 1}` : (p.source ?? file);
  return `${at}: ${p.path}: ${p.message}${p.hint ? `; ${p.hint}` : ''}`;
}

/** At most this many problems are printed (all are kept in `problems`). */
export const MAX_SHOWN = 50;

/**
 * Every problem found in one input file. Its message has one line per problem
 * in the `FILE:LINE:COL: PATH: expected ..., found ...; fix` form, so the CLI
 * (which prints InputError messages and exits 2) shows them all at once.
 */
export class FileProblemsError extends InputError {
  constructor(
    /** The file, as the user named it. */
    readonly file: string,
    /** The problems, in file order. */
    readonly problems: readonly Problem[],
  ) {
    const lines = problems.slice(0, MAX_SHOWN).map((p) => formatProblem(file, p));
    if (problems.length > MAX_SHOWN) lines.push(`${file}: ... and ${problems.length - MAX_SHOWN} more problems`);
    super(file, lines.join('\n'));
    this.message = lines.join('\n');
    this.name = 'FileProblemsError';
  }
}

/** Sorts problems by position (unknown positions last) and drops exact repeats. */
export function tidyProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = formatProblem('', p);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  // Problems of command-line overrides come after those of the file, in argument order.
  const pos = (p: Problem) => (p.source ? 2e15 : p.line === undefined ? 1e15 : p.line * 1e6 + (p.column ?? 0));
  return out.map((p, i) => ({ p, i })).sort((a, b) => pos(a.p) - pos(b.p) || a.i - b.i).map((x) => x.p);
}
