import seedrandom from 'seedrandom';
import { ZIGGURAT, ZIGGURAT_R } from './ziggurat.ts';

/** The named streams every run draws from; each is independent of the others. */
export type StreamName = 'teacher' | 'student' | 'data' | 'evaluation' | (string & {});

/**
 * A seeded source of uniform and Gaussian numbers. Backed by seedrandom's
 * Alea generator; the same seed gives the same numbers bit for bit on every
 * platform (Alea is defined in float64 arithmetic).
 */
export class Rng {
  private readonly prng: seedrandom.PRNG;

  constructor(seed: string) {
    this.prng = seedrandom.alea(seed);
  }

  /** Uniform on [0, 1) with 32 random bits. */
  uniform(): number {
    return this.prng();
  }

  /** Uniform on (0, 1): never 0, so safe under log. */
  open01(): number {
    let u = this.prng();
    while (u === 0) u = this.prng();
    return u;
  }

  /** A signed 32-bit integer. */
  int32(): number {
    return this.prng.int32();
  }

  /** One standard normal deviate (ziggurat). */
  normal(): number {
    const { k, w, f } = ZIGGURAT;
    for (;;) {
      const u = this.prng.int32();
      const i = u & 127;
      const j = u >> 7;
      if (Math.abs(j) < k[i]) return j * w[i];
      if (i === 0) return this.tail(j < 0);
      const x = j * w[i];
      if (f[i] + this.prng() * (f[i - 1] - f[i]) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** Fills `out` with standard normal deviates and returns it. */
  fillNormal<T extends Float64Array | Float32Array>(out: T): T {
    for (let n = 0; n < out.length; n++) out[n] = this.normal();
    return out;
  }

  /** Marsaglia's exact sampler for the normal tail beyond R. */
  private tail(negative: boolean): number {
    let x: number;
    let y: number;
    do {
      x = -Math.log(this.open01()) / ZIGGURAT_R;
      y = -Math.log(this.open01());
    } while (y + y < x * x);
    return negative ? -(ZIGGURAT_R + x) : ZIGGURAT_R + x;
  }
}

/**
 * Randomness of one run: a root seed split into independent named streams
 * (teacher, student, data, evaluation, ...). The stream for a name is a
 * function of (root, name) alone, so adding a stream never shifts another.
 */
export class SeedStreams {
  constructor(readonly root: number | string) {}

  /** The stream with this name (a fresh generator at its start each call). */
  stream(name: StreamName): Rng {
    return new Rng(`moe-repro:${this.root}:${name}`);
  }

  /** A child family, for runs inside a sweep: streams of `child` are independent of the parent's. */
  child(name: string): SeedStreams {
    return new SeedStreams(`${this.root}/${name}`);
  }
}
