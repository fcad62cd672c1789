import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { InputError } from '../../core/errors.ts';

/** Which TensorFlow.js backend to run on; `auto` takes the fastest available. */
export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** The backend preferences a user may name, for validation and help texts. */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/** The backend actually in use, recorded in every output of a tfjs run. */
export interface BackendInfo {
  /** tfjs backend name: `tensorflow` (tfjs-node, native), `wasm` or `cpu` (pure JS). */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** Version of the package providing it. */
  version: string;
  /** How it runs (SIMD, threads) and, for `auto`, why faster ones were skipped. */
  detail: string;
}

type Attempt = { ok: true; info: BackendInfo } | { ok: false; why: string };

/**
 * Selects and initialises the tfjs backend (global to the process, like tfjs
 * itself). `auto` tries, in order, `@tensorflow/tfjs-node` (native
 * TensorFlow; only if it happens to be installed: it is never a dependency,
 * since it cannot install offline), `@tensorflow/tfjs-backend-wasm` (SIMD,
 * one thread, .wasm files loaded from the package's own dist folder) and the
 * pure-JS `cpu` backend. A forced choice that cannot start is an InputError
 * naming the backend and the fix.
 */
export async function selectBackend(pref: BackendPreference = 'auto'): Promise<BackendInfo> {
  // tfjs's advice banner ("install tfjs-node") goes to stderr on every cpu run;
  // the detail string below already says which backend runs and why.
  tf.env().set('PROD', true);
  const order: Record<BackendPreference, (() => Promise<Attempt>)[]> = {
    auto: [startTensorflow, startWasm, startCpu],
    tensorflow: [startTensorflow],
    wasm: [startWasm],
    cpu: [startCpu],
  };
  const tries = order[pref];
  if (!tries) {
    throw new InputError('backend', `unknown backend '${String(pref)}'; use one of ${BACKEND_PREFERENCES.join(', ')}`);
  }
  const skipped: string[] = [];
  for (const start of tries) {
    const a = await start();
    if (a.ok) {
      if (skipped.length) a.info.detail += `; skipped: ${skipped.join('; ')}`;
      return a.info;
    }
    skipped.push(a.why);
  }
  throw new InputError('backend', `backend '${pref}' is not available: ${skipped.join('; ')}; ${FIX[pref]}`);
}

const FIX: Record<BackendPreference, string> = {
  auto: 'reinstall the project dependencies (npm ci)',
  tensorflow:
    'install @tensorflow/tfjs-node (npm i @tensorflow/tfjs-node@4.22.0, needs network access to download libtensorflow) or choose --backend wasm, cpu or auto',
  wasm: 'reinstall @tensorflow/tfjs-backend-wasm (npm ci) or choose --backend cpu or auto',
  cpu: 'reinstall @tensorflow/tfjs-backend-cpu (npm ci)',
};

/** tfjs-node, detected at run time only: a variable specifier keeps bundlers and tsc from requiring it. */
async function startTensorflow(): Promise<Attempt> {
  const specifier = '@tensorflow/tfjs-node';
  let mod: { version?: { 'tfjs-node'?: string } };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (e) {
    const missing = (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    return { ok: false, why: `tensorflow: ${specifier} ${missing ? 'is not installed' : `failed to load (${firstLine(e)})`}` };
  }
  if (!(await setBackendQuietly('tensorflow'))) {
    return { ok: false, why: `tensorflow: ${specifier} loaded but did not register with this @tensorflow/tfjs-core ${tf.version_core} (version mismatch?)` };
  }
  const version = mod.version?.['tfjs-node'] ?? 'unknown';
  return { ok: true, info: { name: 'tensorflow', version, detail: `native TensorFlow via ${specifier} ${version}` } };
}

async function startWasm(): Promise<Attempt> {
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  // In Node the threaded build is not supported by tfjs 4.22; say so explicitly.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  try {
    setWasmPaths(dist);
  } catch {
    // Already initialised earlier in this process: the paths are set.
  }
  if (!(await setBackendQuietly('wasm'))) return { ok: false, why: `wasm: could not load the .wasm binaries from ${dist}` };
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return { ok: true, info: { name: 'wasm', version: version_wasm, detail: `WebAssembly${simd ? ' SIMD' : ' (no SIMD)'}, 1 thread` } };
}

async function startCpu(): Promise<Attempt> {
  if (!(await setBackendQuietly('cpu'))) return { ok: false, why: 'cpu: the pure-JS backend did not start' };
  return { ok: true, info: { name: 'cpu', version: tf.version_core, detail: 'pure JavaScript, 1 thread' } };
}

/** tf.setBackend, with a failed initialisation turned into `false` (tfjs logs and rejects inconsistently). */
async function setBackendQuietly(name: string): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
