/**
 * Storage of an index of signatures behind one interface (jscpd's IStore pattern): `sqlite.ts` keeps it in a file,
 * `postgres.ts` on a PostgreSQL server shared by many machines, `memory.ts` in memory for tests. A store holds data
 * and answers look-ups; it neither reads articles nor computes signatures (src/corpus/add.ts and check.ts do). Every
 * method returns a promise, since a server answers over the network.
 */

import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { IndexError } from '../../errors.js';
import { bandKey } from '../../sketch/lsh.js';
import type { Metric } from '../../options.js';

/**
 * What an index was built with. Everything but `metric` and `threshold` changes the stored signatures or band keys,
 * so an index opened with any other value of them would give wrong answers: opening refuses (IndexError).
 */
export interface IndexParams {
  /** MinHash seed; default 1. */
  readonly seed: number;
  /** MinHash permutations (signature length); default 128. */
  readonly numPerm: number;
  /** Words per shingle; default 5. */
  readonly shingleSize: number;
  /** NORMALIZATION_VERSION of the code that built the index (src/normalize.ts). */
  readonly normalizationVersion: number;
  /** LSH bands the signatures are cut into. */
  readonly bands: number;
  /** Rows (signature values) per band. */
  readonly rows: number;
  /**
   * LSH bands over the MinHash of each article's content stems, through which `check` finds re-worded copies as scan's
   * rewrite pass does; 0 when the index was built without them (--no-rewrites).
   */
  readonly rewriteBands: number;
  /** Rows per rewrite band; 0 without them. */
  readonly rewriteRows: number;
  /** Metric the banding was tuned to, and the default of `check`; default containment. */
  readonly metric: Metric;
  /** Threshold the banding was tuned to, and the default of `check`; default 0.7 for containment. */
  readonly threshold: number;
  /**
   * The signature of a fixed probe text, hex. Catches a change of hashing (tokens, shingles, permutations) that no
   * version number recorded: an index whose probe differs from the running code's is refused.
   */
  readonly probe: string;
  /**
   * Whether the index keeps each article's text (compressed), so a check verifies a match without the original's
   * file: on any machine, and after the file is gone. Chosen when the index is created; absent in older indexes (false).
   */
  readonly storedText?: boolean;
}

/** The params that must agree for an index to be usable, in the order mismatches are reported. */
export const BINDING_PARAMS = ['seed', 'numPerm', 'shingleSize', 'normalizationVersion', 'bands', 'rows', 'probe'] as const;

/** Where a stored document's text can be read again, to verify a match on exact shingle sets. */
export interface DocumentLocation {
  /** Absolute path of the file the article came from, or "-" for standard input (cannot be re-read). */
  readonly source: string;
  /** 1-based line of a JSONL article. */
  readonly line?: number;
  /** Byte offset of that line in the file, so re-reading it does not read the lines before it. */
  readonly offset?: number;
  /** JSONL field the text was read from. */
  readonly field?: string;
}

/** Where an article is read from and its date: what may change while its text does not (an input re-ordered or re-dated). */
export interface ArticlePlace extends DocumentLocation {
  readonly id: string;
  readonly date?: string;
}

const NUMERIC_PARAMS = ['seed', 'numPerm', 'shingleSize', 'normalizationVersion', 'bands', 'rows', 'rewriteBands', 'rewriteRows', 'threshold'] as const;

/** The params an index stores (JSON), or an IndexError calling the index at `where` damaged. */
export function storedParams(json: string | undefined, where: string): IndexParams {
  const damaged = (what: string) => new IndexError(`${where} is a neardup index ${what} (damaged); it was left as it is`);
  if (json === undefined) throw damaged('without its parameters');
  let params: unknown;
  try {
    params = JSON.parse(json);
  } catch {
    throw damaged('whose parameters are not JSON');
  }
  const p = params as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null || NUMERIC_PARAMS.some((name) => typeof p[name] !== 'number') || typeof p.metric !== 'string' || typeof p.probe !== 'string') {
    throw damaged('whose parameters lack some of their fields');
  }
  return params as IndexParams;
}

/** Bytes of UTF-8 an id or a file's path may take in an index: PostgreSQL's unique index refuses some 2,700. */
export const MAX_STORED_NAME_BYTES = 2000;

/**
 * Why an article cannot go into an index, or undefined: every store holds the same articles, and PostgreSQL's text
 * holds no NUL, no lone surrogate (its driver sends one as U+FFFD, another id) and no id its unique index refuses.
 */
export function unstorableReason(id: string, source: string): string | undefined {
  for (const [what, name] of [
    ['id', id],
    ["file's path", source],
  ] as const) {
    if (name.includes('\u0000')) return `cannot go into an index: its ${what} holds a NUL character`;
    if (!name.isWellFormed()) return `cannot go into an index: its ${what} is not well-formed Unicode (a lone surrogate)`;
    const bytes = Buffer.byteLength(name, 'utf8');
    if (bytes > MAX_STORED_NAME_BYTES) return `cannot go into an index: its ${what} is ${bytes} bytes long, over ${MAX_STORED_NAME_BYTES}`;
  }
  return undefined;
}

