import { describe, expect, it } from 'vitest';
import { closestName, levenshtein } from './suggest.ts';

describe('closestName', () => {
  const keys = ['learningRate', 'batch', 'backend', 'evalSamples', 'optimiser'];
  it('finds typos, case slips, prefixes and abbreviations', () => {
    expect(closestName('learningrate', keys)).toBe('learningRate');
    expect(closestName('learnigRate', keys)).toBe('learningRate');
    expect(closestName('batchsize', keys)).toBe('batch');
    expect(closestName('lr', keys)).toBe('learningRate');
    expect(closestName('optimizer', keys)).toBe('optimiser');
  });
  it('suggests nothing for an unrelated name', () => {
    expect(closestName('temperature', keys)).toBeUndefined();
    expect(closestName('x', keys)).toBeUndefined();
  });
  it('computes edit distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});
