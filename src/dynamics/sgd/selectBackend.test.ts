import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { selectBackend, type BackendPreference } from './selectBackend.ts';

/** Whether tfjs-node is installed here (it is optional and never a dependency). */
async function hasTfjsNode(): Promise<boolean> {
  const specifier = '@tensorflow/tfjs-node';
  try {
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

describe('selectBackend', () => {
  it.each(['cpu', 'wasm'] as const)('forced %s: starts it, makes it the tfjs backend and reports it', async (pref) => {
    const info = await selectBackend(pref);
    expect(info.name).toBe(pref);
    expect(tf.getBackend()).toBe(pref);
    expect(info.version).toBe('4.22.0');
    expect(info.detail).toMatch(pref === 'wasm' ? /WebAssembly.*1 thread/ : /pure JavaScript/);
    // The backend computes: a tiny product on it.
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(y).toBe(11);
  });

  it('auto: tensorflow when tfjs-node is installed, else wasm (and says what it skipped)', async () => {
    const info = await selectBackend('auto');
    if (await hasTfjsNode()) expect(info.name).toBe('tensorflow');
    else {
      expect(info.name).toBe('wasm');
      expect(info.detail).toMatch(/skipped: tensorflow: @tensorflow\/tfjs-node is not installed/);
    }
    expect(tf.getBackend()).toBe(info.name);
  });

  it('forced tensorflow without tfjs-node: InputError naming the backend and the fix', async (ctx) => {
    if (await hasTfjsNode()) ctx.skip();
    const run = selectBackend('tensorflow');
    await expect(run).rejects.toThrow(InputError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/backend 'tensorflow' is not available.*install @tensorflow\/tfjs-node.*--backend wasm, cpu or auto/);
  });

  it('an unknown name is an InputError listing the choices', async () => {
    await expect(selectBackend('gpu' as BackendPreference)).rejects.toThrow(/unknown backend 'gpu'; use one of auto, tensorflow, wasm, cpu/);
  });
});
