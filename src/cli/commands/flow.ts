import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { DEFAULT_ATOL, DEFAULT_RTOL, FLOW_METHODS, integrateFlow, type FlowMethod, type FlowOptions, type FlowResult } from '../../dynamics/flow/integrateFlow.ts';
import { DEFAULT_PAIR_KERNEL, PAIR_KERNELS, type PairKernelName } from '../../population/kernel/pairKernels.ts';
import { integrateReducedFlow } from '../../dynamics/flow/reducedFlow.ts';
import { alignments } from '../../measure/alignment.ts';
import { InputError } from '../../core/errors.ts';
import { toRows } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { loadParamsFile } from '../../scenario/loadParams.ts';
import { integerFlag } from './loss.ts';

interface FlowFlags {
  time: string;
  method: string;
  rtol?: string;
  atol?: string;
  step?: string;
  kernel: string;
  nodes?: string;
  reduced?: boolean;
  threshold: string;
  stopWhenRecovered?: boolean;
  records?: boolean;
}

/**
 * `moe-repro flow PARAMS.json --time T [--method auto|dopri5|exprb43|rkc|rk4] [--rtol R]
 * [--atol A] [--step H] [--kernel moment-table|gauss-hermite] [--nodes N] [--reduced | --no-reduced]`: gradient
 * flow on the exact population loss from the student in PARAMS.json (rows
 * normalised on read), so a user can start the flow from their own
 * initialisation. By default it integrates in the span of the initial and
 * teacher directions (src/dynamics/flow/reducedFlow.ts: the same flow, at a cost
 * independent of d); --no-reduced integrates in R^d. Prints one JSON object:
 * loss at the final time, the final `student` in the PARAMS layout (rows in
 * R^d), `router_alignment` and `expert_alignment` (m x m*), threshold
 * events, recovery time, steps, gradient evaluations, wall seconds (and
 * every record with --records).
 */
export function register(program: Command): Command {
  return program
    .command('flow')
    .argument('<params>', 'parameter file {"d", "teacher": {routers, experts}, "student": {routers, experts}}')
    .requiredOption('--time <T>', 'flow-time horizon')
    .option('--method <name>', `integrator: ${FLOW_METHODS.join(', ')}`, 'auto')
    .option('--rtol <r>', `relative tolerance per step (adaptive methods; default ${DEFAULT_RTOL})`)
    .option('--atol <a>', `absolute tolerance per step (adaptive methods; default ${DEFAULT_ATOL})`)
    .option('--step <h>', 'fixed step (rk4; default 0.01)')
    .option('--kernel <name>', `pair kernel of the loss: ${PAIR_KERNELS.join(', ')}`, DEFAULT_PAIR_KERNEL)
    .option('--nodes <n>', 'Gauss-Hermite nodes per dimension of the loss quadrature (--kernel gauss-hermite)')
    .option('--reduced', 'integrate in the span of the initial and teacher directions (default)')
    .option('--no-reduced', 'integrate in R^d (same flow; cost grows with d)')
    .option('--threshold <a>', 'alignment threshold of the events', '0.9')
    .option('--stop-when-recovered', 'stop as soon as every teacher is recovered (expert and router alignment >= threshold)')
    .option('--records', 'include every record (time, loss, alignment matrices) in the output')
    .action((file: string, flags: FlowFlags) => {
      const opts = flowOptions(flags);
      const { d, teacher, student } = loadParamsFile(file);
      const reduced = flags.reduced !== false;
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'flow [{bar}] t = {value}/{total} | loss {loss}', etaBuffer: 50 }) : null;
      bar?.start(opts.time, 0, { loss: '' });
      opts.onProgress = bar ? (t, _T, loss) => bar.update(Number(t.toPrecision(4)), { loss: loss.toExponential(3) }) : undefined;
      const start = performance.now();
      let result: FlowResult & { rank?: number };
      try {
        result = withFlagNames(() => (reduced ? integrateReducedFlow(teacher, student, opts) : integrateFlow(teacher, student, opts)));
      } finally {
        bar?.stop();
      }
      const wall = (performance.now() - start) / 1000;
      process.stdout.write(JSON.stringify(summary(d, opts.method!, reduced, result, teacher, wall, flags.records ?? false)) + '\n');
    });
}

function flowOptions(f: FlowFlags): FlowOptions {
  if (!(FLOW_METHODS as readonly string[]).includes(f.method)) {
    throw new InputError('--method', `unknown method '${f.method}'; use one of ${FLOW_METHODS.join(', ')}`);
  }
  if (!(PAIR_KERNELS as readonly string[]).includes(f.kernel)) {
    throw new InputError('--kernel', `unknown pair kernel '${f.kernel}'; use one of ${PAIR_KERNELS.join(', ')}`);
  }
  const nodes = f.nodes === undefined ? undefined : integerFlag('--nodes', f.nodes);
  if (nodes !== undefined && (nodes < 1 || nodes > 160)) throw new InputError('--nodes', `must be an integer in [1, 160], found ${nodes}`);
  return {
    time: positive('--time', f.time),
    method: f.method as FlowMethod,
    rtol: f.rtol === undefined ? undefined : positive('--rtol', f.rtol),
    atol: f.atol === undefined ? undefined : positive('--atol', f.atol),
    step: f.step === undefined ? undefined : positive('--step', f.step),
    pairKernel: f.kernel as PairKernelName,
    quadratureNodes: nodes,
    threshold: numberFlag('--threshold', f.threshold),
    stopWhenRecovered: f.stopWhenRecovered ?? false,
  };
}

function summary(d: number, method: string, reduced: boolean, r: FlowResult & { rank?: number }, teacher: MoeParams, wall: number, withRecords: boolean) {
  const al = alignments(r.student, teacher);
  return {
    method,
    reduced,
    ...(reduced ? { rank: r.rank } : {}),
    d,
    time: r.t,
    loss: r.loss,
    student: { routers: toRows(r.student.routers), experts: toRows(r.student.experts) },
    router_alignment: toRows(al.router),
    expert_alignment: toRows(al.expert),
    events: r.events,
    recovery_time: r.recoveryTime,
    stopped_by: r.stoppedBy,
    steps: r.steps,
    rejected: r.rejected,
    gradient_evaluations: r.gradientEvaluations,
    norm_drift: r.normDrift,
    wall_seconds: wall,
    ...(withRecords ? { records: r.records } : {}),
  };
}

/** The flow's option errors (flow.time, ...) name the command-line flag instead. */
function withFlagNames<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError && e.where.startsWith('flow.')) throw new InputError(`--${e.where.slice(5)}`, e.problem);
    throw e;
  }
}

function numberFlag(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new InputError(flag, `expected a number, found '${text}'`);
  return v;
}

function positive(flag: string, text: string): number {
  const v = numberFlag(flag, text);
  if (!(v > 0)) throw new InputError(flag, `must be > 0, found ${v}`);
  return v;
}
