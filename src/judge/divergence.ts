import type { AnalyzedDocument } from '../text/analyze.js';
import { MembershipTable, toSortedSet } from '../text/shingle.js';

/** A run of text one document has and the other lacks. */
export interface Passage {
  /** Where the run stands in its document. */
  readonly at: 'start' | 'middle' | 'end';
  readonly words: number;
  /** UTF-16 offsets [start, end) in the document's NFKC text. */
  readonly start: number;
  readonly end: number;
  /** The run's first words, white space folded. */
  readonly opening: string;
  /** At least half of the run's characters lie in the document's learned boilerplate lines (site furniture). */
  readonly boilerplate: boolean;
}

export interface Divergence {
  /** Passages of the member that the canonical lacks (site boilerplate, teasers, footers, new material). */
  readonly added: readonly Passage[];
  /** Passages of the canonical that the member lacks (cuts). */
  readonly missing: readonly Passage[];
  /** Words changed in place: runs shorter than a passage (spelling, a swapped word). */
  readonly changedWords: number;
}

/** No passages: one frozen array for every divergence without any, as most members have none. */
export const NO_PASSAGES: readonly Passage[] = Object.freeze([]);

/** Runs of fewer uncovered words are counted as changed words, not listed as passages. */
export const MIN_PASSAGE_WORDS = 3;
const OPENING_WORDS = 10;

/**
 * The other document's shingles, looked up at every shingle position of a document: a hash table costs less than binary
 * searches, which mispredict at most of their steps. One table for every call, as each runs to its end.
 */
const otherShingleTable = new MembershipTable();

/**
 * Which tokens of `doc` the other document also has: a token is covered when a shingle through it is in the
 * other's shingle set, or when it lies in a sentence aligned with one of the other's.
 */
export function coveredTokens(doc: AnalyzedDocument, otherShingles: Int32Array, alignedRanges: ReadonlyArray<readonly [number, number]> = []): Uint8Array {
  const n = doc.tokens.count;
  const { shingles } = doc;
  const width = Math.min(n, shingles.length === 0 ? 0 : n - shingles.length + 1);
  const other = otherShingleTable;
  other.load(otherShingles);
  // Difference array: +1 where a shared shingle starts, -1 one past its last token.
  const delta = new Int32Array(n + 1);
  for (let p = 0; p < shingles.length; p++) {
    if (other.has(shingles[p]!)) {
      delta[p]!++;
      delta[p + width]!--;
    }
  }
  for (const [from, to] of alignedRanges) {
    delta[from]!++;
    delta[to]!--;
  }
  const covered = new Uint8Array(n);
  let depth = 0;
  for (let t = 0; t < n; t++) {
    depth += delta[t]!;
    covered[t] = depth > 0 ? 1 : 0;
  }
  return covered;
}

/** UTF-16 units of [start, end) that lie in `spans` (ascending, disjoint). */
function unitsInSpans(spans: AnalyzedDocument['boilerplateSpans'], start: number, end: number): number {
  let n = 0;
  for (const span of spans) {
    if (span.start >= end) break;
    n += Math.max(0, Math.min(end, span.end) - Math.max(start, span.start));
  }
  return n;
}

function passagesOf(doc: AnalyzedDocument, covered: Uint8Array): { passages: readonly Passage[]; changedWords: number } {
  const passages: Passage[] = [];
  let changedWords = 0;
  const n = covered.length;
  const { starts, ends } = doc.tokens;
  for (let t = 0; t < n; ) {
    if (covered[t]) {
      t++;
      continue;
    }
    const first = t;
    while (t < n && !covered[t]) t++;
    const words = t - first;
    if (words < MIN_PASSAGE_WORDS) {
      changedWords += words;
      continue;
    }
    const openingEnd = ends[Math.min(first + OPENING_WORDS, t) - 1]!;
    const opening = ownString(doc.text.slice(starts[first]!, openingEnd).replace(/\s+/g, ' ') + (words > OPENING_WORDS ? ' …' : ''));
    const start = starts[first]!;
    const end = ends[t - 1]!;
    passages.push({
      at: first === 0 ? 'start' : t === n ? 'end' : 'middle',
      words,
      start,
      end,
      opening,
      boilerplate: 2 * unitsInSpans(doc.boilerplateSpans, start, end) >= end - start,
    });
  }
  return { passages: passages.length === 0 ? NO_PASSAGES : passages, changedWords };
}

/**
 * The string in characters of its own. V8 builds replace()'s result as a tree of pieces sliced from the text, and a
 * report holding the tree holds every member's whole text: at a million articles, 300 MB the collector marked again
 * and again. Slicing a tree copies it flat first, and the slice then points into that copy alone.
 */
function ownString(s: string): string {
  return ` ${s}`.slice(1);
}

const fullSets = new WeakMap<AnalyzedDocument, Int32Array>();

/**
 * Every distinct shingle of the document, boilerplate included: coverage is judged on the text as it stands, so furniture
 * both documents carry is shared and only furniture one of them lacks becomes a (boilerplate) passage.
 */
function allShingles(doc: AnalyzedDocument): Int32Array {
  if (doc.boilerplateSpans.length === 0) return doc.shingleSet;
  let set = fullSets.get(doc);
  if (!set) fullSets.set(doc, (set = toSortedSet(doc.shingles)));
  return set;
}

/**
 * How a member differs from its canonical: what it adds, what it lacks, and how many words it changes in place.
 * `memberAligned` and `canonicalAligned` are token ranges of sentences aligned between the two, if any.
 */
export function divergence(
  member: AnalyzedDocument,
  canonical: AnalyzedDocument,
  memberAligned: ReadonlyArray<readonly [number, number]> = [],
  canonicalAligned: ReadonlyArray<readonly [number, number]> = [],
): Divergence {
  const added = passagesOf(member, coveredTokens(member, allShingles(canonical), memberAligned));
  const missing = passagesOf(canonical, coveredTokens(canonical, allShingles(member), canonicalAligned));
  return { added: added.passages, missing: missing.passages, changedWords: added.changedWords };
}
