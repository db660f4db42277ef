import { MIN_EVIDENCE_WORDS } from '../text/sentence-sketch.js';

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
 * The rules, first match wins (docs/relations.md states them too):
 * - copy: at least 90% of each is found in the other;
 * - copy-with-additions: the member keeps at least 80% of the canonical and adds text of its own;
 * - shortened: at least 70% of the member comes from the canonical, but it keeps less than 80% of it;
 * - updated: at least 20% of the member is verbatim canonical text, the rest is new or changed;
 * - rewritten: less than 20% verbatim; linked by its derived sentences (judge/align.ts).
 */
export function relationOf({ canonicalInMember, memberInCanonical }: Shares): Relation {
  if (canonicalInMember >= 0.9 && memberInCanonical >= 0.9) return 'copy';
  if (canonicalInMember >= 0.8) return 'copy-with-additions';
  if (memberInCanonical >= 0.7) return 'shortened';
  if (memberInCanonical >= 0.2) return 'updated';
  return 'rewritten';
}

export { MIN_EVIDENCE_WORDS } from '../text/sentence-sketch.js';

/** Fewest derived sentences of a member that show partial reuse, and the least share of its sentences they must be. */
export const MIN_PARTIAL_SENTENCES = 3;
export const MIN_PARTIAL_SHARE = 1 / 3;

/** What sentence alignment shows of one article against another. */
export type Reuse = 'derived' | 'partial';

/** A member with this share of its shingles verbatim in the canonical is an update when a third of its sentences derive. */
export const UPDATED_VERBATIM_SHARE = 0.2;

/**
 * The rule for sentence-level reuse of a member (docs/relations.md):
 * - derived: both texts have at least MIN_EVIDENCE_WORDS words; at least `minAlignedSentences` of the member's
 *   sentences derive from the canonical (or all of a member with fewer), and they are at least `rewriteThreshold` of
 *   its sentences, or at least MIN_PARTIAL_SHARE of them where at least UPDATED_VERBATIM_SHARE of the member's shingles
 *   are verbatim canonical text (an update: the canonical's text kept, new sentences added);
 * - partial: at least MIN_PARTIAL_SENTENCES derived sentences, at least MIN_PARTIAL_SHARE of the member's: passages
 *   taken over into an article that is its own story; reported as related, never as a member.
 */
export function reuseOf(
  reuse: { readonly derived: readonly unknown[]; readonly memberSentences: number; readonly shareOfMember: number },
  memberWords: number,
  canonicalWords: number,
  /** Share of the member's shingles found in the canonical. */
  verbatimShare: number,
  options: { readonly rewriteThreshold: number; readonly minAlignedSentences: number },
): Reuse | undefined {
  if (Math.min(memberWords, canonicalWords) < MIN_EVIDENCE_WORDS) return undefined;
  const derived = reuse.derived.length;
  const enough = derived > 0 && derived >= Math.min(options.minAlignedSentences, reuse.memberSentences);
  if (enough && reuse.shareOfMember >= options.rewriteThreshold) return 'derived';
  if (enough && reuse.shareOfMember >= MIN_PARTIAL_SHARE && verbatimShare >= UPDATED_VERBATIM_SHARE) return 'derived';
  if (derived >= MIN_PARTIAL_SENTENCES && reuse.shareOfMember >= MIN_PARTIAL_SHARE) return 'partial';
  return undefined;
}

/**
 * The relation as the member's passages bear it out: a copy-with-additions adds a passage, a shortened copy lacks
 * one. Where the shares name one and the passages show none (the differences are words changed in place), the label
 * follows the passages: what it lacks or adds instead, else a copy.
 */
export function relationWithPassages(relation: Relation, passages: { readonly added: number; readonly missing: number }): Relation {
  if (relation === 'copy-with-additions' && passages.added === 0) return passages.missing > 0 ? 'shortened' : 'copy';
  if (relation === 'shortened' && passages.missing === 0) return passages.added > 0 ? 'copy-with-additions' : 'copy';
  return relation;
}
