import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { BACKEND_PREFERENCES, selectBackend, type BackendPreference } from '../../dynamics/sgd/selectBackend.ts';
import { trainSgd, type SgdResult } from '../../dynamics/sgd/trainSgd.ts';
import { trainSpanSgd, type SpanSgdResult } from '../../dynamics/sgd/trainSpanSgd.ts';
import { alignments } from '../../measure/alignment.ts';
import { InputError } from '../../core/errors.ts';
import { toRows } from '../../core/mat.ts';
import { SeedStreams } from '../../core/streams.ts';
import { loadParamsFile } from '../../scenario/loadParams.ts';

interface SgdFlags {
  lr: string;
  batch: string;
  steps?: string;
  time?: string;
  backend: BackendPreference;
  seed: string;
  recordEvery?: string;
  evalSamples?: string;
  threshold: string;
  prefetch: boolean;
  records: boolean;
  space: 'full' | 'span';
}

/**
 * `moe-repro sgd PARAMS.json --lr 0.002 --batch 1024 --steps N`: online SGD
 * (the paper's experiment) from the teacher and student in PARAMS.json.
 * Prints one JSON object: backend, final loss (held-out on tfjs, exact with
 * --space span), final student (PARAMS layout), router/expert alignment
 * matrices, threshold events (and, with --records, every record). The
 * backend in use also goes to stderr. With --space span the same process
 * runs in the span of the directions (src/dynamics/sgd/trainSpanSgd.ts:
 * float64, exact in distribution, cost independent of d).
 */
export function register(program: Command): Command {
  return program
    .command('sgd')
    .argument('<params>', 'parameter file {"d", "teacher": {routers, experts}, "student": {routers, experts}}')
    .requiredOption('--lr <rate>', 'learning rate (flow time per step), e.g. 0.002 for d = 1000, batch 1024')
    .requiredOption('--batch <n>', 'fresh Gaussian samples per step, e.g. 1024')
    .option('--steps <n>', 'number of steps (or give --time)')
    .option('--time <T>', 'flow-time horizon: steps = T / lr')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(BACKEND_PREFERENCES).default('auto'))
    .option('--seed <s>', "root seed of the 'data' and 'evaluation' streams", '0')
    .option('--record-every <k>', 'steps between records (default: about 200 records)')
    .option('--eval-samples <n>', 'size of the fixed held-out sample the loss is measured on', '4096')
    .option('--threshold <a>', 'alignment threshold of the events', '0.9')
    .option('--no-prefetch', 'draw batches on the main thread instead of a worker (same numbers, slower)')
    .option('--records', 'include every record (time, loss, alignment matrices) in the output', false)
    .addOption(new Option('--space <where>', "'full': tfjs in R^d (float32); 'span': exact in distribution in the span, float64").choices(['full', 'span']).default('full'))
    .action(async (file: string, flags: SgdFlags) => {
      const { d, teacher, student } = loadParamsFile(file);
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'sgd [{bar}] {value}/{total} steps | {eta}s left', etaBuffer: 200 }) : null;
      const common = {
        learningRate: num('--lr', flags.lr),
        batch: num('--batch', flags.batch),
        steps: flags.steps === undefined ? undefined : num('--steps', flags.steps),
        time: flags.time === undefined ? undefined : num('--time', flags.time),
        recordEvery: flags.recordEvery === undefined ? undefined : num('--record-every', flags.recordEvery),
        threshold: num('--threshold', flags.threshold),
        onProgress: bar ? (s: number, total: number) => (s === 1 ? bar.start(total, s) : bar.update(s)) : undefined,
      };
      let result: SgdResult | (SpanSgdResult & { backend: null });
      if (flags.space === 'span') {
        process.stderr.write('moe-repro sgd: span-SGD (float64, no tfjs backend)\n');
        result = await withFlagNames(Promise.resolve().then(() => ({ ...trainSpanSgd(teacher, student, d, new SeedStreams(flags.seed), common), backend: null }))).finally(() => bar?.stop());
      } else {
        const backend = await selectBackend(flags.backend);
        process.stderr.write(`moe-repro sgd: backend ${backend.name} ${backend.version} (${backend.detail})\n`);
        result = await withFlagNames(trainSgd(teacher, student, new SeedStreams(flags.seed), {
          ...common, evalSamples: num('--eval-samples', flags.evalSamples ?? '4096'), backend: backend.name, prefetch: flags.prefetch,
        })).finally(() => bar?.stop());
      }
      process.stdout.write(JSON.stringify(summary(d, flags.seed, result, teacher, flags.records)) + '\n');
    });
}

function summary(d: number, seed: string, r: SgdResult | (SpanSgdResult & { backend: null }), teacher: Parameters<typeof alignments>[1], withRecords: boolean) {
  const al = alignments(r.student, teacher);
  const last = r.records[r.records.length - 1];
  return {
    method: 'online-sgd',
    space: r.backend ? 'full' : 'span',
    backend: r.backend,
    d,
    seed,
    learning_rate: r.learningRate,
    batch: r.batch,
    steps: r.steps,
    time: last.t,
    loss: last.loss,
    loss_kind: r.backend ? 'held-out Monte-Carlo estimate of the population loss' : 'exact population loss (quadrature on the Gram matrix)',
    wall_seconds: r.wallSeconds,
    student: { routers: toRows(r.student.routers), experts: toRows(r.student.experts) },
    router_alignment: toRows(al.router),
    expert_alignment: toRows(al.expert),
    events: r.events,
    ...(withRecords ? { records: r.records } : {}),
  };
}

const FLAG_OF: Record<string, string> = {
  learningRate: '--lr',
  batch: '--batch',
  steps: '--steps',
  time: '--time',
  'time / learningRate': '--time / --lr',
  recordEvery: '--record-every',
  evalSamples: '--eval-samples',
  threshold: '--threshold',
};

/** Option errors name the command-line flag rather than the option field. */
async function withFlagNames<T>(run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (e) {
    if (e instanceof InputError && e.where in FLAG_OF) throw new InputError(FLAG_OF[e.where], e.problem);
    throw e;
  }
}

function num(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new InputError(flag, `expected a number, found '${text}'`);
  return v;
}
