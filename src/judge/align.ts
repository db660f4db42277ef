import type { SentenceSketch } from '../text/sentence-sketch.js';
import { intersectionSize } from '../text/shingle.js';

/**
 * Sentence alignment as a sub-editor works: each sentence of the member is matched to the canonical sentence it was
 * written from, wherever that stands (re-ordering), or to two neighbouring canonical sentences it condenses; member
 * sentences of their own and canonical sentences left out (deletions) simply stay unmatched.
 */

/** A member sentence derived from the canonical: indexes into each side's sentence sketches. */
export interface DerivedSentence {
  readonly member: number;
  /** One canonical sentence, or two neighbouring ones the member sentence condenses. */
  readonly canonical: readonly number[];
}

export interface SentenceReuse {
  /** Member sentences derived from the canonical, in the member's order. */
  readonly derived: DerivedSentence[];
  readonly memberSentences: number;
  readonly canonicalSentences: number;
  /** Share of the member's sentences derived from the canonical. */
  readonly shareOfMember: number;
  /** Share of the canonical's sentences used by the member. */
  readonly shareOfCanonical: number;
}

/** A derived sentence shares at least this many content stems with its canonical sentence(s). */
export const MIN_SHARED_STEMS = 3;
/** … at least this share of its own content stems … */
export const MIN_STEM_CONTAINMENT = 0.5;
/** … and at least this many pairs of consecutive stems: the wire's phrasing kept, not only its facts. */
export const MIN_SHARED_STEM_PAIRS = 2;
/** A sentence matched this well by one canonical sentence is not tried against two. */
const CONDENSE_BELOW = 0.8;

/**
 * Whether a match sharing `stems` stems (`containment` of the member sentence's), `pairs` stem pairs and `numbersShared`
 * numbers makes the member sentence derived.
 */
function qualifies(member: SentenceSketch, stems: number, containment: number, pairs: number, numbersShared: number): boolean {
  return stems >= MIN_SHARED_STEMS && containment >= MIN_STEM_CONTAINMENT && pairs >= MIN_SHARED_STEM_PAIRS && numbersShared === member.numbers.length;
}

/** How many values of `m` are in `a` or in `b`: |m ∩ (a ∪ b)|, all three sorted and distinct, without making the union. */
function sharedWithEither(m: Int32Array, a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  for (let k = 0; k < m.length; k++) {
    const x = m[k]!;
    while (i < a.length && a[i]! < x) i++;
    while (j < b.length && b[j]! < x) j++;
    if ((i < a.length && a[i] === x) || (j < b.length && b[j] === x)) shared++;
  }
  return shared;
}

/**
 * Which of the member's sentences derive from which of the canonical's. A member sentence keeps every one of its
 * numbers from its source sentence(s): a rewrite keeps the story's figures, a templated item keeps the frame and
 * changes some of them. Ties go to the earlier canonical sentence, so the result never depends on anything but the
 * two texts.
 */
export function alignSentences(canonical: readonly SentenceSketch[], member: readonly SentenceSketch[]): SentenceReuse {
  // A pair is aligned when verified, when its canonical is chosen and when its member is reported: once is enough.
  let byMember = alignments.get(canonical);
  if (byMember === undefined) alignments.set(canonical, (byMember = new WeakMap()));
  let reuse = byMember.get(member);
  if (reuse === undefined) byMember.set(member, (reuse = alignOnce(canonical, member)));
  return reuse;
}

/** Alignments made, by the two documents' sketches (each document keeps one array of them). */
const alignments = new WeakMap<readonly SentenceSketch[], WeakMap<readonly SentenceSketch[], SentenceReuse>>();

/**
 * Per stem, the canonical sentences holding it: each member sentence meets only the sentences it shares stems with.
 * An open-addressing table of stems, each slot heading a chain of (sentence, next) entries; made once per document's
 * sketches, as a document is aligned against each of its partners, both ways.
 */
class StemHolders {
  private readonly stems: Int32Array;
  private readonly heads: Int32Array;
  readonly sentence: Int32Array;
  readonly next: Int32Array;
  private readonly shift: number;

  constructor(sketches: readonly SentenceSketch[]) {
    let entries = 0;
    for (const sketch of sketches) entries += sketch.stems.length;
    let bits = 4;
    while (1 << bits < 2 * entries) bits++;
    this.shift = 32 - bits;
    this.stems = new Int32Array(1 << bits);
    this.heads = new Int32Array(1 << bits).fill(-1);
    this.sentence = new Int32Array(entries);
    this.next = new Int32Array(entries);
    let e = 0;
    sketches.forEach((sketch, c) => {
      for (const stem of sketch.stems) {
        const slot = this.slotOf(stem);
        this.stems[slot] = stem;
        this.sentence[e] = c;
        this.next[e] = this.heads[slot]!;
        this.heads[slot] = e++;
      }
    });
  }

  /** The first entry of the sentences holding `stem`, or -1; the others follow through `next`. */
  first(stem: number): number {
    return this.heads[this.slotOf(stem)]!;
  }

