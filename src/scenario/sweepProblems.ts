import type { AnySchemaObject } from 'ajv';
import type { Scenario, Sweep } from '../generated/scenario.ts';
import { formatPath, type DataPath } from './problems.ts';
import { knownKeys, schemaAt } from './schemaAt.ts';
import { schemaProblems, type RawProblem } from './schemaProblems.ts';
import { validatorOf } from './schemas.ts';
import { scenarioSemantics } from './semantics.ts';
import type { EngineSchemas } from './optionProblems.ts';
import { closestName } from './suggest.ts';
import { fieldPath, gridPoints, gridSize, withOverrides, type GridPoint } from './sweepGrid.ts';

/** Largest number of grid points a sweep may have (before replicates). */
export const MAX_SWEEP_POINTS = 100_000;
const NOT_SWEPT = new Set(['name', 'description', '$schema', 'sweep']);

/**
 * Checks a schema-valid scenario's sweep: every axis names a field of the
 * schema (not name, description or sweep itself; no field twice), and every
 * grid point is a valid scenario (its values pass the schema and the checks
 * of scenarioSemantics, user engines' options against `schemas`). A bad value is reported at `sweep.over[i].values[j]`;
 * a problem of a combination at the value that made it. Without a sweep, the
 * scenario itself gets the semantic checks.
 */
export function sweepProblems(root: AnySchemaObject, s: Scenario, scenarioFile?: string, schemas?: EngineSchemas): RawProblem[] {
  if (!s.sweep) return scenarioSemantics(s, scenarioFile, schemas);
  const axisProblems = axesProblems(root, s.sweep);
  if (axisProblems.length) return axisProblems;
  const validate = validatorOf('scenario');
  const out: RawProblem[] = [];
  for (const point of gridPoints(s.sweep)) {
    const data = withOverrides(s, point.overrides);
    const raw = validate(data)
      ? scenarioSemantics(data as unknown as Scenario, scenarioFile, schemas)
      : schemaProblems(root, validate.errors ?? [], data);
    out.push(...raw.map((p) => toSweepValue(p, point, s.sweep as Sweep)));
  }
  return out;
}

/**
 * Problems of the sweep axes alone (unknown or unsweepable fields, a field
 * swept twice, replicates with a seed axis, too many points); usable before
 * the rest of the scenario is valid.
 */
export function axesProblems(root: AnySchemaObject, sweep: Sweep): RawProblem[] {
  const out: RawProblem[] = [];
  sweep.over.forEach((axis, i) => {
    const at: DataPath = ['sweep', 'over', i, 'field'];
    const segs = fieldPath(axis.field);
    if (NOT_SWEPT.has(segs[0])) {
      out.push({ path: at, message: `'${axis.field}' cannot be swept`, hint: 'sweep a setting such as d, student.experts or featureLearning.sgd.learningRate' });
    } else if (!schemaAt(root, segs) || segs.some((x) => x === '')) {
      out.push({ path: at, message: `no field '${axis.field}' in a scenario`, hint: suggestField(root, segs) });
    }
    const clash = sweep.over.findIndex((b, k) => k < i && overlaps(b.field, axis.field));
    if (clash >= 0) out.push({ path: at, message: `'${axis.field}' is already swept by sweep.over[${clash}] ('${sweep.over[clash].field}')`, hint: 'merge the two axes into one' });
  });
  if (sweep.replicates > 1 && sweep.over.some((a) => a.field === 'seed')) {
    out.push({ path: ['sweep', 'replicates'], message: `replicates ${sweep.replicates} together with a sweep over seed would repeat seeds`, hint: 'use either replicates or a sweep over seed' });
  }
  if (gridSize(sweep) > MAX_SWEEP_POINTS) {
    out.push({ path: ['sweep', 'over'], message: `the sweep has ${gridSize(sweep)} points, more than ${MAX_SWEEP_POINTS}`, hint: 'use fewer values or split it into several scenarios' });
  }
  return out;
}

function suggestField(root: AnySchemaObject, segs: string[]): string {
  for (let k = 0; k < segs.length; k++) {
    const parent = schemaAt(root, segs.slice(0, k));
    if (schemaAt(root, segs.slice(0, k + 1)) && segs[k] !== '') continue;
    const known = knownKeys(root, parent);
    const guess = closestName(segs[k], known);
    const prefix = segs.slice(0, k).join('.');
    if (guess) return `did you mean '${[prefix, guess].filter(Boolean).join('.')}'?`;
    return `fields ${prefix ? `under '${prefix}' ` : ''}are: ${known.join(', ') || '(none)'}`;
  }
  return 'use a dotted path such as featureLearning.sgd.learningRate';
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** Re-homes a problem of one grid point onto the sweep value responsible for it. */
function toSweepValue(p: RawProblem, point: GridPoint, sweep: Sweep): RawProblem {
  const fields = sweep.over.map((a) => fieldPath(a.field));
  const within = fields.findIndex((f) => f.every((seg, k) => p.path[k] === seg));
  if (within >= 0) {
    const rest = p.path.slice(fields[within].length);
    const valuePath: DataPath = ['sweep', 'over', within, 'values', point.valueIndex[within], ...rest];
    return { ...p, path: valuePath, at: undefined, message: `as ${[sweep.over[within].field, ...rest.map(String)].join('.')}: ${p.message}` };
  }
  const involved = [...(p.involves ?? [])];
  const culprit = fields.map((f, i) => i).reverse().find((i) => involved.some((f) => overlaps(sweep.over[i].field, f)));
  const involvedText = point.overrides
    .filter((o) => involved.length === 0 || involved.some((f) => overlaps(o.field, f)))
    .map((o) => `${o.field} = ${JSON.stringify(o.value)}`)
    .join(', ');
  const pointText = involvedText || point.overrides.map((o) => `${o.field} = ${JSON.stringify(o.value)}`).join(', ');
  if (culprit !== undefined) {
    const valuePath: DataPath = ['sweep', 'over', culprit, 'values', point.valueIndex[culprit]];
    return { path: valuePath, message: `at sweep point ${pointText}, ${formatPath(p.path)}: ${p.message}`, hint: p.hint };
  }
  return { ...p, message: `${p.message} (at sweep point ${pointText})` };
}