/** Whether an article's place or date differs from what a store holds of it. */
export function hasMoved(stored: ArticlePlace, place: ArticlePlace): boolean {
  return stored.source !== place.source || stored.line !== place.line || stored.offset !== place.offset || stored.field !== place.field || stored.date !== place.date;
}

/** One indexed article: metadata, signature and the figures check needs without re-reading it. */
export interface StoredDocument extends DocumentLocation {
  /** The article id (as `scan` reports it); unique in an index. */
  readonly id: string;
  /** SHA-256 of the article text (hex): an unchanged article is not re-added, a changed one is replaced. */
  readonly contentHash: string;
  /** Publication time in ISO 8601, where the input gave one. */
  readonly date?: string;
  /** Words (tokens) in the article. */
  readonly words: number;
  /** Distinct shingles in the article: with the signature, an estimate of containment. */
  readonly shingles: number;
  /** MinHash signature, numPerm values. */
  readonly signature: Int32Array;
  /** Distinct content stems (src/sentences.ts), where the index has rewrite bands. */
  readonly stems?: number;
  /** MinHash signature of the content stems, where the index has rewrite bands. */
  readonly stemSignature?: Int32Array;
  /** The article's text as read (its content hash is of this), kept where the index has `storedText`. */
  readonly text?: string;
}

/** A stored document as look-ups return it: with the store's own key, which band rows refer to. */
export interface IndexedDocument extends StoredDocument {
  readonly key: number;
}

/** What a batch write did. */
export interface PutResult {
  readonly added: number;
  readonly replaced: number;
  /** Documents whose id and content hash were already stored: left alone. */
  readonly unchanged: number;
}

export interface IndexStats {
  readonly params: IndexParams;
  readonly documents: number;
  /** Rows in the band table: documents × bands. */
  readonly bandRows: number;
  /** Distinct source files. */
  readonly sources: number;
  /** Earliest and latest publication date among the documents that have one. */
  readonly dates?: { readonly earliest: string; readonly latest: string };
  /** ISO time the index was created. */
  readonly created: string;
  /** ISO time of the last batch written, if any. */
  readonly lastWrite?: string;
}

