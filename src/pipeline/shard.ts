import { InputError } from '../core/errors.ts';

/** Part i (1-based) of n of a sweep. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 <= i <= n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1 && index <= count)) {
    throw new InputError('--shard', `expected i/n with 1 <= i <= n (e.g. --shard 2/4), found '${text}'`);
  }
  return { index, count };
}

/** Whether the sweep point with this expansion index belongs to the shard (round robin). */
export function inShard(pointIndex: number, shard: Shard | undefined): boolean {
  return !shard || pointIndex % shard.count === shard.index - 1;
}
