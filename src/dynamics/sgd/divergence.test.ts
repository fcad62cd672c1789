import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../core/errors.ts';
import { checkDivergence } from './divergence.ts';

const limits = { learningRate: 0.5, maxLoss: 100 };

describe('checkDivergence', () => {
  it('accepts a finite loss within the bound and finite norms', () => {
    expect(() => checkDivergence(3, 99, [1, 1.2], limits)).not.toThrow();
  });

  it.each([
    [NaN, [1, 1], /step 7 \(learning rate 0.5\): batch loss is NaN/],
    [101, [1, 1], /step 7 \(learning rate 0.5\): batch loss 101 exceeds the bound 100/],
    [Infinity, [1, 1], /batch loss Infinity exceeds/],
    [1, [1, Infinity], /step 7.*\|u - lr g\| = Infinity for student expert 0/],
    [1, [NaN, 1], /\|u - lr g\| = NaN for student router 0/],
  ])('loss %s, norms %j -> DivergenceError naming step, rate and value', (loss, norms, msg) => {
    expect(() => checkDivergence(7, loss, norms, limits)).toThrow(DivergenceError);
    expect(() => checkDivergence(7, loss, norms, limits)).toThrow(msg);
  });
});
