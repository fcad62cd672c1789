import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { toRows } from '../../core/mat.ts';
import { DEFAULT_SAMPLES, evaluateLoss, lossMethod, lossMethodNames, type LossEvaluation } from '../../population/methods.ts';
import { DEFAULT_NODES } from '../../population/quadrature.ts';
import { DEFAULT_PAIR_KERNEL, PAIR_KERNELS } from '../../population/kernel/pairKernels.ts';
import { loadParamsFile } from '../../scenario/loadParams.ts';

interface LossFlags {
  method: string;
  samples: string;
  seed: string;
  kernel: string;
  nodes: string;
  gradient?: boolean;
}

/**
 * `moe-repro loss PARAMS.json [--method quadrature|monte-carlo] [--samples N]
 * [--seed S] [--kernel moment-table|gauss-hermite] [--nodes N] [--gradient]`: the population loss
 * L = 1/2 E[(f(x) - f*(x))^2], x ~ N(0, I_d), of the student in PARAMS.json
 * against its teacher (rows normalised on read). Prints one JSON object:
 * {method, loss, stderr (Monte Carlo), samples (Monte Carlo), kernel
 * (quadrature), nodes (kernel gauss-hermite), d, m, m_star, gradient: {routers, experts} (with
 * --gradient: the gradient at the normalised rows, tangent to the unit
 * spheres)}. Methods come from the registry in src/population/methods.ts;
 * an unknown one is refused with the list of known ones.
 */
export function register(program: Command): Command {
  return program
    .command('loss')
    .argument('<params>', 'parameter file {"d", "teacher": {routers, experts}, "student": {routers, experts}}')
    .option('--method <name>', `how to compute it: ${lossMethodNames().join(' (default), ')}`, 'quadrature')
    .option('--samples <n>', 'Monte-Carlo draws', String(DEFAULT_SAMPLES))
    .option('--seed <s>', "root seed of the Monte-Carlo 'evaluation' stream", '0')
    .option('--kernel <name>', `pair kernel of the quadrature: ${PAIR_KERNELS.join(' (default), ')}`, DEFAULT_PAIR_KERNEL)
    .option('--nodes <n>', 'Gauss-Hermite nodes per dimension (quadrature with --kernel gauss-hermite)', String(DEFAULT_NODES))
    .option('--gradient', 'also print the gradient with respect to the student rows (quadrature)')
    .action((file: string, flags: LossFlags) => {
      lossMethod(flags.method, '--method'); // an unknown method fails before any file is read
      const { d, teacher, student } = loadParamsFile(file);
      const r = withFlagNames(() =>
        evaluateLoss(flags.method, teacher, student, {
          samples: integerFlag('--samples', flags.samples),
          kernel: flags.kernel,
          nodes: integerFlag('--nodes', flags.nodes),
          seed: flags.seed,
          gradient: flags.gradient ?? false,
        }),
      );
      process.stdout.write(JSON.stringify(summary(r, d, teacher.routers.rows, student.routers.rows)) + '\n');
    });
}

function summary(r: LossEvaluation, d: number, mStar: number, m: number) {
  return {
    method: r.method,
    loss: r.loss,
    stderr: r.stderr,
    samples: r.samples,
    kernel: r.kernel,
    nodes: r.nodes,
    d,
    m,
    m_star: mStar,
    gradient: r.gradient ? { routers: toRows(r.gradient.routers), experts: toRows(r.gradient.experts) } : undefined,
  };
}

/** Option errors from the methods name the command-line flag. */
function withFlagNames<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError && ['samples', 'kernel', 'nodes', 'gradient', 'method'].includes(e.where)) throw new InputError(`--${e.where}`, e.problem);
    throw e;
  }
}

/** An integer flag value, or an InputError naming the flag. */
export function integerFlag(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v)) throw new InputError(flag, `expected an integer, found '${text}'`);
  return v;
}
