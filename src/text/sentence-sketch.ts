import { distinctOfSorted } from './shingle.js';
import { hashSpan, type Tokens } from './tokenize.js';

/**
 * A sentence reduced to what a sub-editor keeps when re-wording it: its content stems (names, numbers and stemmed
 * content words, stop words left out), the pairs of content stems that follow each other in it (the wire's phrasing,
 * which a sentence written independently about the same event rarely shares), and its numbers.
 */
export interface SentenceSketch {
  /** Sorted distinct stem hashes. */
  readonly stems: Int32Array;
  /** Sorted distinct hashes of consecutive content-stem pairs. */
  readonly stemPairs: Int32Array;
  /** Sorted distinct hashes of the number tokens. */
  readonly numbers: Int32Array;
  /** Token range [first, end) in the document. */
  readonly range: readonly [number, number];
}

/** A text of fewer words is too short to judge a rewrite by: it is grouped only with copies of its own words. */
export const MIN_EVIDENCE_WORDS = 25;

/** Sentences with fewer distinct content stems (datelines, bylines, "end") say too little to match. */
export const MIN_SENTENCE_STEMS = 4;

/**
 * The sketches of a document's sentences that have at least MIN_SENTENCE_STEMS stems, in order. `tokenStems` holds each
 * token's stem hash, 0 for a stop word and for every token of a sentence left out (boilerplate).
 */
export function sentenceSketches(tokens: Tokens, tokenStems: Int32Array): SentenceSketch[] {
  const { sentenceStarts, count, starts, ends } = tokens;
  // Numbers are read in the folded text: no spelling variant starts with a digit, so a number is spelled as folded.
  const folded = tokens.foldedText();
  const sketches: SentenceSketch[] = [];
  const stems = new Int32Array(count);
  const pairs = new Int32Array(count);
  const numbers = new Int32Array(count);
  for (let s = 0; s < sentenceStarts.length; s++) {
    const first = sentenceStarts[s]!;
    const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : count;
    let stemCount = 0;
    let pairCount = 0;
    let numberCount = 0;
    let previous = 0;
    for (let t = first; t < end; t++) {
      const c = folded.charCodeAt(starts[t]!);
      // Every number, single digits too (stop words, with no stem): "1.5 billion" and "two billion" differ.
      if (c >= 48 && c <= 57) numbers[numberCount++] = hashSpan(folded, starts[t]!, ends[t]!);
      const stem = tokenStems[t]!;
      if (stem === 0) continue;
      stems[stemCount++] = stem;
      if (previous !== 0) pairs[pairCount++] = Math.imul(previous, 0x9e3779b1) ^ stem;
      previous = stem;
    }
    // Sorted in place: the scratch arrays are written again from 0 for the next sentence.
    const stemSet = distinctOfSorted(stems.subarray(0, stemCount).sort());
    if (stemSet.length < MIN_SENTENCE_STEMS) continue;
    sketches.push({
      stems: stemSet,
      stemPairs: distinctOfSorted(pairs.subarray(0, pairCount).sort()),
      numbers: distinctOfSorted(numbers.subarray(0, numberCount).sort()),
      range: [first, end],
    });
  }
  return sketches;
}
