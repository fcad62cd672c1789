import type { ResolvedPoint } from '../scenario/expandSweep.ts';
import type { PointResult } from './runPoint.ts';

/**
 * Where the finished points of a run are kept, so that a run that stops
 * (killed, interrupted, a later point failing) loses none of them and a rerun
 * resumes: runScenario asks for each point's stored result before computing
 * it and hands over each result the moment it exists. The CLI's store is a
 * folder of files (src/output/pointFolder.ts).
 */
export interface PointStore {
  /** The stored result of this point, if one was computed from exactly its configuration; else undefined. */
  get(point: ResolvedPoint): PointResult | undefined;
  /** Keeps a finished point; durable when it returns (called on the thread that runs the scenario). */
  put(point: ResolvedPoint, result: PointResult): void;
}
