import fc from 'fast-check';

/** A size that no model accepts, and why (for the message the rejection must carry). */
export interface InvalidSize {
  readonly value: number;
  readonly why: 'zero' | 'negative' | 'fractional' | 'not finite';
}

/**
 * Invalid expert counts or dimensions, by construction: 0, negative
 * integers, non-integers and non-finite numbers.
 */
export function arbInvalidSize(): fc.Arbitrary<InvalidSize> {
  return fc.oneof(
    fc.constant({ value: 0, why: 'zero' as const }),
    fc.integer({ min: -1000, max: -1 }).map((value) => ({ value, why: 'negative' as const })),
    fc.integer({ min: 1, max: 1000 }).map((k) => ({ value: k + 0.5, why: 'fractional' as const })),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY).map((value) => ({ value, why: 'not finite' as const })),
  );
}
