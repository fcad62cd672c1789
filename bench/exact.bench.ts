/**
 * The exact engine: one JSON line per measurement.
 *
 * - `loss+gradient m*=5 m=25`: ms per populationLossGrad call (median of
 *   repeats) at 24, 32 and the default node count, target <= 5 ms. The
 *   problem is the figure's draw (sampleReducedProblem, d = 1000, seed 1) in
 *   its 60-dimensional span, the coordinates the flow works in.
 * - `flow figure1`: the gradient flow for m* = 5, m = 25, d = 1000 (seed 1)
 *   until every teacher is recovered (horizon 200), target <= 10 s, against
 *   the numpy online-SGD peer `bench/peers/numpy_moe_sgd.py
 *   --until-recovered --d 1000 --lr 0.002 --max-steps 60000` (MOE_PEER
 *   overrides the path; MOE_PEER_TIMEOUT_S, default 7200, bounds its run).
 *   ratio = peer seconds / our seconds (how many times faster we are).
 * - `flow d-scaling`: the same flow for m* = 2, m = 8 (smaller, to keep it
 *   short) at d = 10^2, 10^4, 10^6, with dopri5 and with rkc: seconds,
 *   gradient evaluations, flow time of recovery, ms per evaluation, and the
 *   ratios d = 10^6 / d = 10^2 of total cost and of cost per evaluation
 *   (target: total <= 1.5). The cost per evaluation does not depend on d;
 *   the flow time to recovery grows like sqrt(d), and the number of steps
 *   with it unless the integrator takes long steps on the plateaus.
 *
 * Timings depend on machine load; every line records the 1-minute load
 * average. Benchmarks never fail on a timing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { integrateFlow, type FlowMethod } from '../src/dynamics/flow/integrateFlow.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';
import { DEFAULT_NODES, populationLossGrad } from '../src/population/quadrature.ts';
import { SeedStreams } from '../src/core/streams.ts';
import type { BenchLine } from './run.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const load = () => Number(loadavg()[0].toFixed(2));

/** The figure's problem (or a smaller one) drawn exactly in distribution for dimension d, seed 1. */
function problem(mStar: number, m: number, d: number) {
  const s = new SeedStreams(1);
  return sampleReducedProblem(mStar, m, d, s.stream('teacher'), s.stream('student'));
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function lossGradient(): Promise<BenchLine[]> {
  const p = problem(5, 25, 1000);
  const lines: BenchLine[] = [];
  for (const nodes of [...new Set([24, 32, DEFAULT_NODES])]) {
    for (let k = 0; k < 5; k++) populationLossGrad(p.teacher, p.student, { nodes });
    const ms: number[] = [];
    for (let k = 0; k < 31; k++) {
      const t0 = performance.now();
      populationLossGrad(p.teacher, p.student, { nodes });
      ms.push(performance.now() - t0);
    }
    lines.push({
      name: 'loss+gradient m*=5 m=25',
      nodes,
      default_nodes: nodes === DEFAULT_NODES,
      coordinates: `span of dimension ${p.rank} (d = 1000)`,
      ours_ms_median: round(median(ms), 3),
      ours_ms_min: round(Math.min(...ms), 3),
      repeats: ms.length,
      target_ms: 5,
      met: median(ms) <= 5,
      load_1min: load(),
      cpus: cpus().length,
    });
  }
  return lines;
}

interface FlowRun {
  seconds: number;
  recoveryTime: number | null;
  stoppedAt: number;
  loss: number;
  steps: number;
  evaluations: number;
  events: number;
}

function flowUntilRecovered(mStar: number, m: number, d: number, horizon: number, method: FlowMethod = 'dopri5'): FlowRun {
  const p = problem(mStar, m, d);
  const t0 = performance.now();
  const r = integrateFlow(p.teacher, p.student, { time: horizon, method, stopWhenRecovered: true });
  return {
    seconds: (performance.now() - t0) / 1000,
    recoveryTime: r.recoveryTime,
    stoppedAt: r.t,
    loss: r.loss,
    steps: r.steps,
    evaluations: r.gradientEvaluations,
    events: r.events.length,
  };
}

type Peer = { ok: true; seconds: number; steps: number; flowTime: number; recovered: boolean; label: string } | { ok: false; why: string };

/** One run of the numpy online-SGD peer until recovery. */
function peerUntilRecovered(): Peer {
  const path = process.env.MOE_PEER ?? join(REPO, 'bench', 'peers', 'numpy_moe_sgd.py');
  if (!existsSync(path)) return { ok: false, why: `peer unavailable: script not found at ${path} (set MOE_PEER)` };
  const timeout = Number(process.env.MOE_PEER_TIMEOUT_S ?? 7200);
  const args = [path, '--until-recovered', '--d', '1000', '--lr', '0.002', '--max-steps', '60000'];
  const r = spawnSync('python3', args, { encoding: 'utf8', timeout: timeout * 1000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, why: 'peer unavailable: python3 not found' };
  if (r.error) return { ok: false, why: `peer did not finish within ${timeout} s (MOE_PEER_TIMEOUT_S): ${r.error.message}` };
  if (r.signal) return { ok: false, why: `peer stopped by ${r.signal}` };
  if (r.status !== 0) return { ok: false, why: `peer unavailable: exited ${r.status}: ${r.stderr.trim().split('\n').pop()}` };
  try {
    const o = JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number; steps: number; flow_time: number; recovered: boolean; dtype: string; batch: number };
    return { ok: true, seconds: o.seconds, steps: o.steps, flowTime: o.flow_time, recovered: o.recovered, label: `numpy ${o.dtype}, batch ${o.batch}, lr 0.002` };
  } catch {
    return { ok: false, why: `unreadable peer output: ${r.stdout.slice(0, 200)}` };
  }
}

async function figure1(): Promise<BenchLine[]> {
  const horizon = 200;
  const ours = flowUntilRecovered(5, 25, 1000, horizon);
  const loadOurs = load();
  const peer = peerUntilRecovered();
  return [{
    name: 'flow figure1',
    setting: 'm*=5 m=25 d=1000 seed 1, dopri5 rtol 1e-8, reduced span, stop when every teacher recovered (threshold 0.9), horizon 200',
    ours_seconds: round(ours.seconds, 2),
    ours_recovery_flow_time: ours.recoveryTime === null ? `not recovered by T = ${horizon}` : round(ours.recoveryTime, 3),
    ours_final_loss: ours.loss,
    ours_steps: ours.steps,
    ours_gradient_evaluations: ours.evaluations,
    target_seconds: 10,
    met: ours.seconds <= 10,
    peer: peer.ok ? peer.label : peer.why,
    peer_seconds: peer.ok ? peer.seconds : null,
    peer_recovered: peer.ok ? peer.recovered : null,
    peer_steps: peer.ok ? peer.steps : null,
    peer_flow_time: peer.ok ? peer.flowTime : null,
    ratio: peer.ok ? round(peer.seconds / ours.seconds, 3) : null,
    ratio_definition: 'peer seconds / our seconds',
    load_1min_ours: loadOurs,
    load_1min_peer: load(),
  }];
}

async function dScaling(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  for (const method of ['dopri5', 'rkc'] as const) {
    const runs = [1e2, 1e4, 1e6].map((d) => ({ d, run: flowUntilRecovered(2, 8, d, 40 * Math.sqrt(d), method) }));
    for (const { d, run } of runs) {
      lines.push({
        name: 'flow d-scaling',
        method,
        setting: `m*=2 m=8 d=${d} seed 1, ${method} rtol 1e-8, reduced span, horizon 40 sqrt(d)`,
        d,
        ours_seconds: round(run.seconds, 2),
        gradient_evaluations: run.evaluations,
        steps: run.steps,
        recovery_flow_time: run.recoveryTime === null ? `not recovered by T = ${40 * Math.sqrt(d)}` : round(run.recoveryTime, 3),
        ms_per_evaluation: round((1000 * run.seconds) / run.evaluations, 4),
        load_1min: load(),
      });
    }
    const [lo, , hi] = runs;
    lines.push({
      name: 'flow d-scaling',
      method,
      summary: 'd=1e6 / d=1e2',
      total_cost_ratio: round(hi.run.seconds / lo.run.seconds, 3),
      per_evaluation_cost_ratio: round(hi.run.seconds / hi.run.evaluations / (lo.run.seconds / lo.run.evaluations), 3),
      evaluations_ratio: round(hi.run.evaluations / lo.run.evaluations, 3),
      recovery_time_ratio: hi.run.recoveryTime && lo.run.recoveryTime ? round(hi.run.recoveryTime / lo.run.recoveryTime, 3) : null,
      target_total_ratio: 1.5,
      met: hi.run.seconds / lo.run.seconds <= 1.5,
    });
  }
  return lines;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

export const benchmarks: Record<string, () => Promise<BenchLine[]>> = {
  'loss+gradient m*=5 m=25': lossGradient,
  'flow d-scaling': dScaling,
  'flow figure1': figure1,
};
