/**
 * Example of a user's own training engine: heavy-ball momentum on the exact
 * population gradient, on the unit spheres. A scenario names it with
 * `engine: ./momentum-engine.ts`; the pipeline then prunes, fine-tunes and
 * judges claims C1-C6 for it exactly as for the built-in engines.
 *
 * The contract (the public API `moe-repro/engine`, which a module anywhere on
 * disk imports by that name): export a TrainingEngine as `engine` or
 * `default`, i.e. { name, train(input) => Promise<output> } returning the
 * records (time, loss, alignment matrices), the threshold events, the final
 * student and its loss, and optionally an `optionsSchema` (JSON Schema) that
 * the scenario's `options` block is checked against, defaults filled in.
 */
import {
  alignments, EventTracker, lift, normalizeRows, populationLossGrad, recoveredNow, spanCoordinates, toRows,
  type TrainingEngine, type TrainingInput, type TrainingOutput, type TrainingRecord,
} from 'moe-repro/engine';

/** The options, as checked and defaulted by `optionsSchema`. */
interface MomentumOptions {
  learningRate: number;
  momentum: number;
  quadratureNodes: number;
}

export const engine: TrainingEngine = {
  name: 'momentum (example)',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      learningRate: { type: 'number', exclusiveMinimum: 0, default: 0.05, description: 'Step size (flow time advances by it per step).' },
      momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.5, description: 'Momentum coefficient beta in [0, 1).' },
      quadratureNodes: { type: 'integer', minimum: 2, maximum: 160, default: 24, description: 'Gauss-Hermite nodes of the exact loss.' },
    },
  },
  async train(input: TrainingInput): Promise<TrainingOutput> {
    const { learningRate: lr, momentum: beta, quadratureNodes } = input.settings as unknown as MomentumOptions;
    // Work in the span of the teacher's and initial student's directions (it is invariant).
    const mats = [input.teacher.routers, input.teacher.experts, input.student.routers, input.student.experts].map(normalizeRows);
    const { basis, coords } = spanCoordinates(mats);
    const teacher = { routers: coords[0], experts: coords[1] };
    let student = { routers: coords[2], experts: coords[3] };
    const velocity = [new Float64Array(coords[2].data.length), new Float64Array(coords[3].data.length)];
    const steps = Math.round(input.time / lr);
    const every = Math.max(1, Math.floor(steps / input.uniformPoints));
    const tracker = new EventTracker(teacher.routers.rows, input.threshold);
    const records: TrainingRecord[] = [];
    let recoveryTime: number | null = null;
    let loss = NaN;
    let k = 0;
    for (; k <= steps; k++) {
      const g = populationLossGrad(teacher, student, { nodes: quadratureNodes });
      loss = g.loss;
      if (!Number.isFinite(loss)) throw new Error(`momentum engine: loss ${loss} at step ${k}`);
      const t = k * lr;
      const al = alignments(student, teacher);
      const matches = tracker.observe(t, al);
      if (recoveryTime === null && recoveredNow(matches, input.threshold)) recoveryTime = t;
      if (k % every === 0 || k === steps) records.push({ t, step: k, loss, router: toRows(al.router), expert: toRows(al.expert) });
      input.onProgress?.(k / steps, `step ${k}/${steps} loss=${loss.toExponential(2)}`);
      if (k === steps || (input.stopWhenRecovered && recoveryTime !== null) || (input.targetLoss !== undefined && loss <= input.targetLoss)) break;
      // v <- beta v - lr g; x <- normalize(x + v) (g is already tangent to the spheres).
      const next = [g.routers, g.experts].map((grad, part) => {
        const x = part === 0 ? student.routers : student.experts;
        const v = velocity[part];
        const data = new Float64Array(x.data.length);
        for (let i = 0; i < data.length; i++) {
          v[i] = beta * v[i] - lr * grad.data[i];
          data[i] = x.data[i] + v[i];
        }
        return normalizeRows({ rows: x.rows, cols: x.cols, data });
      });
      student = { routers: next[0], experts: next[1] };
    }
    return {
      records, events: tracker.events(), recoveryTime, loss, t: k * lr, steps: k,
      student: { routers: lift(student.routers, basis), experts: lift(student.experts, basis) },
      method: `heavy-ball lr=${lr} beta=${beta}`,
    };
  },
};
