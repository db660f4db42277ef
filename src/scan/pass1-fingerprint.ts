/**
 * Pass 1 of a scan: every input read once, each article fingerprinted (on worker threads when there are enough bytes)
 * and added to a CorpusTable in input order, keeping where each came from but never its text. With stored fingerprints
 * (`scan --db`), articles the store holds with the same text are not fingerprinted again, and the others are stored.
 */
import type { FileSystem } from '../input/file-system.js';
import { type ArticlePiece, ArticleNotes, duplicateIdReason, type InputPiece, inputPieces, isFromStdin, PiecePlaces, placeOf, readPiece, type SkippedInput } from '../input/read.js';
import type { ScanOptions } from '../options.js';
import { type ArticlePlace, type DocumentLocation, hasMoved, type IndexedDocument, type SignatureStore, type StoredDocument, unstorableReason } from '../corpus/store/store.js';
import { contentHash } from '../input/content-hash.js';
import type { Banding } from '../sketch/lsh.js';
import { MinHasher } from '../sketch/minhash.js';
import {
  BandSigner,
  CONTENT_SALT,
  COUNT_FIELDS,
  type FingerprintedPiece,
  type FingerprintSettings,
  PieceFingerprinter,
  storedFigures,
} from '../sketch/piece-fingerprints.js';
import { CorpusTable, type DocumentMeta, LineKeyStore } from '../sketch/sketch-table.js';
import { SentenceKeyStore } from '../sketch/sentence-lsh.js';
import { type ArticleNote, PROGRESS_EVERY, type ScanObserver } from './observer.js';
import { canStartWorkers, InOrder, MAX_HELD_PIECES, QUEUED_PER_WORKER, ScanPool } from './worker-pool.js';

/**
 * Fingerprints stored by earlier runs (`scan --db`, an index): an article stored with the same text is not
 * fingerprinted again, and the others are stored for the next run. The first pass then runs on one thread.
 */
export interface StoredFingerprints {
  readonly store: SignatureStore;
  /** Where an article can be read again, as the index records it (absolute path). */
  readonly locate: (doc: DocumentMeta) => DocumentLocation;
}

/** What a piece fingerprinted against the store brings along: the content hash of each article, and which were computed. */
interface StoredPiece {
  readonly hashes: readonly string[];
  readonly fresh: ReadonlySet<number>;
  /** What the store holds of the articles whose text it has (by their place among the piece's articles). */
  readonly stored: ReadonlyMap<number, IndexedDocument>;
}

/** What pass 1 leaves for the rest of the scan. */
export interface FirstPass {
  readonly table: CorpusTable;
  /** Every article's line keys, when boilerplate is learned. */
  readonly lines: LineKeyStore | undefined;
  /** Every article's sentence keys (sketch/sentence-lsh.ts), when rewrites are looked for. */
  readonly sentences: SentenceKeyStore | undefined;
  readonly skipped: SkippedInput[];
  readonly ignoredFiles: number;
  readonly notes: ArticleNote[];
  /** Records an input skipped later in the scan, as pass 1 records its own. */
  readonly skip: (skipped: SkippedInput) => void;
  /** With stored fingerprints: articles whose fingerprints were taken from the store, and articles stored. */
  readonly storeCounts?: { readonly reused: number; readonly stored: number };
}

/** Input below this many bytes is fingerprinted on the calling thread: starting workers would cost more than they save. */
const POOL_MIN_BYTES = 1 << 20;

const EMPTY = new Int32Array(0);

/**
 * Reads every input once, keeping fingerprints and where each document came from, never its text. Pieces of input are
 * fingerprinted on `options.jobs` threads and taken back in input order, so the result never depends on it.
 */
