import { readFileSync } from 'node:fs';
import type { ParamsFile } from '../generated/params.ts';
import { InputError } from '../core/errors.ts';
import { fromRows, normalizeRows, type Mat } from '../core/mat.ts';
import type { MoeParams, TeacherStudent } from '../model/params.ts';
import { checkDirections } from '../model/validate.ts';
import { FileProblemsError, tidyProblems, type Problem } from './problems.ts';
import { schemaProblems, type RawProblem } from './schemaProblems.ts';
import { schemaOf, validatorOf } from './schemas.ts';
import { parseWhere } from './semantics.ts';
import { locatedProblem, parseYamlSource, type YamlSource } from './yamlSource.ts';

/**
 * Reads a parameter file (schemas/params.schema.json):
 * `{"d": D, "teacher": {"routers": [[..]], "experts": [[..]]}, "student": {...}}`.
 * See parseParams for the checks. Rows are normalised on read (the model
 * only uses directions v/|v|, w/|w|).
 */
export function loadParamsFile(path: string): TeacherStudent {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read the parameter file (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path`);
  }
  return parseParams(text, path);
}

/**
 * Parses parameter JSON as if read from `fileName`. Checks the schema
 * (integer d >= 2, the two MoEs, numbers only, no unknown keys), then what it
 * cannot say: every row has d entries, all finite, none zero, and each MoE
 * has as many routers as experts. Every problem is reported with the file,
 * line:column and JSON path (e.g. `student.routers[3]`) in one
 * FileProblemsError (an InputError).
 */
export function parseParams(text: string, fileName: string): TeacherStudent {
  let data: unknown;
  let jsonError: string | undefined;
  let src: YamlSource | undefined;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // JSON.parse gives no reliable position; the YAML parser (JSON is YAML) locates the fault.
    jsonError = (e as Error).message;
    src = parseYamlSource(text);
    if (src.syntaxProblems.length) throw new FileProblemsError(fileName, tidyProblems(src.syntaxProblems));
    data = src.doc.toJS();
  }
  const source = () => (src ??= parseYamlSource(text));
  const validate = validatorOf('params');
  const raw = validate(data) ? shapeProblems(data as ParamsFile) : schemaProblems(schemaOf('params'), validate.errors ?? [], data);
  const problems: Problem[] = raw.map((p) => locatedProblem(source(), p.path, p.message, p.hint, p.part, p.at));
  if (jsonError !== undefined) {
    problems.push({ path: '(syntax)', message: `not valid JSON (${jsonError})`, hint: 'parameter files are JSON: no comments, NaN, trailing commas or single quotes' });
  }
  if (problems.length) throw new FileProblemsError(fileName, tidyProblems(problems));
  const p = data as ParamsFile;
  return { d: p.d, teacher: toParams(p.teacher), student: toParams(p.student) };
}

function shapeProblems(p: ParamsFile): RawProblem[] {
  const out: RawProblem[] = [];
  for (const who of ['teacher', 'student'] as const) {
    for (const part of ['routers', 'experts'] as const) out.push(...rowProblems(p, who, part));
    const { routers, experts } = p[who];
    if (routers.length !== experts.length) {
      out.push({
        path: [who],
        part: 'key',
        message: `expected as many routers as experts (one of each per expert), found ${routers.length} routers and ${experts.length} experts`,
        hint: `give the ${who} the same number of rows in 'routers' and 'experts'`,
      });
    }
  }
  return out;
}

function rowProblems(p: ParamsFile, who: 'teacher' | 'student', part: 'routers' | 'experts'): RawProblem[] {
  const rows = p[who][part];
  const bad = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.length !== p.d);
  if (bad.length) {
    return bad.map(({ r, i }) => ({
      path: [who, part, i],
      message: `expected a row of d = ${p.d} numbers, found ${r.length}`,
      hint: `every row has one entry per input dimension; fix the row or 'd'`,
    }));
  }
  try {
    checkDirections(`${who}.${part}`, fromRows(rows), p.d);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return [{ path: parseWhere(e.where), message: e.problem }];
  }
}

function toParams(m: { routers: number[][]; experts: number[][] }): MoeParams {
  const unit = (rows: number[][]): Mat => normalizeRows(fromRows(rows));
  return { routers: unit(m.routers), experts: unit(m.experts) };
}
