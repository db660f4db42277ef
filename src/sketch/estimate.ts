/**
 * Similarity estimated from MinHash signatures, and how far below a threshold an estimate may fall before the exact
 * work is skipped: the one place these are defined (scan's candidate filters, `check`'s candidates, the library's
 * estimateJaccard).
 */

/** Estimates below the threshold by more than this skip exact verification: over four standard errors at 128 permutations. */
export const ESTIMATE_MARGIN = 0.2;

/** The same for rewrite candidates, whose content-stem containment is estimated against REWRITE_CONTENT_CONTAINMENT. */
export const REWRITE_ESTIMATE_MARGIN = 0.15;

/** Estimated Jaccard of two sets: the share of permutations whose minima agree (signatures of one length). */
export function agreeingShare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** Elements two sets of these sizes share, from their Jaccard. */
export function sharedFromJaccard(jaccard: number, sizeA: number, sizeB: number): number {
  return (jaccard * (sizeA + sizeB)) / (1 + jaccard);
}

/** Containment of the smaller set in the larger, from an estimated Jaccard and the two set sizes. */
export function containmentFromJaccard(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  return smaller === 0 ? 0 : Math.min(1, (jaccard * (sizeA + sizeB)) / ((1 + jaccard) * smaller));
}
