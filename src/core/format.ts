/**
 * A number as report text: `digits` significant digits, exponent notation
 * outside [1e-3, 1e5) (so 3.2e-13 and 0.904 both read naturally), integers
 * below 1e5 as they are, null/undefined/non-finite as an em dash.
 * Deterministic, so committed reference reports diff cleanly.
 */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e5) return String(x);
  if (a < 1e-3 || a >= 1e5) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(x.toPrecision(digits)));
}

/** x in exponent notation with 3 significant digits (7.92e-9, 1.00e-8): losses and tolerances side by side. */
export function fmtE(x: number): string {
  return Number.isFinite(x) ? x.toExponential(2) : String(x);
}
