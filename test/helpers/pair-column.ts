import type { PairColumn } from '../../src/sketch/lsh.js';

/** The column of these pairs (i0, j0, i1, j1 …), as a scan holds candidate pairs. */
export function pairColumn(pairs: ReadonlyArray<readonly [number, number]>): PairColumn {
  const column = new Int32Array(2 * pairs.length);
  pairs.forEach(([i, j], p) => {
    column[2 * p] = i;
    column[2 * p + 1] = j;
  });
  return column;
}
