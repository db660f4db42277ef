/**
 * Pass 1 of a scan, one piece of input at a time: read its articles and fingerprint each (counts, token digest,
 * MinHash signatures and LSH band keys of shingles and content stems, line keys), keeping no text. A pure function of
 * the piece and the settings, so pieces can be fingerprinted on worker threads and put back in input order.
 */
import { DistinctCounter, Fingerprinter, textDigest } from '../text/token-hashes.js';
import { type Banding, bandKeysInto } from './lsh.js';
import { MinHasher } from './minhash.js';
import { SENTENCE_BANDS, writeSentenceKeys } from './sentence-keys.js';
import { MIN_EVIDENCE_WORDS } from '../text/sentence-sketch.js';
import { type ArticlePiece, isFromStdin, type PieceRead, type PieceRecord, readPiece, type ReadOptions } from '../input/read.js';

/** What fingerprints depend on: the same settings on every thread give the same fingerprints. */
export interface FingerprintSettings {
  readonly numPerm: number;
  readonly seed: number;
  readonly shingleSize: number;
  readonly banding: Banding;
  /** Banding of content-stem sets, when rewrites are looked for. */
  readonly contentBanding?: Banding;
  /** Whether to keep each article's line keys, for boilerplate learning. */
  readonly lineKeys: boolean;
  /** Whether to key each article's sentences (sentence-keys.ts), when rewrites are looked for. */
  readonly sentenceKeys?: boolean;
  readonly read: ReadOptions;
}

/** Counts kept per article, in this order, in FingerprintedPiece.counts. */
export const COUNT_FIELDS = 4;

/**
 * A piece read and fingerprinted. Article records (with their text left out, except from standard input, which cannot
 * be read twice) and problems, in order; the n-th article record owns row n of each array.
 */
export interface FingerprintedPiece {
  readonly records: PieceRecord[];
  readonly lines: number;
  readonly nonBlank: number;
  /** Per article: words, distinct shingles, distinct content stems, text digest. An article of 0 words has nothing else. */
  readonly counts: Int32Array;
  readonly signatures: Int32Array;
  readonly bandKeys: Int32Array;
  readonly contentSignatures: Int32Array;
  readonly contentKeys: Int32Array;
  /** Line keys of all articles end to end; article n's are lineKeys[lineKeyStarts[n] … lineKeyStarts[n+1]). */
  readonly lineKeys: Int32Array;
  readonly lineKeyStarts: Int32Array;
  /** Sentence keys of all articles end to end, as line keys are. */
  readonly sentenceKeys: Int32Array;
  readonly sentenceKeyStarts: Int32Array;
}

