import { describe, expect, it } from 'vitest';
import { agreeingShare, containmentFromJaccard, sharedFromJaccard } from '../../src/sketch/estimate.js';

describe('estimates', () => {
  it('takes Jaccard as the share of agreeing minima', () => {
    expect(agreeingShare(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 9, 3, 9))).toBe(0.5);
  });

  it('turns Jaccard and set sizes into shared elements and containment of the smaller set', () => {
    // |A| = 10, |B| = 30, 10 shared: Jaccard 10 / 30.
    expect(sharedFromJaccard(1 / 3, 10, 30)).toBeCloseTo(10, 10);
    expect(containmentFromJaccard(1 / 3, 10, 30)).toBeCloseTo(1, 10);
    expect(containmentFromJaccard(0.2, 10, 10)).toBeCloseTo(1 / 3, 10);
    expect(containmentFromJaccard(0.5, 0, 10)).toBe(0);
  });
});
