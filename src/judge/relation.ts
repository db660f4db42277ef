/** What kind of copy a member is, judged against its canonical. */
export type Relation = 'canonical' | 'copy' | 'copy-with-additions' | 'shortened' | 'updated' | 'rewritten';

/** The two shares the relation is read from, both on 5-word shingles. */
export interface Shares {
  /** Share of the canonical's shingles found in the member. */
  readonly canonicalInMember: number;
  /** Share of the member's shingles found in the canonical. */
  readonly memberInCanonical: number;
}

/**
 * The rules, first match wins (README "Relations" states them too):
 * - copy: at least 90% of each is found in the other;
 * - copy-with-additions: the member keeps at least 80% of the canonical and adds text of its own;
 * - shortened: at least 70% of the member comes from the canonical, but it keeps less than 80% of it;
 * - updated: at least 20% of the member is verbatim canonical text, the rest is new or changed;
 * - rewritten: less than 20% verbatim; linked by its sentences, which follow the canonical's in order.
 */
export function relationOf({ canonicalInMember, memberInCanonical }: Shares): Relation {
  if (canonicalInMember >= 0.9 && memberInCanonical >= 0.9) return 'copy';
  if (canonicalInMember >= 0.8) return 'copy-with-additions';
  if (memberInCanonical >= 0.7) return 'shortened';
  if (memberInCanonical >= 0.2) return 'updated';
  return 'rewritten';
}
