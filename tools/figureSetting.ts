/**
 * The paper's figure setting (m* = 5, m = 25, d = 1000; docs/model.md): does
 * online SGD learn at a given (learning rate, batch), and how far is it from
 * the exact gradient flow started from the same initialisation?
 *
 *   npx tsx tools/figureSetting.ts --pairs 0.01x1024,0.002x1024 --steps 8000
 *        [--time T: instead of --steps, the same flow-time horizon T for every pair, steps = T / lr]
 *        [--d 1000] [--m 25] [--mstar 5] [--seed 0] [--backend auto]
 *        [--flow-time 30 | --no-flow] [--out results.json]
 *        [--space full|span] (span: span-SGD, exact in distribution, float64, the exact loss recorded)
 *        [--streams root|pipeline] (pipeline: the SGD data of `moe-repro run` at this seed, its featureLearning child)
 *        [--stop-when-recovered] (stop each run once every teacher is recovered)
 *
 * Prints one JSON line per (lr, batch), with its wall and CPU seconds (all
 * threads) and the load average (the machine may be shared): the flow time at which the first
 * matched expert alignment escapes chance (passes 0.5), the recovery events
 * at 0.9, how many teachers are recovered (expert and router >= 0.9) when
 * the step budget ends, and, with the flow, the gaps over the common time
 * window (compareWithFlow): the largest |SGD - flow| alignment of a fixed
 * student-teacher pair, and of each teacher's matched student with each
 * engine matching on its own. A line for the
 * flow itself comes first. --out writes every record and the matched-pair
 * series as one JSON file (temp file, then rename).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { BackendPreference } from '../src/dynamics/sgd/selectBackend.ts';
import { InputError } from '../src/core/errors.ts';
import { initStudent, makeTeacher } from '../src/model/teacher.ts';
import { matchStudents } from '../src/measure/matching.ts';
import { alignments } from '../src/measure/alignment.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { integrateReducedFlow } from '../src/dynamics/flow/reducedFlow.ts';
import type { TrainingRecord } from '../src/dynamics/records.ts';
import { compareWithFlow, type FlowComparison } from '../src/dynamics/sgd/compareWithFlow.ts';
import { recordEvents } from '../src/dynamics/sgd/recordEvents.ts';
import { trainSgd } from '../src/dynamics/sgd/trainSgd.ts';
import { trainSpanSgd } from '../src/dynamics/sgd/trainSpanSgd.ts';

const ESCAPE = 0.5;
const RECOVERED = 0.9;

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '0.01x1024,0.002x1024' },
    steps: { type: 'string', default: '8000' },
    time: { type: 'string' },
    d: { type: 'string', default: '1000' },
    m: { type: 'string', default: '25' },
    mstar: { type: 'string', default: '5' },
    seed: { type: 'string', default: '0' },
    backend: { type: 'string', default: 'auto' },
    'flow-time': { type: 'string', default: '30' },
    'no-flow': { type: 'boolean', default: false },
    'record-every': { type: 'string', default: '50' },
    out: { type: 'string' },
    space: { type: 'string', default: 'full' },
    streams: { type: 'string', default: 'root' },
    'stop-when-recovered': { type: 'boolean', default: false },
  },
});

if (!['full', 'span'].includes(values.space)) throw new InputError('--space', `'${values.space}' is not full or span`);
if (!['root', 'pipeline'].includes(values.streams)) throw new InputError('--streams', `'${values.streams}' is not root or pipeline`);
const pairs = values.pairs.split(',').map((p) => {
  const [lr, batch] = p.split('x').map(Number);
  if (!(lr > 0) || !Number.isInteger(batch)) throw new InputError('--pairs', `'${p}' is not LRxBATCH such as 0.002x1024`);
  return { lr, batch };
});
const [d, m, mStar, steps] = [values.d, values.m, values.mstar, values.steps].map(Number);
const seeds = new SeedStreams(values.seed);
const teacher = makeTeacher(mStar, d, { kind: 'orthonormal' }, seeds.stream('teacher'));
const student = initStudent(m, d, seeds.stream('student'));
const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const round = (x: number, k = 4) => Math.round(x * 10 ** k) / 10 ** k;
const times = (records: TrainingRecord[], threshold: number, kind: 'expert' | 'router') =>
  recordEvents(records, threshold).filter((e) => e.kind === kind).map((e) => ({ teacher: e.teacher, t: round(e.t, 2) }));

/** User + system CPU time of the whole process (all threads), seconds. */
function cpuSeconds(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

/** Both gaps (see compareWithFlow) over the common window. */
function gapSummary(c: FlowComparison) {
  return {
    fixed_pairs: { expert: round(c.gap.expert, 3), router: round(c.gap.router, 3) },
    own_matching: { expert: round(c.matchedGap.expert, 3), router: round(c.matchedGap.router, 3) },
    window: [0, round(c.tMax, 3)],
  };
}

let flow: ReturnType<typeof integrateReducedFlow> | null = null;
if (!values['no-flow']) {
  const t0 = performance.now();
  flow = integrateReducedFlow(teacher, student, { time: Number(values['flow-time']), uniformPoints: 400 });
  say({
    engine: 'exact gradient flow (reduced span, dopri5)', d, m, mStar, seed: values.seed, flow_time: flow.t,
    wall_seconds: round((performance.now() - t0) / 1000, 1), recovery_time: flow.recoveryTime, final_loss: flow.loss,
    escape_expert: times(flow.records, ESCAPE, 'expert'), recovered_expert: times(flow.records, RECOVERED, 'expert'),
    recovered_router: times(flow.records, RECOVERED, 'router'),
  });
}

const runs = [];
for (const { lr, batch } of pairs) {
  const common = {
    learningRate: lr, batch, ...(values.time ? { time: Number(values.time) } : { steps }), recordEvery: Number(values['record-every']), threshold: RECOVERED,
    stopWhenRecovered: values['stop-when-recovered'],
    onProgress: (s: number, total: number) => s % 1000 === 0 && process.stderr.write(`lr ${lr} batch ${batch}: step ${s}/${total}\n`),
  };
  const data = values.streams === 'pipeline' ? seeds.child('featureLearning') : seeds;
  const cpu0 = process.cpuUsage();
  const r = values.space === 'span'
    ? { ...trainSpanSgd(teacher, student, d, data, common), backend: { name: 'none (span, float64)' } }
    : await trainSgd(teacher, student, data, { ...common, evalSamples: 4096, backend: values.backend as BackendPreference });
  const matches = matchStudents(alignments(r.student, teacher));
  const escape = times(r.records, ESCAPE, 'expert');
  const comparison = flow ? compareWithFlow(r.records, flow.records) : null;
  say({
    engine: `online SGD (${values.space})`, lr, batch, steps: r.steps, flow_time: round(r.steps * lr, 3), backend: r.backend.name,
    wall_seconds: round(r.wallSeconds, 1), ms_per_step: round((r.wallSeconds * 1000) / r.steps, 2),
    cpu_seconds: round(cpuSeconds(process.cpuUsage(cpu0)), 1), samples: r.steps * batch, load_average_1min: round(loadavg()[0], 2),
    initial_loss: round(r.records[0].loss), final_loss: round(r.records[r.records.length - 1].loss),
    first_escape_t: escape.length ? Math.min(...escape.map((e) => e.t)) : null, escape_expert: escape,
    recovered_expert: times(r.records, RECOVERED, 'expert'), recovered_router: times(r.records, RECOVERED, 'router'),
    teachers_recovered_at_end: matches.filter((mt) => mt.expert >= RECOVERED && mt.router >= RECOVERED).length,
    teachers_expert_recovered_at_end: matches.filter((mt) => mt.expert >= RECOVERED).length,
    best_matched_expert_at_end: round(Math.max(...matches.map((mt) => mt.expert)), 3),
    ...(comparison ? { gap_vs_flow: gapSummary(comparison) } : {}),
  });
  runs.push({ lr, batch, records: r.records, events: r.events, comparison });
}

if (values.out) {
  const tmp = `${values.out}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ d, m, mStar, seed: values.seed, flow: flow && { records: flow.records, events: flow.events }, runs }));
  renameSync(tmp, values.out);
}
