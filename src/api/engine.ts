/**
 * The public API for writing a training engine: `import ... from 'moe-repro/engine'`
 * in a module anywhere on disk (the `moe-repro` command resolves the name to
 * the installation that runs it: src/loader/userModules.mjs).
 *
 * An engine exports a {@link TrainingEngine} as `engine` or `default`: a name,
 * `train(input)` returning the records, events and final student, and
 * optionally an `optionsSchema` (JSON Schema draft-07) for the scenario's
 * `options` block. An engine that only produces states can feed them to a
 * {@link SnapshotRecorder}, which computes the exact loss, alignments, events
 * and stop rules exactly as for the built-in engines. The helpers below are
 * the ones the built-in engines use: the exact population loss and gradient
 * (Gauss-Hermite quadrature), alignments and the one-to-one matching, the
 * threshold events, and the reduction of a problem to the span of its directions.
 */
export type { TrainingEngine, TrainingInput, TrainingOutput } from '../pipeline/engines/engine.ts';
export type { TrainingRecord } from '../dynamics/records.ts';
export type { ThresholdEvent } from '../measure/events.ts';
export type { MoeParams } from '../model/params.ts';
export type { Mat } from '../core/mat.ts';
export type { Alignments } from '../measure/alignment.ts';
export type { TeacherMatch } from '../measure/matching.ts';
export type { PopulationLossGrad, QuadratureOptions } from '../population/quadrature.ts';
export type { SpanCoordinates } from '../model/span.ts';
export { SnapshotRecorder, type Snapshot, type SnapshotStop } from '../pipeline/engines/snapshotRecorder.ts';
export { fromRows, normalizeRows, toRows, zeros } from '../core/mat.ts';
export { alignments } from '../measure/alignment.ts';
export { matchStudents } from '../measure/matching.ts';
export { EventTracker, recoveredNow } from '../measure/events.ts';
export { populationLoss, populationLossGrad } from '../population/quadrature.ts';
export { spanCoordinates } from '../model/span.ts';
export { lift } from '../dynamics/flow/reducedFlow.ts';
export { SeedStreams, Rng } from '../core/streams.ts';
