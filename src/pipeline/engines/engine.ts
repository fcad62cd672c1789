import type { MoeParams } from '../../model/params.ts';
import type { TrainingRun } from '../../dynamics/records.ts';
import type { SeedStreams } from '../../core/streams.ts';

/** What a training engine is given: the problem and the stage's settings. */
export interface TrainingInput {
  teacher: MoeParams;
  /** Initial student (rows may be unnormalised; engines normalise). */
  student: MoeParams;
  /** Ambient input dimension d (rows may be given in a reduced basis of smaller dimension). */
  d: number;
  /** Stage horizon in flow time (SGD: steps x learning rate). */
  time: number;
  /** Stop early once every teacher is recovered at `threshold`. */
  stopWhenRecovered: boolean;
  /** Stop early once the loss is <= this (fine-tuning). */
  targetLoss?: number;
  /** Alignment threshold of the events. */
  threshold: number;
  /** Record grid sizes. */
  uniformPoints: number;
  logPoints: number;
  /** Gauss-Hermite nodes of the exact loss the pipeline uses in this run (`featureLearning.flow.quadratureNodes`; default 40 where absent). */
  quadratureNodes?: number;
  /** Engine-specific settings from the scenario (flow, sgd or a user's `options`). */
  settings: Record<string, unknown>;
  /** The run's random streams (engines that sample use 'data' and 'evaluation'). */
  streams: SeedStreams;
  /** Progress callback: fraction done in [0, 1] and a short status text. */
  onProgress?: (fraction: number, status: string) => void;
}

/** What a training engine returns. Engines have no side effects: the runner prints and writes. */
export interface TrainingOutput extends TrainingRun {
  /** Integrator or optimiser used (recorded in the report). */
  method?: string;
  /** tfjs backend, for engines that use one. */
  backend?: string;
  steps?: number;
  /** Online-SGD engines: the step at this d, the batch, where the step ran and the samples drawn. */
  sgd?: { learningRate: number; batch: number; space: 'full' | 'span'; samples: number };
  /** Anything else worth recording (free-form). */
  info?: Record<string, unknown>;
}

/**
 * A training engine, registered by name (the exact flow, online SGD, or a
 * user's module). Any object with this shape can be named in a scenario's
 * `engine` field: a user's module exports it as `default` or `engine`.
 */
export interface TrainingEngine {
  name: string;
  train(input: TrainingInput): Promise<TrainingOutput>;
  /**
   * JSON Schema (draft-07) of the engine's `options` block. When given, the
   * scenario's options are checked against it like the rest of the file
   * (unknown keys and wrong types are errors at FILE:LINE:COL) and its
   * defaults are filled in before `train` sees them; without it the options
   * reach `train` unchecked and moe-repro warns.
   */
  optionsSchema?: Record<string, unknown>;
  /**
   * Whether the engine needs the parameters as explicit rows of length d.
   * Engines that work in the span of the directions (the exact flow,
   * span-SGD) say false, and are then handed, above d = 20000, rows drawn
   * directly in that span (src/model/reducedSampling.ts). Default: true.
   */
  needsVectors?(settings: Record<string, unknown>, d: number): boolean;
}
