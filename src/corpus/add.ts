/** Adding articles to an index: each article's fingerprint stored, in batches of one transaction each. */
import { type ArticleNote, ArticleNotes, DEFAULT_READ_OPTIONS, duplicateIdReason, type PieceRead, placeOf, type ReadEvent, type SkippedInput, type SourceDocument } from '../input/read.js';
import { contentHash } from '../input/content-hash.js';
import { MinHasher } from '../sketch/minhash.js';
import { COUNT_FIELDS, PieceFingerprinter, storedFigures } from '../sketch/piece-fingerprints.js';
import { type DocumentLocation, type SignatureStore, type StoredDocument, unstorableReason } from './store/store.js';

/** Articles written per transaction by default: a crash loses at most the batch in progress. */
export const DEFAULT_BATCH_SIZE = 1000;

export interface AddOptions {
  /** Articles per transaction; default 1000. */
  readonly batchSize: number;
  /**
   * Where each article can be read again (absolute path, JSONL line and byte offset): given by the caller, which knows
   * the disk. Called as each article is read, before the next one is.
   */
  readonly locate: (document: SourceDocument) => DocumentLocation;
}

export interface AddProgress {
  readonly read: number;
  readonly added: number;
  readonly replaced: number;
  readonly unchanged: number;
}

/** Observes an add as it goes; the library itself never prints. */
export interface AddObserver {
  skipped?(skipped: SkippedInput): void;
  /** A caveat about how an article was read (extraction, its date), as a scan notes it. */
  note?(note: ArticleNote): void;
  /** After each committed batch. */
  committed?(progress: AddProgress): void;
}

export interface AddResult extends AddProgress {
  readonly skipped: SkippedInput[];
  readonly ignoredFiles: number;
}

/**
 * Adds articles to an index in batches, each one transaction. An article whose id is stored with the same content
 * hash is left alone (not even fingerprinted); one whose content changed replaces the stored one. Articles are
 * fingerprinted as scan's first pass fingerprints them, so `scan --db` and `index add` store the same figures.
 */
export async function addToIndex(store: SignatureStore, events: AsyncIterable<ReadEvent>, options: AddOptions, observer: AddObserver = {}): Promise<AddResult> {
  const { params } = store;
  const withStems = params.rewriteBands > 0;
  const fingerprinter = new PieceFingerprinter({
    numPerm: params.numPerm,
    seed: params.seed,
    shingleSize: params.shingleSize,
    banding: { bands: params.bands, rows: params.rows },
    ...(withStems ? { contentBanding: { bands: params.rewriteBands, rows: params.rewriteRows } } : {}),
    lineKeys: false,
    read: DEFAULT_READ_OPTIONS,
  });
  const emptySignature = new MinHasher({ numPerm: params.numPerm, seed: params.seed }).signature(new Int32Array(0)).values;
  const skipped: SkippedInput[] = [];
  const noting = new ArticleNotes();
  const firstSeen = new Map<string, { readonly source: string; readonly line?: number }>();
  let ignoredFiles = 0;
  let read = 0;
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  let pending: Array<{ doc: SourceDocument; hash: string; location: DocumentLocation }> = [];
  const skip = (s: SkippedInput) => {
    skipped.push(s);
    observer.skipped?.(s);
  };

  const flush = async () => {
    const stored = await store.contentHashes(pending.map((p) => p.doc.id));
    const changed: typeof pending = [];
    const kept: typeof pending = [];
    for (const p of pending) (stored.get(p.doc.id) === p.hash ? kept : changed).push(p);
    unchanged += kept.length;
    // An unchanged text may have moved (a line added above it) or been re-dated: check reads it again where it now is.
    if (kept.length > 0) await store.relocate(kept.map(({ doc, location }) => ({ id: doc.id, ...location, ...(doc.date === undefined ? {} : { date: doc.date }) })));
    const piece: PieceRead = { records: changed.map(({ doc }) => ({ kind: 'article', article: { text: doc.text } })), lines: 0, nonBlank: 0 };
    const fingerprinted = fingerprinter.fingerprintRead(piece, false);
    const batch: StoredDocument[] = [];
    changed.forEach(({ doc, hash, location }, n) => {
      if (fingerprinted.counts[n * COUNT_FIELDS] === 0) {
        skip({ path: placeOf(doc), reason: 'no words to compare' });
        return;
      }
      batch.push({
        id: doc.id,
        ...location,
        contentHash: hash,
        ...(doc.date === undefined ? {} : { date: doc.date }),
        ...storedFigures(fingerprinted, n, params.numPerm, withStems, emptySignature),
        ...(params.storedText ? { text: doc.text } : {}),
      });
    });
    pending = [];
    const result = await store.putBatch(batch);
    added += result.added;
    replaced += result.replaced;
    unchanged += result.unchanged;
    observer.committed?.({ read, added, replaced, unchanged });
  };

  for await (const event of events) {
    if (event.kind === 'ignored') ignoredFiles++;
    else if (event.kind === 'skipped') skip(event.skipped);
    else {
      const doc = event.document;
      const unstorable = unstorableReason(doc.id, doc.source);
      if (unstorable !== undefined) {
        skip({ path: placeOf(doc), reason: unstorable });
        continue;
      }
      const first = firstSeen.get(doc.id);
      if (first !== undefined) {
        skip({ path: placeOf(doc), reason: duplicateIdReason(doc.id, first, doc.source) });
        continue;
      }
      firstSeen.set(doc.id, doc.line === undefined ? { source: doc.source } : { source: doc.source, line: doc.line });
      for (const note of noting.of(doc, doc)) observer.note?.(note);
      read++;
      // Located now, while the reader is still on this article's line.
      pending.push({ doc, hash: contentHash(doc.text), location: options.locate(doc) });
      if (pending.length >= options.batchSize) await flush();
    }
  }
  if (pending.length > 0) await flush();
  for (const note of noting.finish()) observer.note?.(note);
  await store.flush();
  return { read, added, replaced, unchanged, skipped, ignoredFiles };
}
