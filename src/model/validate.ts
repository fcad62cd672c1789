import { InputError } from '../core/errors.ts';
import type { Mat } from '../core/mat.ts';

/** Checks a positive integer size, naming the field and the fix. */
export function checkCount(where: string, value: number, min: number, hint: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(where, `must be an integer >= ${min}, found ${value}; ${hint}`);
  }
}

/**
 * Checks a matrix of directions: every entry finite and every row non-zero
 * (a zero row has no direction to normalise).
 */
export function checkDirections(where: string, m: Mat, d: number): void {
  if (m.cols !== d) throw new InputError(where, `rows must have length d = ${d}, found ${m.cols}`);
  if (m.rows < 1) throw new InputError(where, 'needs at least one row (one per expert)');
  for (let i = 0; i < m.rows; i++) {
    let sq = 0;
    for (let k = 0; k < d; k++) {
      const x = m.data[i * d + k];
      if (!Number.isFinite(x)) {
        throw new InputError(`${where}[${i}][${k}]`, `must be a finite number, found ${x}; replace it`);
      }
      sq += x * x;
    }
    if (!(sq > 0) || !Number.isFinite(sq)) {
      throw new InputError(
        `${where}[${i}]`,
        `row has ${sq === 0 ? 'zero' : 'non-finite'} length and so no direction; give it at least one non-zero entry of moderate size`,
      );
    }
  }
}
