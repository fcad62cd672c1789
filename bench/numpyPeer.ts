import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One timing of the numpy peer's SGD step, or why there is none. */
export type PeerTiming = { ok: true; ms: number; label: string } | { ok: false; why: string };

/** Sizes and precision of a peer timing. */
export interface PeerSize {
  batch: number;
  d: number;
  m: number;
  mStar: number;
  /** Timed steps (after the peer's own 3 untimed ones). */
  steps: number;
  dtype?: 'float32' | 'float64';
  /**
   * BLAS threads of the peer (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS); default: numpy's own
   * choice (all cores). On a loaded machine the multithreaded BLAS slows down far more than one thread does
   * (measured at d = 10^3, batch 1024, load ~7: 266-272 ms a step against 63-72 ms single-threaded).
   */
  threads?: number;
}

/**
 * Times the numpy peer (bench/peers/numpy_moe_sgd.py, or MOE_PEER): ms per
 * step, sampling included. Unavailable (with the reason) without python3 and
 * numpy, or if the script fails.
 */
export function numpyPeerMsPerStep(s: PeerSize, timeoutMs = 600_000): PeerTiming {
  const path = process.env.MOE_PEER ?? join(REPO, 'bench', 'peers', 'numpy_moe_sgd.py');
  if (!existsSync(path)) return { ok: false, why: `peer script not found at ${path} (set MOE_PEER)` };
  const args = [path, '--batch', s.batch, '--d', s.d, '--m', s.m, '--mstar', s.mStar, '--steps', s.steps, '--dtype', s.dtype ?? 'float32'].map(String);
  const env = s.threads === undefined ? process.env
    : { ...process.env, OPENBLAS_NUM_THREADS: String(s.threads), OMP_NUM_THREADS: String(s.threads), MKL_NUM_THREADS: String(s.threads) };
  const r = spawnSync('python3', args, { encoding: 'utf8', timeout: timeoutMs, env });
  if (r.error) return { ok: false, why: `python3 unavailable (${r.error.message})` };
  if (r.status !== 0) return { ok: false, why: `peer exited ${r.status}: ${r.stderr.trim().split('\n').pop()}` };
  try {
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms_per_step: number; numpy: string; dtype: string };
    return { ok: true, ms: out.ms_per_step, label: `numpy ${out.numpy} ${out.dtype}` };
  } catch {
    return { ok: false, why: `unreadable peer output: ${r.stdout.slice(0, 200)}` };
  }
}
