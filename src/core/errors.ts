/**
 * An input error a user can act on: it names where the problem is (a file,
 * a field path) and how to fix it. The CLI prints `message` and exits 2.
 */
export class InputError extends Error {
  constructor(
    /** Where: a field path such as `student.routers[3]`, optionally prefixed by a file. */
    readonly where: string,
    /** What is wrong and how to fix it. */
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'InputError';
  }
}

/**
 * A run that cannot go on (NaN, an exploding loss): names the stage, the step
 * or time, and the value that stopped it.
 */
export class DivergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivergenceError';
  }
}
