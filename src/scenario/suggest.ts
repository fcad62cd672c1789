/**
 * The known name closest to a mistyped one, or undefined when none is close:
 * case-insensitive Levenshtein distance at most max(2, length/3); else one
 * name a case-insensitive prefix of the other; else an abbreviation (the
 * typed letters appear in order in the name, same first letter: 'lr' ->
 * 'learningRate'). Used for "did you mean ...?".
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: string | undefined;
  let bestDist = Infinity;
  for (const k of known) {
    const dist = levenshtein(t, k.toLowerCase());
    if (dist < bestDist) {
      bestDist = dist;
      best = k;
    }
  }
  if (best === undefined) return undefined;
  const b = best.toLowerCase();
  if (bestDist <= Math.max(2, Math.floor(t.length / 3))) return best;
  const prefix = known.find((k) => t.length >= 2 && (k.toLowerCase().startsWith(t) || t.startsWith(k.toLowerCase())));
  return prefix ?? (b === t ? best : abbreviationOf(t, known));
}

function abbreviationOf(t: string, known: readonly string[]): string | undefined {
  const hits = known.filter((k) => {
    const lk = k.toLowerCase();
    if (t.length < 2 || lk[0] !== t[0]) return false;
    let j = 0;
    for (const ch of lk) if (ch === t[j]) j++;
    return j === t.length;
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** Edit distance (insertions, deletions, substitutions), two-row dynamic programme. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
