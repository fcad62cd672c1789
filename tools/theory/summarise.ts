import type { TheoryErrors } from './theoryErrors.ts';

/** Median and worst (largest absolute value) of a sample, with its size. */
export interface Spread {
  n: number;
  median: number | null;
  worst: number | null;
}

/** Median and worst of |x| over the non-null values. */
export function spread(xs: readonly (number | null)[]): Spread {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x)).map(Math.abs).sort((a, b) => a - b);
  if (!v.length) return { n: 0, median: null, worst: null };
  const mid = v.length >> 1;
  return { n: v.length, median: v.length % 2 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]), worst: v[v.length - 1] };
}

/** The decade of d a run falls in (10^k <= d < 10^(k+1)). */
export function decade(d: number): number {
  return Math.floor(Math.log10(d) + 1e-9);
}

/**
 * The measured error distributions of a set of runs, per decade of d, as a
 * Markdown report: the numbers behind the theory claims' bounds
 * (test-support/claims/regimes.ts cites them).
 */
export function summarise(title: string, command: string, runs: readonly TheoryErrors[]): string {
  const lines: string[] = [`# ${title}`, '', `Command: \`${command}\`; ${runs.length} runs.`, ''];
  const fmt = (s: Spread) => (s.n ? `${s.median!.toExponential(2)} / ${s.worst!.toExponential(2)} (${s.n})` : '— (0)');
  const decades = [...new Set(runs.map((r) => decade(r.d)))].sort((a, b) => a - b);
  lines.push('Median / worst of |error| (count) per decade of d.', '');
  const columns = [
    'd', 'C7 escape', 'C7 escape x r0 d', 'excluded (paired)', 'C8 router at expert time', 'C8 lag error', 'C9 first', 'C9 later', 'C9 later x r0 d',
    'C9 shared (not judged)', 'C9 different student or unmatched', 'C10 rate / 2 lambda_min - 1', 'C10 outside the slowest cluster',
  ];
  lines.push(`| ${columns.join(' | ')} |`);
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const row = (label: string, rs: readonly TheoryErrors[]) => {
    const firstLo = rs.flatMap((r) => r.teachers.filter((t) => t.order === 1 && !t.modelShared).map((t) => t.multiPair));
    const later = rs.flatMap((r) => r.teachers.filter((t) => t.order > 1 && !t.modelShared));
    const shared = rs.reduce((s, r) => s + r.teachers.filter((t) => t.modelShared).length, 0);
    const other = rs.reduce((s, r) => s + r.unmatched + r.teachers.filter((t) => !t.sameStudent).length, 0);
    const of = (xs: readonly (number | null)[]) => fmt(spread(xs));
    const cells = [
      label, of(rs.map((r) => r.escape)), of(rs.map((r) => r.escapeScaled)), String(rs.filter((r) => r.firstPaired).length),
      of(rs.map((r) => r.routerAtExpert)), of(rs.map((r) => r.lagError)), of(firstLo),
      of(later.map((t) => t.multiPair)), of(later.map((t) => t.multiPairScaled)), String(shared), String(other),
      of(rs.map((r) => r.fineTuning)), of(rs.map((r) => r.fineTuningOutside)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  };
  for (const k of decades) row(`10^${k}`, runs.filter((r) => decade(r.d) === k));
  row('all', runs);
  lines.push('', 'Later teachers against the one-pair law: median measured / one-pair predicted expert time per recovery order ' +
    '(count; how many had a predicted cancelling pair).', '');
  const orders = [...new Set(runs.flatMap((r) => r.teachers.map((t) => t.order)))].sort((a, b) => a - b);
  for (const o of orders) {
    const ts = runs.flatMap((r) => r.teachers.filter((t) => t.order === o));
    const ratios = ts.map((t) => t.onePair).filter((x): x is number => x !== null).map((x) => 1 + x).sort((a, b) => a - b);
    const med = ratios.length ? ratios[ratios.length >> 1] : null;
    const lo = spread(ts.filter((t) => !t.modelShared).map((t) => t.multiPair));
    const loShared = spread(ts.filter((t) => t.modelShared).map((t) => t.multiPair));
    const shared = ts.map((t) => t.sharedMax).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const paired = ts.filter((t) => t.paired).length;
    lines.push(`- order ${o}: ${med === null ? '—' : med.toFixed(3)} (${ratios.length}; predicted cancelling pair for ${paired}); ` +
      `multi-pair |error| median ${lo.median?.toExponential(2) ?? '—'}, worst ${lo.worst?.toExponential(2) ?? '—'} ` +
      `(predicted shared representation: ${loShared.n}, worst ${loShared.worst?.toExponential(2) ?? '—'}); ` +
      `crossing student's largest overlap with another teacher before its escape: ` +
      `median ${shared.length ? shared[shared.length >> 1].toFixed(3) : '—'}, largest ${shared.length ? shared[shared.length - 1].toFixed(3) : '—'}`);
  }
  const ids = ['C7', 'C8', 'C9', 'C10', 'C11'];
  lines.push('', 'Verdicts: ' + ids.map((id) => {
    const v = runs.map((r) => r.verdicts[id]);
    const count = (verdict: string) => v.filter((x) => x === verdict).length;
    return `${id} holds ${count('holds')}, fails ${count('fails')}, not evaluated ${count('not-evaluated')}`;
  }).join('; ') + '.', '');
  return lines.join('\n');
}
