import { analyze, type AnalyzedDocument, boilerplateTokens } from '../../src/text/analyze.js';
import { lineKeys } from '../../src/text/boilerplate.js';
import { Fingerprinter, textDigest, type TokenizerBackend } from '../../src/text/token-hashes.js';
import { sentenceFeatures } from '../../src/text/sentences.js';
import { shingleHashes, toSortedSet } from '../../src/text/shingle.js';

/**
 * The fast paths (the Fingerprinter, analyzeFingerprinted) checked against the reference analyze(): shared by
 * token-hashes.test.ts, analyze.test.ts and reuters-corpus.test.ts, which makes one reference per Reuters story
 * for both (and for its boilerplate checks).
 */

export const fingerprinters: Record<TokenizerBackend, Fingerprinter> = { wasm: new Fingerprinter(), js: new Fingerprinter('js') };
export const BACKENDS: readonly TokenizerBackend[] = ['wasm', 'js'];

/** Shingle sizes besides the usual 5 checked: fewer than a SIMD loop's four windows, and a general k. */
export const OTHER_K = [1, 2, 3, 4, 6, 9];

export type Reference = ReturnType<typeof reference>;

/** What the reference path gives for a text: the slow part of a check, made once for both tokenisers. */
export function reference(text: string, otherK: readonly number[] = OTHER_K, doc: AnalyzedDocument = analyze({ id: 'x', text, source: 'x' }, 5), keys: Int32Array = lineKeys(text)) {
  return {
    doc,
    contentSet: sentenceFeatures(doc.tokens).contentSet,
    keys,
    distinct: new Set(doc.shingles).size,
    digest: textDigest(text),
    otherK: otherK.map((k) => {
      const shingles = shingleHashes(doc.tokenHashes, k);
      return { k, shingles, distinct: new Set(shingles).size };
    }),
  };
}

/**
 * Whether the fast path (with the given tokeniser) gives exactly what the reference path gives: token hashes,
 * shingles (and their distinct count) for k = 5 and `otherK`, content-stem set, line keys, text digest.
 */
export function agrees(text: string, backend: TokenizerBackend = 'wasm', otherK: readonly number[] = OTHER_K, expected = reference(text, otherK)): boolean {
  const fingerprinter = fingerprinters[backend];
  const { doc, contentSet, keys } = expected;
  fingerprinter.tokenize(text);
  const tokens = fingerprinter.tokenHashes();
  const shingles = fingerprinter.shingles(5);
  const distinct = fingerprinter.distinctShingles();
  const stems = toSortedSet(Int32Array.from(fingerprinter.contentStems()));
  return (
    same(tokens, doc.tokenHashes) &&
    same(shingles, doc.shingles) &&
    distinct === expected.distinct &&
    same(stems, contentSet) &&
    // The sentences a rewrite candidate is first checked on, counted without making the analysis.
    fingerprinter.sentenceCount() === doc.tokens.sentenceStarts.length &&
    // Where each sentence starts, which the first pass keys sentences by (the kernel finds them where it has the text).
    same(fingerprinter.sentenceStarts(), doc.tokens.sentenceStarts) &&
    same(Int32Array.from(fingerprinter.lineKeys()), keys) &&
    // Keyed in the tokenising pass, the lines and tokens come out the same, and so they do for a text not tokenised.
    fingerprinter.tokenize(text, true) === doc.tokenHashes.length &&
    same(fingerprinter.tokenHashes(), doc.tokenHashes) &&
    same(Int32Array.from(fingerprinter.lineKeys()), keys) &&
    same(Int32Array.from(fingerprinter.lineKeysOf(text)), keys) &&
    fingerprinter.textDigest() === expected.digest &&
    expected.otherK.every(({ k, shingles, distinct }) => same(fingerprinter.shingles(k), shingles) && fingerprinter.distinctShingles() === distinct)
  );
}

/** Whether two arrays hold the same values in the same order (a loop: every() with a closure cost 0.6 s of the Reuters check's 10). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An analysis as plain values to compare, words included: the parts of an analysed document every later stage reads.
 * `asArrays` false keeps the typed arrays, for isDeepStrictEqual (as strict, and what makes comparing every Reuters
 * story affordable: spreading them to arrays cost more than both analyses).
 */
export function plain(d: AnalyzedDocument, asArrays = true) {
  const { tokens } = d;
  const values = (a: Uint32Array | Int32Array) => (asArrays ? [...a] : a);
  return {
    id: d.id,
    date: d.date,
    text: d.text,
    count: tokens.count,
    words: tokens.words,
    starts: values(tokens.starts),
    ends: values(tokens.ends),
    sentenceStarts: values(tokens.sentenceStarts),
    tokenHashes: values(d.tokenHashes),
    shingles: values(d.shingles),
    shingleSet: values(d.shingleSet),
    boilerplateSpans: d.boilerplateSpans,
    contentSet: values(sentenceFeatures(tokens, boilerplateTokens(tokens, d.boilerplateSpans), d.tokenHashes).contentSet),
  };
}
