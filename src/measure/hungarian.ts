/**
 * Minimum-cost assignment of every row to a distinct column of an n x k cost
 * matrix with n <= k (Hungarian algorithm with potentials, O(n^2 k)).
 * Returns col[i], the column given to row i.
 */
export function assignMinCost(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const k = n ? cost[0].length : 0;
  if (n > k) throw new Error(`assignMinCost: ${n} rows cannot go to ${k} distinct columns`);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(k + 1);
  const owner = new Int32Array(k + 1); // owner[j] = row (1-based) holding column j; 0 = free
  const way = new Int32Array(k + 1);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let j0 = 0;
    const minv = new Float64Array(k + 1).fill(Infinity);
    const used = new Uint8Array(k + 1);
    do {
      used[j0] = 1;
      const i0 = owner[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= k; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= k; j++) {
        if (used[j]) {
          u[owner[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0];
      owner[j0] = owner[j1];
      j0 = j1;
    } while (j0);
  }
  const col = new Array<number>(n).fill(-1);
  for (let j = 1; j <= k; j++) if (owner[j]) col[owner[j] - 1] = j - 1;
  return col;
}
