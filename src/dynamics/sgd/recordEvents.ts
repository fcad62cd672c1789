import { EventTracker, type ThresholdEvent } from '../../measure/events.ts';
import { fromRows } from '../../core/mat.ts';
import type { TrainingRecord } from '../records.ts';

/**
 * Threshold events read off a list of records after the fact (e.g. at a
 * lower "escape" threshold than the run used): the same EventTracker the
 * engines use, fed with each record's alignment matrices in order.
 */
export function recordEvents(records: readonly TrainingRecord[], threshold: number): ThresholdEvent[] {
  if (!records.length) return [];
  const tracker = new EventTracker(records[0].expert[0].length, threshold);
  for (const r of records) tracker.observe(r.t, { router: fromRows(r.router), expert: fromRows(r.expert) });
  return tracker.events();
}
