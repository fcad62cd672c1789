import { parse } from 'yaml';
import { InputError } from '../core/errors.ts';
import { formatPath, type DataPath, type Problem } from './problems.ts';
import { fieldPath } from './sweepGrid.ts';

/**
 * One `--set FIELD=VALUE` of the command line: the dotted field, its value
 * read as YAML (`120` a number, `true` a boolean, `[1, 2]` a list, `dopri5`
 * a string, `'7'` the string 7), and where each part sits in the argument
 * (1-based columns), so a problem points at the key or at the value.
 */
export interface CommandLineOverride {
  /** The argument as typed, e.g. `featureLearning.time=120`. */
  readonly text: string;
  readonly field: string;
  readonly path: string[];
  readonly value: unknown;
  /** Column of each segment of the field path in `text`. */
  readonly keyColumns: number[];
  /** Column of the value in `text`. */
  readonly valueColumn: number;
}

/**
 * Reads `FIELD=VALUE` (the first `=` splits). A missing `=`, an empty
 * field or empty segment (`a..b`), or a value that is not valid YAML is an
 * InputError naming the argument.
 */
export function parseOverride(text: string): CommandLineOverride {
  const eq = text.indexOf('=');
  const where = `--set ${text}`;
  if (eq <= 0) throw new InputError(where, 'expected FIELD=VALUE, e.g. --set featureLearning.time=120 or --set student.experts=30');
  const field = text.slice(0, eq);
  const path = fieldPath(field);
  if (path.some((s) => s === '')) {
    throw new InputError(
      where,
      `'${field}' has an empty segment; write the dotted path of a field, e.g. featureLearning.flow.method`,
    );
  }
  const keyColumns: number[] = [];
  let col = 1;
  for (const seg of path) {
    keyColumns.push(col);
    col += seg.length + 1;
  }
  let value: unknown;
  try {
    value = parse(text.slice(eq + 1));
  } catch (e) {
    throw new InputError(where, `the value is not valid YAML (${(e as Error).message.split('\n')[0]}); quote a string, e.g. --set 'name="my-run"'`);
  }
  return { text, field, path, value: value ?? null, keyColumns, valueColumn: eq + 2 };
}

/**
 * A copy of raw scenario data with every override set, in order
 * (intermediate mappings created where absent, so an unknown field reaches
 * the schema check and is reported as an unknown key of the override).
 */
export function applyOverrides(data: unknown, overrides: readonly CommandLineOverride[]): unknown {
  if (!overrides.length) return data;
  const out = (data !== null && typeof data === 'object' && !Array.isArray(data) ? structuredClone(data) : {}) as Record<string, unknown>;
  for (const o of overrides) {
    let cur = out;
    for (const seg of o.path.slice(0, -1)) {
      const next = cur[seg];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[seg] = {};
      cur = cur[seg] as Record<string, unknown>;
    }
    cur[o.path[o.path.length - 1]] = structuredClone(o.value);
  }
  return out;
}

/**
 * The override responsible for a problem at `path`, if any: the last one
 * whose field is the path, lies under it (an unknown key it created) or
 * contains it (a bad element of a list it set). Returns the problem placed
 * in that argument (`--set FIELD=VALUE:1:COL`), at the key segment the
 * problem is about or at the value.
 */
export function overrideProblem(
  overrides: readonly CommandLineOverride[], path: DataPath, message: string, hint?: string, part: 'key' | 'value' = 'value',
): Problem | undefined {
  const segs = path.map(String);
  for (let k = overrides.length - 1; k >= 0; k--) {
    const o = overrides[k];
    const n = Math.min(o.path.length, segs.length);
    if (!o.path.slice(0, n).every((s, i) => s === segs[i])) continue;
    const onKey = segs.length > 0 && segs.length <= o.path.length && (part === 'key' || segs.length < o.path.length);
    const column = onKey ? o.keyColumns[segs.length - 1] : o.valueColumn;
    return { path: formatPath(path), message, hint, line: 1, column, source: `--set ${o.text}` };
  }
  return undefined;
}

/**
 * The override that a problem elsewhere depends on (a field it `involves`,
 * e.g. `d` for an orthonormal teacher that does not fit), placed at that
 * override's value; undefined when it involves none.
 */
export function involvedOverride(
  overrides: readonly CommandLineOverride[], path: DataPath, involves: readonly string[] | undefined, message: string, hint?: string,
): Problem | undefined {
  const o = [...overrides].reverse().find((x) => involves?.some((f) => f === x.field || f.startsWith(`${x.field}.`) || x.field.startsWith(`${f}.`)));
  return o ? { path: formatPath(path), message, hint, line: 1, column: o.valueColumn, source: `--set ${o.text}` } : undefined;
}
