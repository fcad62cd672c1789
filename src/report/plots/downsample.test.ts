import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { downsampleIndices } from './downsample.ts';

test.prop([fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 2, max: 1000 })])(
  'at most max indices, strictly increasing, first and last kept, evenly spread',
  (n, max) => {
    const ix = downsampleIndices(n, max);
    expect(ix.length).toBeLessThanOrEqual(max);
    expect(ix.length).toBe(Math.min(n, max));
    expect(ix[0]).toBe(0);
    expect(ix[ix.length - 1]).toBe(n - 1);
    for (let k = 1; k < ix.length; k++) {
      expect(ix[k]).toBeGreaterThan(ix[k - 1]);
      // gaps differ by at most one index from the ideal (n-1)/(max-1)
      if (n > max) expect(Math.abs(ix[k] - ix[k - 1] - (n - 1) / (max - 1))).toBeLessThanOrEqual(1);
    }
  },
);

test('rejects max < 2', () => {
  expect(() => downsampleIndices(10, 1)).toThrow(/max must be >= 2/);
});
