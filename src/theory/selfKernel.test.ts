import { describe, expect, it } from 'vitest';
import { gaussHermite } from '../population/kernel/gaussHermite.ts';
import { pairKernel, Slot } from '../population/kernel/pairKernel.ts';
import { selfKernel } from './selfKernel.ts';

describe('selfKernel', () => {
  it('is the exact engine\'s kernel of an expert with itself (r = e = 1, s1 = c12 = c21 = s2 = s), and h\' its total derivative in s', () => {
    const out = new Float64Array(7);
    for (const s of [-0.9, -0.3, 0, 0.02, 0.5, 0.95]) {
      pairKernel(1, s, s, s, s, 1, gaussHermite(64), true, out);
      const { h, dh } = selfKernel(s);
      expect(Math.abs(h - out[Slot.K])).toBeLessThan(1e-13);
      // dh/ds = sum of the four cross-correlation derivatives (each of s1, c12, c21, s2 equals s).
      const total = out[Slot.U1W1] + out[Slot.U1W2] + out[Slot.U2W1] + out[Slot.U2W2];
      expect(Math.abs(dh - total)).toBeLessThan(1e-12);
    }
  });

  it('is even with h\'(0) = 0 and rejects |s| > 1', () => {
    expect(selfKernel(0.4).h).toBe(selfKernel(-0.4).h);
    expect(selfKernel(0).dh).toBe(0);
    expect(() => selfKernel(-1.5)).toThrow(/s must be in/);
  });
});
