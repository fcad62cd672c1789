import { recordGrid } from '../../dynamics/flow/recordGrid.ts';
import type { TrainingRecord } from '../../dynamics/records.ts';
import { toRows } from '../../core/mat.ts';
import { alignments } from '../../measure/alignment.ts';
import { EventTracker, recoveredNow } from '../../measure/events.ts';
import type { MoeParams } from '../../model/params.ts';
import { populationLoss } from '../../population/quadrature.ts';
import type { TrainingInput, TrainingOutput } from './engine.ts';

/** One state of a training run as an engine reports it: the time and the whole student. */
export interface Snapshot {
  /** Time since the start of the stage (flow time; for SGD steps x learning rate). */
  t: number;
  /** The student at time t (rows need not be normalised: only directions matter). */
  student: MoeParams;
  /** The engine's own loss estimate (e.g. a minibatch loss), recorded beside the exact loss. */
  loss?: number;
  /** Optimiser step count, for step-based engines. */
  step?: number;
}

/** What a SnapshotRecorder reads of a stage's input. */
export type RecorderInput = Pick<
  TrainingInput, 'teacher' | 'time' | 'threshold' | 'stopWhenRecovered' | 'targetLoss' | 'uniformPoints' | 'logPoints' | 'quadratureNodes'
>;

/** Why a run of snapshots ended. */
export type SnapshotStop = 'recovered' | 'target-loss' | 'horizon' | null;

/**
 * Turns the snapshots of any training run into the output the pipeline
 * judges, computed here and not taken from the engine: at every snapshot
 * the alignments and the threshold events (the EventTracker the exact
 * engines use, interpolating between snapshots), the first time every
 * teacher is recovered, and, at the snapshots kept as records and at the
 * last one, the exact population loss (Gauss-Hermite quadrature). The
 * stage's stop rules are applied to the snapshots as they come: `add`
 * returns the rule met (stopWhenRecovered, targetLoss, the horizon), so an
 * engine that only reports its parameters is judged exactly like the flow.
 *
 * Records are thinned to the stage's record grid (uniform + log points, as
 * the flow records): a snapshot is kept when it is the first at or after a
 * grid time not yet covered; the last snapshot is always kept.
 */
export class SnapshotRecorder {
  private readonly tracker: EventTracker;
  private readonly grid: number[];
  private next = 0;
  private readonly records: TrainingRecord[] = [];
  private last: Snapshot | null = null;
  private lastKept = false;
  private recoveryTime: number | null = null;
  private count = 0;

  private readonly nodes?: number;

  /** `input`: the stage's input (teacher, horizon, stop rules, record grid, quadrature nodes of the exact loss). */
  constructor(private readonly input: RecorderInput) {
    this.nodes = input.quadratureNodes;
    this.tracker = new EventTracker(input.teacher.routers.rows, input.threshold);
    this.grid = recordGrid(input.time, input.uniformPoints, input.logPoints);
  }

  /** Feeds the next snapshot (times must increase); returns the stop rule it meets, or null to go on. */
  add(s: Snapshot): SnapshotStop {
    this.count++;
    const al = alignments(s.student, this.input.teacher);
    const matches = this.tracker.observe(s.t, al);
    if (this.recoveryTime === null && recoveredNow(matches, this.input.threshold)) this.recoveryTime = s.t;
    let covered = false;
    while (this.next < this.grid.length && this.grid[this.next] <= s.t * (1 + 1e-12)) {
      this.next++;
      covered = true;
    }
    const keep = covered || this.records.length === 0;
    const needLoss = keep || this.input.targetLoss !== undefined;
    const loss = needLoss ? populationLoss(this.input.teacher, s.student, { nodes: this.nodes }) : NaN;
    if (keep) this.records.push(record(s, loss, al));
    this.last = s;
    this.lastKept = keep;
    if (this.input.stopWhenRecovered && this.recoveryTime !== null) return 'recovered';
    if (this.input.targetLoss !== undefined && loss <= this.input.targetLoss) return 'target-loss';
    if (s.t >= this.input.time * (1 - 1e-12)) return 'horizon';
    return null;
  }

  /** Number of snapshots fed so far. */
  get snapshots(): number {
    return this.count;
  }

  /** The time of the last snapshot, or null before the first. */
  get lastTime(): number | null {
    return this.last?.t ?? null;
  }

  /** The stage's output from the snapshots fed so far (at least one). */
  output(extra: Pick<TrainingOutput, 'method' | 'info' | 'backend'> = {}): TrainingOutput {
    const last = this.last;
    if (!last) throw new Error('SnapshotRecorder: no snapshot was recorded');
    if (!this.lastKept) {
      this.records.push(record(last, populationLoss(this.input.teacher, last.student, { nodes: this.nodes }), alignments(last.student, this.input.teacher)));
      this.lastKept = true;
    }
    const final = this.records[this.records.length - 1];
    return {
      records: this.records, events: this.tracker.events(), student: last.student, t: last.t, loss: final.loss,
      recoveryTime: this.recoveryTime, ...(last.step !== undefined ? { steps: last.step } : {}), ...extra,
    };
  }
}

function record(s: Snapshot, loss: number, al: ReturnType<typeof alignments>): TrainingRecord {
  return {
    t: s.t, ...(s.step !== undefined ? { step: s.step } : {}), loss, ...(s.loss !== undefined ? { engineLoss: s.loss } : {}),
    router: toRows(al.router), expert: toRows(al.expert),
  };
}