/** The buffers of a fingerprinted piece, for postMessage's transfer list. */
export function transferablesOf(piece: FingerprintedPiece): ArrayBuffer[] {
  return [
    piece.counts,
    piece.signatures,
    piece.bandKeys,
    piece.contentSignatures,
    piece.contentKeys,
    piece.lineKeys,
    piece.lineKeyStarts,
    piece.sentenceKeys,
    piece.sentenceKeyStarts,
  ].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/**
 * MinHash signature and LSH band keys of one set, into buffers reused across documents. An empty set has nothing to
 * compare: it gets band keys of its own (from the document's number), so such documents do not all share one bucket.
 */
export class BandSigner {
  readonly signature: Int32Array;
  readonly keys: Int32Array;

  constructor(
    private readonly hasher: MinHasher,
    private readonly banding: Banding,
    /** Keeps the own keys of one signer apart from another's. */
    private readonly salt: number,
  ) {
    this.signature = new Int32Array(hasher.params.numPerm);
    this.keys = new Int32Array(banding.bands);
  }

  /** Signs `set`; `document` (its number in the corpus) names the keys of an empty set. */
  sign(set: Int32Array, document: number): void {
    if (set.length > 0) {
      this.hasher.signatureInto(set, this.signature, 0);
      bandKeysInto(this.signature, 0, this.banding, this.keys, 0);
      return;
    }
    this.ownKeys(document);
  }

  /** Keys no other document shares: for a set that is empty, or whose keys are not known until its number is. */
  ownKeys(document: number): void {
    for (let b = 0; b < this.keys.length; b++) this.keys[b] = Math.imul(document + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b) ^ this.salt;
    this.signature.fill(document);
  }
}

export const SHINGLE_SALT = 0;
export const CONTENT_SALT = 0x5bd1e995;

/** Figures of an article stored by an earlier run (an index), which stand for fingerprinting it again. */
export interface StoredFigures {
  readonly words: number;
  readonly shingles: number;
  readonly signature: Int32Array;
  readonly stems?: number;
  readonly stemSignature?: Int32Array;
}

/**
 * The figures an index stores of article n of a fingerprinted piece: the one per-article fingerprint, for `scan --db`
 * and `index add` alike. `withStems`: the index keeps content stems, and an article without any is stored with
 * `emptySignature` (the signature of an empty set).
 */
export function storedFigures(piece: FingerprintedPiece, n: number, numPerm: number, withStems: boolean, emptySignature: Int32Array): StoredFigures {
  const stems = piece.counts[n * COUNT_FIELDS + 2]!;
  return {
    words: piece.counts[n * COUNT_FIELDS]!,
    shingles: piece.counts[n * COUNT_FIELDS + 1]!,
    signature: piece.signatures.slice(n * numPerm, (n + 1) * numPerm),
    ...(withStems ? { stems, stemSignature: stems > 0 ? piece.contentSignatures.slice(n * numPerm, (n + 1) * numPerm) : emptySignature } : {}),
  };
}

/** Reads and fingerprints pieces, reusing its buffers: one per thread. */
export class PieceFingerprinter {
  private readonly fingerprinter = new Fingerprinter();
  private readonly counter = new DistinctCounter();
  private readonly shingleSigner: BandSigner;
  private readonly contentSigner: BandSigner | undefined;
  /** Where a piece's sentence keys are gathered, kept from piece to piece (grown for the most keys a piece had): each piece's are copied out. */
  private sentenceKeyBuffer = new Int32Array(0);

  constructor(readonly settings: FingerprintSettings) {
    const hasher = new MinHasher({ numPerm: settings.numPerm, seed: settings.seed });
    this.shingleSigner = new BandSigner(hasher, settings.banding, SHINGLE_SALT);
    this.contentSigner = settings.contentBanding && new BandSigner(hasher, settings.contentBanding, CONTENT_SALT);
  }

  fingerprint(piece: ArticlePiece): FingerprintedPiece {
    return this.fingerprintRead(readPiece(piece, this.settings.read), isFromStdin(piece));
  }

  /**
   * Fingerprints the articles of a piece already read. `stored(n, text)` gives the stored figures of the n-th article
   * where they can stand for its fingerprints (same text, stems where they are needed): its signatures are then not
   * computed again, only its band keys, digest and line keys.
   */
  fingerprintRead(read: PieceRead, retainText: boolean, stored?: (n: number, text: string) => StoredFigures | undefined): FingerprintedPiece {
    const { numPerm, shingleSize, banding, contentBanding } = this.settings;
    const articles = read.records.reduce((n, r) => n + (r.kind === 'article' ? 1 : 0), 0);
    const contentBands = contentBanding?.bands ?? 0;
    const counts = new Int32Array(articles * COUNT_FIELDS);
    const signatures = new Int32Array(articles * numPerm);
    const bandKeys = new Int32Array(articles * banding.bands);
    const contentSignatures = new Int32Array(contentBanding ? articles * numPerm : 0);
    const contentKeys = new Int32Array(articles * contentBands);
    const lineKeyStarts = new Int32Array(articles + 1);
    let lineKeys: Int32Array<ArrayBuffer> = new Int32Array(this.settings.lineKeys ? articles * 16 : 0);
    const sentenceKeyStarts = new Int32Array(articles + 1);
    let sentenceKeys = this.sentenceKeyBuffer;
    const fp = this.fingerprinter;
    const records: PieceRecord[] = [];
    let n = 0;
    for (const record of read.records) {
      if (record.kind === 'problem') {
        records.push(record);
        continue;
      }
      const { text, ...rest } = record.article;
      records.push({ ...record, article: retainText ? record.article : { ...rest, text: '' } });
      lineKeyStarts[n + 1] = lineKeyStarts[n]!;
      sentenceKeyStarts[n + 1] = sentenceKeyStarts[n]!;
      const known = stored?.(n, text);
      if (known) {
        counts[n * COUNT_FIELDS] = known.words;
        counts[n * COUNT_FIELDS + 1] = known.shingles;
        counts[n * COUNT_FIELDS + 3] = textDigest(text);
        signatures.set(known.signature, n * numPerm);
        bandKeysInto(known.signature, 0, banding, bandKeys, n * banding.bands);
        if (contentBanding && known.stemSignature && known.stems) {
          counts[n * COUNT_FIELDS + 2] = known.stems;
          contentSignatures.set(known.stemSignature, n * numPerm);
          bandKeysInto(known.stemSignature, 0, contentBanding, contentKeys, n * contentBands);
        }
        if (this.settings.lineKeys) lineKeys = appendLineKeys(lineKeys, lineKeyStarts, n, fp.lineKeysOf(text));
        if (this.settings.sentenceKeys && known.words >= MIN_EVIDENCE_WORDS && fp.tokenize(text, false) > 0) sentenceKeys = this.appendSentenceKeysOfLast(sentenceKeys, sentenceKeyStarts, n);
        n++;
        continue;
      }
      const words = fp.tokenize(text, this.settings.lineKeys);
      if (words > 0) {
        const shingles = fp.shingles(shingleSize);
        counts[n * COUNT_FIELDS] = words;
        counts[n * COUNT_FIELDS + 1] = fp.distinctShingles();
        counts[n * COUNT_FIELDS + 3] = fp.textDigest();
        // A non-empty set's signature does not depend on the document's number; an empty one's is given in ownKeys().
        this.shingleSigner.sign(shingles, 0);
        signatures.set(this.shingleSigner.signature, n * numPerm);
        bandKeys.set(this.shingleSigner.keys, n * banding.bands);
        if (this.contentSigner) {
          const stems = fp.contentStems();
          const distinctStems = this.counter.count(stems);
          counts[n * COUNT_FIELDS + 2] = distinctStems;
          if (distinctStems > 0) {
            this.contentSigner.sign(stems, 0);
            contentSignatures.set(this.contentSigner.signature, n * numPerm);
            contentKeys.set(this.contentSigner.keys, n * contentBands);
          }
        }
        if (this.settings.lineKeys) lineKeys = appendLineKeys(lineKeys, lineKeyStarts, n, fp.lineKeys());
        if (this.settings.sentenceKeys && words >= MIN_EVIDENCE_WORDS) sentenceKeys = this.appendSentenceKeysOfLast(sentenceKeys, sentenceKeyStarts, n);
      }
      n++;
    }
    return {
      records,
      lines: read.lines,
      nonBlank: read.nonBlank,
      counts,
      signatures,
      bandKeys,
      contentSignatures,
      contentKeys,
      lineKeys: lineKeys.slice(0, lineKeyStarts[n]),
      lineKeyStarts,
      sentenceKeys: (this.sentenceKeyBuffer = sentenceKeys).slice(0, sentenceKeyStarts[n]),
      sentenceKeyStarts,
    };
  }

  /** Sets article n's sentence keys, of the text the fingerprinter last tokenised, after article n-1's; returns the buffer. */
  private appendSentenceKeysOfLast(all: Int32Array<ArrayBuffer>, starts: Int32Array, n: number): Int32Array<ArrayBuffer> {
    const fp = this.fingerprinter;
    const hashes = fp.tokenHashes();
    const sentenceStarts = fp.sentenceStarts();
    const most = starts[n]! + SENTENCE_BANDS * sentenceStarts.length;
    const buffer = most > all.length ? grown(all, most) : all;
    starts[n + 1] = starts[n]! + writeSentenceKeys(buffer, starts[n]!, hashes, hashes.length, sentenceStarts, { dropStopWords: true });
    return buffer;
  }
}

/** Sets article n's line keys after article n-1's, growing the buffer when need be; returns the buffer. */
function appendLineKeys(all: Int32Array<ArrayBuffer>, starts: Int32Array, n: number, keys: Int32Array): Int32Array<ArrayBuffer> {
  const end = starts[n]! + keys.length;
  const buffer = end > all.length ? grown(all, end) : all;
  buffer.set(keys, starts[n]!);
  starts[n + 1] = end;
  return buffer;
}

function grown(a: Int32Array, least: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(least, a.length * 2));
  b.set(a);
  return b;
}