/** An index of signatures. Every write is a transaction: all of a batch is stored, or none of it. */
export interface SignatureStore {
  readonly params: IndexParams;
  /** Content hashes of the stored documents among `ids` (absent ids are left out). */
  contentHashes(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Stores a batch in one transaction, with the band keys of each signature. A document replaces a stored one of
   * the same id unless their content hashes agree. Ids within a batch must be distinct. A document's `text` is kept
   * only where the index has `storedText`.
   */
  putBatch(documents: readonly StoredDocument[]): Promise<PutResult>;
  /**
   * Sets where stored articles are and their dates, for articles whose text is unchanged (putBatch leaves those
   * alone): a line read again must be read where the article now is. Ids not stored are passed over. Returns how many
   * moved (place or date changed), in one transaction.
   */
  relocate(places: readonly ArticlePlace[]): Promise<number>;
  /**
   * Finishes a run of writes: a store may keep recent band rows aside, where they are cheap to write, and fold them
   * into its main look-up structure in bulk (SqliteStore does, also by itself as they grow). Look-ups find them either way.
   */
  flush(): Promise<void>;
  /** Keys of the documents that share the key of at least one band (`bandKeys[band]`, see bandKeysOf), sorted, each once. */
  candidates(bandKeys: Int32Array): Promise<number[]>;
  /**
   * For each document sharing the key of at least one of these bands, how many it shares: `bandKeys[i]` is the key
   * of band `first + i`. Reads only the band table. A rewrite-band bucket of more than MAX_REWRITE_BUCKET documents
   * is passed over.
   */
  bandHits(bandKeys: Int32Array, first: number): Promise<Map<number, number>>;
  /** The documents with these keys, in key order (without their text: see `text`). */
  documents(keys: readonly number[]): Promise<IndexedDocument[]>;
  /** The ids of the documents with these keys (keys not stored are left out): to order them by what they are. */
  idsOf(keys: readonly number[]): Promise<Map<number, string>>;
  /** The stored text of the document with this key, where the index keeps texts and has this one. */
  text(key: number): Promise<string | undefined>;
  /** Documents stored. */
  count(): Promise<number>;
  /** The document with this id, if stored. */
  byId(id: string): Promise<IndexedDocument | undefined>;
  /** Removes the documents with these ids; returns how many there were. */
  remove(ids: readonly string[]): Promise<number>;
  /** Ids of the documents read from this source, or from files under it when it is a folder. */
  idsFromSource(source: string): Promise<string[]>;
  stats(): Promise<IndexStats>;
  /** Gives back the space of removed documents. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An article's text as an index keeps it: UTF-8 through brotli at quality 5 in text mode. On Reuters (828 bytes of
 * text an article) that is 404 bytes and 0.15 ms an article; deflate-raw gives 433 bytes, brotli 9 no less and 5 ms.
 */
export function packText(text: string): Buffer {
  return brotliCompressSync(Buffer.from(text, 'utf8'), {
    params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 5 },
  });
}

export function unpackText(packed: Uint8Array): string {
  return brotliDecompressSync(packed).toString('utf8');
}

/**
 * Rewrite bands cut MinHash signatures of content stems in bands of two rows: a key shared by thousands of articles is
 * a pair of common stems, and says nothing about which article was re-worded. Look-ups pass over such buckets, so a
 * check does not read more of them as the index grows (at 1,000,000 synthetic articles a rewrite look-up met 300–600
 * articles a band). Shingle bands have no such cap: there, a full bucket is an article copied many times.
 */
export const MAX_REWRITE_BUCKET = 1000;

/**
 * How many documents of a band's bucket a look-up reads: all of a shingle band's (undefined); of a rewrite band's, one
 * more than MAX_REWRITE_BUCKET, enough to know the bucket is passed over.
 */
export function bucketReadLimit(band: number, params: Pick<IndexParams, 'bands'>): number | undefined {
  return band < params.bands ? undefined : MAX_REWRITE_BUCKET + 1;
}

/** Counts a hit for each document of a band's bucket, unless it is a rewrite band's bucket over MAX_REWRITE_BUCKET. */
export function countBucketHits(hits: Map<number, number>, band: number, docs: readonly number[] | ReadonlySet<number>, params: Pick<IndexParams, 'bands'>): void {
  const size = 'size' in docs ? docs.size : docs.length;
  if (band >= params.bands && size > MAX_REWRITE_BUCKET) return;
  for (const doc of docs) hits.set(doc, (hits.get(doc) ?? 0) + 1);
}

/**
 * The LSH bucket key of each band: what the band table stores and look-ups ask for. Bands 0 … bands-1 cut the shingle
 * signature; bands bands … bands+rewriteBands-1 cut the content-stem signature, where the index has rewrite bands.
 */
export function bandKeysOf(signature: Int32Array, params: Pick<IndexParams, 'bands' | 'rows' | 'rewriteBands' | 'rewriteRows'>, stemSignature?: Int32Array): Int32Array {
  const rewriteBands = stemSignature === undefined ? 0 : params.rewriteBands;
  const keys = new Int32Array(params.bands + rewriteBands);
  for (let band = 0; band < params.bands; band++) keys[band] = bandKey(signature, 0, band, params.rows);
  for (let band = 0; band < rewriteBands; band++) keys[params.bands + band] = bandKey(stemSignature!, 0, band, params.rewriteRows);
  return keys;
}

/** Why a document cannot be stored under these params, or undefined. */
export function invalidDocument(doc: StoredDocument, params: IndexParams): string | undefined {
  if (doc.signature.length !== params.numPerm) return `signature of ${doc.id} has ${doc.signature.length} values, not ${params.numPerm}`;
  if (params.rewriteBands > 0 && (doc.stemSignature?.length !== params.numPerm || doc.stems === undefined)) {
    return `${doc.id} has no content-stem signature of ${params.numPerm} values, which this index keeps`;
  }
  return undefined;
}

/** Throws a RangeError naming the first document that cannot be stored under these params: a batch stores all or none. */
export function checkStorable(documents: readonly StoredDocument[], params: IndexParams): void {
  for (const doc of documents) {
    const invalid = invalidDocument(doc, params);
    if (invalid) throw new RangeError(invalid);
  }
}

const PARAM_LABEL: Readonly<Record<(typeof BINDING_PARAMS)[number], string>> = {
  seed: 'seed',
  numPerm: 'num-perm',
  shingleSize: 'shingle-size',
  normalizationVersion: 'normalisation version',
  bands: 'bands',
  rows: 'rows',
  probe: 'hashing probe',
};

/**
 * How `required` differs from what an index was built with, one phrase per binding parameter that differs
 * ("num-perm 64, the index has 128"); empty when the index is usable.
 */
export function paramMismatches(stored: IndexParams, required: Partial<IndexParams>): string[] {
  const out: string[] = [];
  for (const name of BINDING_PARAMS) {
    const want = required[name];
    if (want === undefined || want === stored[name]) continue;
    out.push(name === 'probe' ? 'signatures this neardup computes differ from the stored ones (its hashing changed)' : `${PARAM_LABEL[name]} ${want}, the index has ${stored[name]}`);
  }
  return out;
}