  /** The slot holding `stem`, or the empty slot where it would go. */
  private slotOf(stem: number): number {
    const mask = this.heads.length - 1;
    let slot = Math.imul(stem, 0x9e3779b1) >>> this.shift;
    while (this.heads[slot] !== -1 && this.stems[slot] !== stem) slot = (slot + 1) & mask;
    return slot;
  }
}

const stemHolders = new WeakMap<readonly SentenceSketch[], StemHolders>();

/** Canonical sentences a member sentence meets, written again for each: grown as needed, never shrunk. */
let metScratch = new Int32Array(64);

function alignOnce(canonical: readonly SentenceSketch[], member: readonly SentenceSketch[]): SentenceReuse {
  let holders = stemHolders.get(canonical);
  if (holders === undefined) stemHolders.set(canonical, (holders = new StemHolders(canonical)));
  const { sentence, next } = holders;
  const shared = new Int32Array(canonical.length);
  if (metScratch.length < canonical.length) metScratch = new Int32Array(2 * canonical.length);
  const met = metScratch;
  const derived: DerivedSentence[] = [];
  const used = new Uint8Array(canonical.length);
  for (let index = 0; index < member.length; index++) {
    const m = member[index]!;
    const memberStems = m.stems.length;
    let metCount = 0;
    for (const stem of m.stems) {
      for (let e = holders.first(stem); e !== -1; e = next[e]!) {
        const c = sentence[e]!;
        if (shared[c] === 0) met[metCount++] = c;
        shared[c] = shared[c]! + 1;
      }
    }
    const metSorted = met.subarray(0, metCount).sort();
    // The best match so far: its first canonical sentence (-1: none), the second it condenses with (-1: none), its score.
    let bestFirst = -1;
    let bestSecond = -1;
    let bestStems = 0;
    let bestContainment = 0;
    // On a tie, the canonical sentence the member covers most: the same sentence before a longer one that holds it.
    let bestCover = 0;
    // A sentence can do no better than its shared stems allow: one that cannot qualify, or cannot beat the best found,
    // is passed over before its stem pairs and numbers are counted.
    const hopeless = (stems: number) => stems < MIN_SHARED_STEMS || stems / memberStems < MIN_STEM_CONTAINMENT || (bestFirst >= 0 && stems <= bestStems);
    for (let k = 0; k < metCount; k++) {
      const c = metSorted[k]!;
      const stems = shared[c]!;
      // A tie on shared stems may still win on cover (asked only then: most sentences met are hopeless).
      const tie = bestFirst >= 0 && stems === bestStems;
      if (hopeless(stems) && !(tie && stems / canonical[c]!.stems.length > bestCover)) continue;
      const cover = stems / canonical[c]!.stems.length;
      const containment = stems / memberStems;
      if (!qualifies(m, stems, containment, intersectionSize(m.stemPairs, canonical[c]!.stemPairs), intersectionSize(m.numbers, canonical[c]!.numbers))) continue;
      if (bestFirst < 0 || containment > bestContainment || (containment === bestContainment && cover > bestCover)) {
        bestFirst = c;
        bestSecond = -1;
        bestStems = stems;
        bestContainment = containment;
        bestCover = cover;
      }
    }
    if (bestFirst < 0 || bestContainment < CONDENSE_BELOW) {
      // One sentence condensing two: each of the two must give it stems the other does not.
      for (let k = 0; k < metCount; k++) {
        const c = metSorted[k]!;
        const following = c + 1;
        if (following >= canonical.length || shared[following]! === 0) continue;
        if (hopeless(Math.min(memberStems, shared[c]! + shared[following]!))) continue;
        const a = canonical[c]!;
        const b = canonical[following]!;
        const stems = sharedWithEither(m.stems, a.stems, b.stems);
        if (stems - shared[following]! < 2 || stems - shared[c]! < 2) continue;
        const containment = stems / memberStems;
        if (!qualifies(m, stems, containment, sharedWithEither(m.stemPairs, a.stemPairs, b.stemPairs), sharedWithEither(m.numbers, a.numbers, b.numbers))) continue;
        if (bestFirst < 0 || containment > bestContainment) {
          bestFirst = c;
          bestSecond = following;
          bestStems = stems;
          bestContainment = containment;
        }
      }
    }
    for (let k = 0; k < metCount; k++) shared[metSorted[k]!] = 0;
    if (bestFirst >= 0) {
      derived.push({ member: index, canonical: bestSecond < 0 ? [bestFirst] : [bestFirst, bestSecond] });
      used[bestFirst] = 1;
      if (bestSecond >= 0) used[bestSecond] = 1;
    }
  }
  const usedCount = used.reduce((n, u) => n + u, 0);
  return {
    derived,
    memberSentences: member.length,
    canonicalSentences: canonical.length,
    shareOfMember: member.length === 0 ? 0 : derived.length / member.length,
    shareOfCanonical: canonical.length === 0 ? 0 : usedCount / canonical.length,
  };
}
