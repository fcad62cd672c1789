import { toRows } from '../../../core/mat.ts';
import type { TrainingInput } from '../engine.ts';

/** Name and version of the protocol between moe-repro and an engine program (docs/engine-protocol.md). */
export const ENGINE_PROTOCOL = 'moe-repro-engine/1';

/** The problem an engine program is given (one JSON document on its standard input). */
export interface EngineProblem {
  protocol: typeof ENGINE_PROTOCOL;
  /** Input dimension; every row below has d entries. */
  d: number;
  /** Teacher and initial student: `routers` and `experts`, lists of rows (m* rows for the teacher, m for the student). */
  teacher: { routers: number[][]; experts: number[][] };
  student: { routers: number[][]; experts: number[][] };
  /** Horizon in flow time (steps x learning rate): the program stops at t = time. */
  time: number;
  /** Suggested spacing of snapshots in flow time: time / (uniformPoints - 1). */
  snapshotEvery: number;
  /** moe-repro stops the program once every teacher is recovered (it reads the alignments itself; the program may ignore this). */
  stopWhenRecovered: boolean;
  /** moe-repro stops the program once the exact loss is <= this (fine-tuning), or null. */
  targetLoss: number | null;
  /** Alignment threshold of recovery. */
  threshold: number;
  /** Seed for the program's own random numbers (uint32, from the run's root seed: same scenario and seed, same value). */
  seed: number;
  /** The stage's `options` from the scenario (defaults filled when the engine has an optionsSchema). */
  options: Record<string, unknown>;
}

/**
 * The problem of one stage for an engine program. Its seed is drawn from
 * the stage's stream 'engine' (src/core/streams.ts), so all randomness still
 * flows from the scenario's root seed.
 */
export function problemMessage(input: TrainingInput): EngineProblem {
  const rows = (p: TrainingInput['teacher']) => ({ routers: toRows(p.routers), experts: toRows(p.experts) });
  return {
    protocol: ENGINE_PROTOCOL,
    d: input.student.routers.cols,
    teacher: rows(input.teacher),
    student: rows(input.student),
    time: input.time,
    snapshotEvery: input.time / Math.max(1, input.uniformPoints - 1),
    stopWhenRecovered: input.stopWhenRecovered,
    targetLoss: input.targetLoss ?? null,
    threshold: input.threshold,
    seed: input.streams.stream('engine').int32() >>> 0,
    options: input.settings,
  };
}