export async function fingerprintInputs(
  options: ScanOptions,
  fs: FileSystem,
  observer: ScanObserver,
  banding: Banding,
  contentBanding: Banding | undefined,
  stored: StoredFingerprints | undefined,
  /** Where the worker threads started here are left, for the second pass and for the caller to close. */
  workers: { pool?: ScanPool },
): Promise<FirstPass> {
  const { numPerm } = options;
  // An index with rewrite bands stores content-stem signatures: articles stored from here need them too.
  const storesStems = stored !== undefined && stored.store.params.rewriteBands > 0;
  const signedContent = contentBanding ?? (storesStems ? { bands: stored.store.params.rewriteBands, rows: stored.store.params.rewriteRows } : undefined);
  const settings: FingerprintSettings = {
    numPerm,
    seed: options.seed,
    shingleSize: options.shingleSize,
    banding,
    ...(signedContent ? { contentBanding: signedContent } : {}),
    lineKeys: options.boilerplateMinDocuments > 0,
    sentenceKeys: options.rewrites,
    read: options.read,
  };
  const table = new CorpusTable(numPerm, banding, contentBanding);
  const local = new PieceFingerprinter(settings);
  const jobs = options.jobs ?? 1;
  let bytesRead = 0;
  // For a document with words but no content stems: keys of its own, once its number is known.
  const hasher = new MinHasher({ numPerm, seed: options.seed });
  const contentSigner = contentBanding && new BandSigner(hasher, contentBanding, CONTENT_SALT);
  const lines = settings.lineKeys ? new LineKeyStore() : undefined;
  const sentences = options.rewrites ? new SentenceKeyStore() : undefined;
  const places = new PiecePlaces();
  const skipped: SkippedInput[] = [];
  const notes: ArticleNote[] = [];
  const noting = new ArticleNotes();
  // Id → number of the document first read under it: a number, not its place as text, for a million ids.
  const firstSeen = new Map<string, number>();
  let ignoredFiles = 0;
  const skip = (s: SkippedInput) => {
    skipped.push(s);
    observer.skipped?.(s);
  };

  const storeCounts = { reused: 0, stored: 0 };
  const unstored: StoredDocument[][] = [];
  /** Where the articles whose stored fingerprints were reused are now, for the store (they may have moved). */
  const unplaced: ArticlePlace[][] = [];
  // What the index stores for an article without content stems, as index add does.
  const emptySignature = hasher.signature(EMPTY).values;

  const addPiece = (piece: ArticlePiece, fingerprinted: FingerprintedPiece, storedPiece?: StoredPiece) => {
    const { counts, lineKeys, lineKeyStarts } = fingerprinted;
    const toStore: StoredDocument[] = [];
    const toPlace: ArticlePlace[] = [];
    let n = 0;
    for (const record of fingerprinted.records) {
      const { source, line, id } = places.place(piece, record);
      if (record.kind === 'problem') {
        skip({ path: placeOf({ source, line }), reason: record.reason });
        continue;
      }
      const k = n++;
      const { article } = record;
      const meta = { id, source, ...(line === undefined ? {} : { line, offset: record.offset! }), ...(article.date === undefined ? {} : { date: article.date }) };
      const first = firstSeen.get(id);
      if (first !== undefined) {
        skip({ path: placeOf(meta), reason: duplicateIdReason(id, table.meta(first), meta.source) });
        continue;
      }
      const words = counts[k * COUNT_FIELDS]!;
      if (words === 0) {
        skip({ path: placeOf(meta), reason: 'no words to compare' });
        continue;
      }
      firstSeen.set(id, table.count);
      for (const note of noting.of(article, meta)) {
        notes.push(note);
        observer.note?.(note);
      }
      const contentStems = counts[k * COUNT_FIELDS + 2]!;
      let contentSignature: Int32Array | undefined;
      let contentKeys: Int32Array | undefined;
      if (contentBanding && contentSigner) {
        if (contentStems > 0) {
          contentSignature = fingerprinted.contentSignatures.subarray(k * numPerm, (k + 1) * numPerm);
          contentKeys = fingerprinted.contentKeys.subarray(k * contentBanding.bands, (k + 1) * contentBanding.bands);
        } else {
          contentSigner.ownKeys(table.count);
          contentSignature = contentSigner.signature;
          contentKeys = contentSigner.keys;
        }
      }
      const index = table.add(
        meta,
        { words, shingles: counts[k * COUNT_FIELDS + 1]!, contentStems, digest: counts[k * COUNT_FIELDS + 3]! },
        fingerprinted.signatures.subarray(k * numPerm, (k + 1) * numPerm),
        fingerprinted.bandKeys.subarray(k * banding.bands, (k + 1) * banding.bands),
        contentSignature,
        contentKeys,
        source === '-' ? article.text : undefined,
      );
      lines?.add(lineKeys.subarray(lineKeyStarts[k]!, lineKeyStarts[k + 1]!));
      sentences?.add(fingerprinted.sentenceKeys.subarray(fingerprinted.sentenceKeyStarts[k]!, fingerprinted.sentenceKeyStarts[k + 1]!));
      const unstorable = stored && storedPiece ? unstorableReason(id, source) : undefined;
      if (unstorable !== undefined) {
        // Compared like any other, but not kept in the index.
        const note = { path: placeOf(meta), note: unstorable };
        notes.push(note);
        observer.note?.(note);
      } else if (stored && storedPiece) {
        if (!storedPiece.fresh.has(k)) {
          storeCounts.reused++;
          const place = { id, ...stored.locate(meta), ...(meta.date === undefined ? {} : { date: meta.date }) };
          if (hasMoved(storedPiece.stored.get(k)!, place)) toPlace.push(place);
        } else
          toStore.push({
            ...meta,
            ...stored.locate(meta),
            contentHash: storedPiece.hashes[k]!,
            ...storedFigures(fingerprinted, k, numPerm, storesStems, emptySignature),
            ...(stored.store.params.storedText ? { text: article.text } : {}),
          });
      }
      if ((index + 1) % PROGRESS_EVERY === 0) observer.progress?.('reading', index + 1);
    }
    places.advance(piece, fingerprinted);
    if (stored && toStore.length > 0) unstored.push(toStore);
    if (stored && toPlace.length > 0) unplaced.push(toPlace);
  };

  /** Writes the batches addPiece left for the store (it runs where nothing can be awaited). */
  const storeCollected = async (store: SignatureStore) => {
    for (const batch of unstored.splice(0)) {
      const put = await store.putBatch(batch);
      storeCounts.stored += put.added + put.replaced;
    }
    for (const batch of unplaced.splice(0)) await store.relocate(batch);
  };

  /**
   * With stored fingerprints: reads the piece here, and fingerprints only the articles the store does not hold with
   * the same text. Runs on this thread, piece after piece, so `places` stands at this piece.
   */
  const fingerprintAgainstStore = async (piece: ArticlePiece, store: SignatureStore): Promise<StoredPiece & { fingerprinted: FingerprintedPiece }> => {
    const read = readPiece(piece, options.read);
    const articles = read.records.filter((r) => r.kind === 'article');
    const ids = articles.map((r) => places.place(piece, r).id);
    const hashes = articles.map((r) => contentHash(r.article.text));
    // An id the index cannot hold is not looked up: it is fingerprinted afresh, and not stored (addPiece).
    const storedHashes = await store.contentHashes(ids.filter((id, n) => unstorableReason(id, places.place(piece, articles[n]!).source) === undefined));
    // Looked up before fingerprinting, which asks for them where nothing can be awaited.
    const storedDocs = new Map<number, IndexedDocument>();
    for (let n = 0; n < ids.length; n++) {
      const figures = storedHashes.get(ids[n]!) === hashes[n] ? await store.byId(ids[n]!) : undefined;
      if (figures) storedDocs.set(n, figures);
    }
    const fresh = new Set<number>();
    const fingerprinted = local.fingerprintRead(read, isFromStdin(piece), (n) => {
      const figures = storedDocs.get(n);
      if (figures && (settings.contentBanding === undefined || figures.stemSignature !== undefined)) return figures;
      fresh.add(n);
      return undefined;
    });
    return { fingerprinted, fresh, hashes, stored: storedDocs };
  };

  // Pieces in input order, each with its fingerprints once they are in.
  const pieces = new InOrder<{ piece: InputPiece; fingerprinted?: FingerprintedPiece; storedPiece?: StoredPiece }>(({ piece, fingerprinted, storedPiece }) => {
    if (piece.kind === 'ignored') ignoredFiles++;
    else if (piece.kind === 'skipped') skip(piece.skipped);
    else if (piece.kind === 'lines-end') {
      const skippedSource = places.end(piece);
      if (skippedSource) skip(skippedSource);
    } else addPiece(piece, fingerprinted!, storedPiece);
  }, MAX_HELD_PIECES);
  try {
    for await (const piece of inputPieces(options.paths, fs, options.read)) {
      if (piece.kind !== 'lines' && piece.kind !== 'file') {
        await pieces.add({ piece });
        continue;
      }
      bytesRead += piece.bytes.length;
      // This thread is one of the `jobs`: it fingerprints whatever piece no worker is free for.
      if (workers.pool === undefined && jobs > 1 && !stored && bytesRead > POOL_MIN_BYTES && canStartWorkers()) workers.pool = new ScanPool(settings, jobs - 1);
      if (stored) {
        const { fingerprinted, ...storedPiece } = await fingerprintAgainstStore(piece, stored.store);
        await pieces.add({ piece, fingerprinted, storedPiece });
        await storeCollected(stored.store);
        continue;
      }
      const answer = workers.pool?.fingerprint(piece, QUEUED_PER_WORKER);
      await pieces.add(answer ? answer.then((fingerprinted) => ({ piece, fingerprinted })) : { piece, fingerprinted: local.fingerprint(piece) });
    }
    await pieces.finish();
    if (stored) await storeCollected(stored.store);
  } finally {
    await stored?.store.flush();
  }
  for (const note of noting.finish()) {
    notes.push(note);
    observer.note?.(note);
  }
  observer.progress?.('reading', table.count);
  return { table, lines, sentences, skipped, ignoredFiles, notes, skip, ...(stored ? { storeCounts } : {}) };
}
