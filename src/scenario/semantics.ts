import { existsSync } from 'node:fs';
import type { Scenario } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { fromRows } from '../core/mat.ts';
import { checkDirections } from '../model/validate.ts';
import { isModulePath, resolveModulePath } from './modulePath.ts';
import type { RawProblem } from './schemaProblems.ts';
import { engineKey, optionProblems, type EngineSchemas } from './optionProblems.ts';

/**
 * What the schema cannot say about a schema-valid scenario: an explicit
 * teacher has m* rows of length d, finite and non-zero, in both direction
 * lists (and only an explicit teacher has them); an orthonormal teacher fits
 * in d (d >= 2 m*, or d >= m* when routers need not be orthogonal to
 * experts); the student has at least as many experts as the teacher
 * (m >= m*); every user module named exists, relative to the scenario file;
 * `options` go only to user engines, and a user engine's options pass the
 * JSON Schema it declares (`schemas`, by engineKey; defaults filled in place).
 */
export function scenarioSemantics(s: Scenario, scenarioFile?: string, schemas?: EngineSchemas): RawProblem[] {
  return [...teacherProblems(s), ...studentProblems(s), ...(scenarioFile ? moduleProblems(s, scenarioFile) : []), ...optionsProblems(s, schemas)];
}

const STAGES = ['featureLearning', 'fineTuning'] as const;

function optionsProblems(s: Scenario, schemas: EngineSchemas | undefined): RawProblem[] {
  return STAGES.flatMap((stage): RawProblem[] => {
    const { engine, options } = s[stage];
    if (engine === 'flow' || engine === 'sgd') {
      if (!options || Object.keys(options).length === 0) return [];
      const block = stage === 'featureLearning' || engine === 'flow' ? `featureLearning.${engine}` : 'featureLearning.sgd';
      return [{
        path: [stage, 'options'], part: 'key',
        message: `options are read only by a user engine, and engine '${engine}' would ignore them`,
        hint: `move these settings to ${block}, or remove '${stage}.options'`,
      }];
    }
    const schema = schemas?.get(engineKey(engine));
    return schema ? optionProblems(schema, options, [stage, 'options']) : [];
  });
}

/**
 * m < m* is refused: every claim is about a student that can represent the
 * teacher (recovery matches each teacher expert to its own student, pruning
 * keeps m* of them), which takes m >= m* students; with fewer, some teacher
 * has no student at all and C1-C5 have nothing to measure.
 */
function studentProblems(s: Scenario): RawProblem[] {
  const m = s.student.experts;
  const mStar = s.teacher.experts;
  if (m >= mStar) return [];
  return [{
    path: ['student', 'experts'],
    involves: ['teacher.experts'],
    message: `the student has m = ${m} experts, fewer than the teacher's m* = ${mStar}: recovery needs one student per teacher expert, `
      + `so ${mStar - m} teacher expert${mStar - m === 1 ? '' : 's'} could never be matched and claims C1-C5 would have nothing to measure`,
    hint: `use student.experts >= ${mStar} (the paper's setting is moderately over-parameterised: m > m*)`,
  }];
}

function teacherProblems(s: Scenario): RawProblem[] {
  const t = s.teacher;
  const out: RawProblem[] = [];
  const lists = ['routerDirections', 'expertDirections'] as const;
  if (t.geometry !== 'explicit') {
    for (const k of lists) {
      if (t[k] !== undefined) {
        out.push({
          path: ['teacher', k],
          part: 'key',
          message: `only used with geometry 'explicit', but geometry is '${t.geometry}'`,
          hint: `set 'geometry: explicit' to use these rows, or remove '${k}'`,
        });
      }
    }
  }
  if (t.geometry === 'orthonormal') {
    const need = t.routersOrthogonalToExperts ? 2 * t.experts : t.experts;
    if (s.d < need) {
      out.push({
        path: ['teacher', 'geometry'],
        involves: ['d', 'teacher.experts', 'teacher.routersOrthogonalToExperts'],
        message: `an orthonormal teacher with m* = ${t.experts} needs d >= ${need}${t.routersOrthogonalToExperts ? ' (routers orthogonal to experts)' : ''}, found d = ${s.d}`,
        hint: `raise d, lower teacher.experts${t.routersOrthogonalToExperts ? ', set routersOrthogonalToExperts: false' : ''} or use geometry 'random'`,
      });
    }
  }
  if (t.geometry === 'explicit') for (const k of lists) out.push(...explicitRows(s, k));
  return out;
}

function explicitRows(s: Scenario, k: 'routerDirections' | 'expertDirections'): RawProblem[] {
  return explicitRowProblems(s, k).map((p) => ({ ...p, involves: ['d', 'teacher.experts', 'teacher.geometry'] }));
}

function explicitRowProblems(s: Scenario, k: 'routerDirections' | 'expertDirections'): RawProblem[] {
  const rows = s.teacher[k];
  const mStar = s.teacher.experts;
  if (rows === undefined) {
    return [{
      path: ['teacher', k],
      at: ['teacher', 'geometry'],
      message: `geometry 'explicit' needs '${k}', which is missing`,
      hint: `add '${k}:' with m* = ${mStar} rows of length d = ${s.d}, or use geometry 'orthonormal' or 'random'`,
    }];
  }
  if (rows.length !== mStar) {
    return [{
      path: ['teacher', k],
      message: `expected m* = ${mStar} rows (teacher.experts), found ${rows.length}`,
      hint: `give one row per teacher expert, or set teacher.experts to ${rows.length}`,
    }];
  }
  const bad = rows.findIndex((r) => r.length !== s.d);
  if (bad >= 0) {
    return [{
      path: ['teacher', k, bad],
      message: `expected a row of d = ${s.d} numbers, found ${rows[bad].length}`,
      hint: 'every row has one entry per input dimension',
    }];
  }
  try {
    checkDirections(`teacher.${k}`, fromRows(rows), s.d);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return [{ path: parseWhere(e.where), message: e.problem }];
  }
}

function moduleProblems(s: Scenario, file: string): RawProblem[] {
  const slots: [string[], Scenario['featureLearning']['engine']][] = [
    [['featureLearning', 'engine'], s.featureLearning.engine],
    [['pruning', 'rule'], s.pruning.rule],
    [['fineTuning', 'engine'], s.fineTuning.engine],
  ];
  const missing = (path: string[], v: string, what: string): RawProblem[] => existsSync(resolveModulePath(file, v)) ? [] : [{
    path,
    message: `${what} '${v}' not found (looked for ${resolveModulePath(file, v)})`,
    hint: 'the path is relative to the scenario file; fix it',
  }];
  return slots.flatMap(([path, v]): RawProblem[] => {
    if (typeof v === 'object') {
      return [
        ...(v.cwd !== undefined ? missing([...path, 'cwd'], v.cwd, 'working folder') : []),
        ...(v.optionsSchema !== undefined ? missing([...path, 'optionsSchema'], v.optionsSchema, 'options schema') : []),
      ];
    }
    if (!isModulePath(v) || existsSync(resolveModulePath(file, v))) return [];
    const looked = resolveModulePath(file, v);
    const hint = 'the path is relative to the scenario file; fix it or use a built-in name';
    return [{ path, message: `user module '${v}' not found (looked for ${looked})`, hint }];
  });
}

/** `teacher.routerDirections[2][5]` -> ['teacher', 'routerDirections', 2, 5]. */
export function parseWhere(where: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of where.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}
