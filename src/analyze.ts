import { foldText, normalizeText } from './normalize.js';
import type { SourceDocument } from './read.js';
import { shingleHashes, toSortedSet } from './shingle.js';
import { hashWords, type Tokens, tokenize } from './tokenize.js';

/** A document after normalising, tokenising and shingling: what every later stage works from. */
export interface AnalyzedDocument {
  readonly id: string;
  readonly source: string;
  readonly date?: string;
  /** NFKC text: what offsets refer to and what reports quote. */
  readonly text: string;
  readonly tokens: Tokens;
  readonly tokenHashes: Int32Array;
  /** Shingle hash at each token position (position i covers tokens i … i+k-1). */
  readonly shingles: Int32Array;
  /** Distinct shingle hashes, sorted. */
  readonly shingleSet: Int32Array;
}

/** Normalise, tokenise and shingle one document. */
export function analyze(document: SourceDocument, shingleSize: number): AnalyzedDocument {
  const text = normalizeText(document.text);
  const tokens = tokenize(foldText(text));
  const tokenHashes = hashWords(tokens.words);
  const shingles = shingleHashes(tokenHashes, shingleSize);
  return {
    id: document.id,
    source: document.source,
    ...(document.date === undefined ? {} : { date: document.date }),
    text,
    tokens,
    tokenHashes,
    shingles,
    shingleSet: toSortedSet(shingles),
  };
}
