/**
 * Colours of the teacher experts, the same in every plot of a report:
 * Tableau 10 (colour-blind-aware, distinct on white), cycling past 10.
 */
const TABLEAU10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Legend label of teacher expert j (0-based, as in metrics). */
export function teacherLabel(j: number): string {
  return `teacher ${j}`;
}

/** A vega-lite scale giving teacher j its colour, with the legend in teacher order. */
export function teacherColors(mStar: number): { domain: string[]; range: string[] } {
  const domain = Array.from({ length: mStar }, (_, j) => teacherLabel(j));
  return { domain, range: domain.map((_, j) => TABLEAU10[j % TABLEAU10.length]) };
}
