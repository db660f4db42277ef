import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import type { AnalyzedDocument } from '../text/analyze.js';
import {
  type CandidateGroup,
  candidateGroups,
  type ClusteredGroups,
  clusterGroups,
  type ClusterResult,
  linkedGroups,
  verifyCandidates,
  withinWindow,
} from './groups.js';
import { sentenceFeatureCache } from '../judge/member.js';
import { abridge, type BoilerplateSummary, learnBoilerplate, lineWithKey } from '../text/boilerplate.js';
import { contentHash } from '../sketch/content-hash.js';
import { containmentFromJaccard, CorpusTable, type DocumentMeta, LineKeyStore } from '../sketch/sketch-table.js';
import { NoInputError } from '../errors.js';
import { canStartWorkers, InOrder, ScanPool } from './worker-pool.js';
import type { FileSystem } from '../input/file-system.js';
import { type Banding, candidatePairsFromKeys, scanBandings } from '../sketch/lsh.js';
import { MinHasher } from '../sketch/minhash.js';
import type { ScanOptions } from '../options.js';
import { BandSigner, CONTENT_SALT, COUNT_FIELDS, type FingerprintedPiece, type FingerprintSettings, PieceFingerprinter, SHINGLE_SALT } from '../sketch/piece-fingerprints.js';
import { type ArticlePiece, type InputPiece, inputPieces, PiecePlaces, placeOf, readPiece, type SkippedInput } from '../input/read.js';
import type { DocumentLocation, SignatureStore, StoredDocument } from '../corpus/store/store.js';
import { directoryEntries, DocumentLoader, isFailure } from './loader.js';
import { SentenceKeyStore } from '../sketch/sentence-lsh.js';

export type { ClusterResult } from './groups.js';

export interface ScanResult {
  /** Parameters in force, for the report. */
  readonly params: ScanOptions & { readonly banding: Banding; readonly rewriteBanding: Banding };
  readonly documents: number;
  readonly clusters: ClusterResult[];
  readonly skipped: SkippedInput[];
  /** Files in folders that were not articles (other extensions). */
  readonly ignoredFiles: number;
  /** Articles read with a caveat (an HTML page whose article was not found, so all its visible text was used). */
  readonly notes: ArticleNote[];
  /** Lines learned as site boilerplate and left out of similarity, when boilerplate was learned. */
  readonly boilerplate?: BoilerplateSummary;
  /** With stored fingerprints (`--db`): articles whose fingerprints were taken from the store, and articles stored. */
  readonly keptFingerprints?: { readonly reused: number; readonly stored: number };
}

/** A caveat about how an article was read. */
export interface ArticleNote {
  readonly path: string;
  readonly note: string;
}

/** Observes the scan as it goes (progress on the CLI); the library itself never prints. */
export interface ScanObserver {
  skipped?(skipped: SkippedInput): void;
  note?(note: ArticleNote): void;
  /** Progress: the stage under way and how far it has got (`total` where known). */
  progress?(stage: ScanStage, done: number, total?: number): void;
}

/**
 * The passes of a scan, as progress reports them. `verifying` counts the pairs of candidate groups too large to be one
 * task (only where rewrite bands gather topical neighbours); `clustering` counts groups, each verified and clustered.
 */
export type ScanStage = 'reading' | 'boilerplate' | 'candidates' | 'verifying' | 'clustering';

/** How often (in documents or pairs) progress is reported. */
const PROGRESS_EVERY = 1000;

/** Estimated measures below the threshold by more than this skip exact verification: over four standard errors at 128 permutations. */
const ESTIMATE_MARGIN = 0.2;


/**
 * Fingerprints kept from earlier runs (`scan --db`, an index): an article stored with the same text is not
 * fingerprinted again, and the others are stored for the next run. The first pass then runs on one thread.
 */
export interface KeptFingerprints {
  readonly store: SignatureStore;
  /** Where an article can be read again, as the index records it (absolute path). */
  readonly locate: (doc: DocumentMeta) => DocumentLocation;
}

/** What a piece fingerprinted against the store brings along: the content hash of each article, and which were computed. */
interface KeptPiece {
  readonly hashes: readonly string[];
  readonly fresh: ReadonlySet<number>;
}

/** Pieces sent to a worker before it has answered: enough that it never waits for the next one. */
const QUEUED_PER_WORKER = 2;

/** Results held before they can be taken back in order, at most (pieces of input, batches of groups): a few MiB. */
const MAX_HELD_PIECES = 16;

/** Input below this many bytes is fingerprinted on the calling thread: starting workers would cost more than they save. */
const POOL_MIN_BYTES = 1 << 20;

/**
 * Phase 1: read every input once, keeping fingerprints and where each document came from, never its text. Pieces of
 * input are fingerprinted on `options.jobs` threads and taken back in input order, so the result never depends on it.
 */
async function fingerprintInputs(
  options: ScanOptions,
  fs: FileSystem,
  observer: ScanObserver,
  banding: Banding,
  contentBanding: Banding | undefined,
  kept: KeptFingerprints | undefined,
  /** Where the worker threads started here are left, for the second pass and for the caller to close. */
  workers: { pool?: ScanPool },
) {
  const { numPerm } = options;
  // An index with rewrite bands stores content-stem signatures: articles stored from here need them too.
  const keptStems = kept !== undefined && kept.store.params.rewriteBands > 0;
  const signedContent = contentBanding ?? (keptStems ? { bands: kept.store.params.rewriteBands, rows: kept.store.params.rewriteRows } : undefined);
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
  // Id → number of the document first read under it: a number, not its place as text, for a million ids.
  const firstSeen = new Map<string, number>();
  let ignoredFiles = 0;
  const skip = (s: SkippedInput) => {
    skipped.push(s);
    observer.skipped?.(s);
  };

  const storeCounts = { reused: 0, stored: 0 };
  // What the index stores for an article without content stems, as index add does.
  const emptySignature = hasher.signature(EMPTY).values;

  const addPiece = (piece: ArticlePiece, fingerprinted: FingerprintedPiece, keptPiece?: KeptPiece) => {
    const { counts, lineKeys, lineKeyStarts } = fingerprinted;
    const toStore: StoredDocument[] = [];
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
        skip({ path: placeOf(meta), reason: `duplicate id "${id}" (first seen at ${placeOf(table.meta(first))})` });
        continue;
      }
      const words = counts[k * COUNT_FIELDS]!;
      if (words === 0) {
        skip({ path: placeOf(meta), reason: 'no words to compare' });
        continue;
      }
      firstSeen.set(id, table.count);
      if (article.extractionNote !== undefined) {
        const note = { path: placeOf(meta), note: article.extractionNote };
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
      if (kept && keptPiece) {
        if (!keptPiece.fresh.has(k)) storeCounts.reused++;
        else {
          const stems = counts[k * COUNT_FIELDS + 2]!;
          toStore.push({
            ...meta,
            ...kept.locate(meta),
            contentHash: keptPiece.hashes[k]!,
            words,
            shingles: counts[k * COUNT_FIELDS + 1]!,
            signature: fingerprinted.signatures.slice(k * numPerm, (k + 1) * numPerm),
            ...(keptStems ? { stems, stemSignature: stems > 0 ? fingerprinted.contentSignatures.slice(k * numPerm, (k + 1) * numPerm) : emptySignature } : {}),
          });
        }
      }
      if ((index + 1) % PROGRESS_EVERY === 0) observer.progress?.('reading', index + 1);
    }
    places.advance(piece, fingerprinted);
    if (kept && toStore.length > 0) {
      const put = kept.store.putBatch(toStore);
      storeCounts.stored += put.added + put.replaced;
    }
  };

  /**
   * With stored fingerprints: reads the piece here, and fingerprints only the articles the store does not hold with
   * the same text. Runs on this thread, piece after piece, so `places` stands at this piece.
   */
  const fingerprintKept = (piece: ArticlePiece, store: SignatureStore): KeptPiece & { fingerprinted: FingerprintedPiece } => {
    const read = readPiece(piece, options.read);
    const articles = read.records.filter((r) => r.kind === 'article');
    const ids = articles.map((r) => places.place(piece, r).id);
    const hashes = articles.map((r) => contentHash(r.article.text));
    const storedHashes = store.contentHashes(ids);
    const fresh = new Set<number>();
    const fingerprinted = local.fingerprintRead(read, piece.kind === 'lines' && piece.source === '-', (n) => {
      const stored = storedHashes.get(ids[n]!) === hashes[n] ? store.byId(ids[n]!) : undefined;
      if (stored && (settings.contentBanding === undefined || stored.stemSignature !== undefined)) return stored;
      fresh.add(n);
      return undefined;
    });
    return { fingerprinted, fresh, hashes };
  };

  // Pieces in input order, each with its fingerprints once they are in.
  const pieces = new InOrder<{ piece: InputPiece; fingerprinted?: FingerprintedPiece; keptPiece?: KeptPiece }>(({ piece, fingerprinted, keptPiece }) => {
    if (piece.kind === 'ignored') ignoredFiles++;
    else if (piece.kind === 'skipped') skip(piece.skipped);
    else if (piece.kind === 'lines-end') {
      const skippedSource = places.end(piece);
      if (skippedSource) skip(skippedSource);
    } else addPiece(piece, fingerprinted!, keptPiece);
  }, MAX_HELD_PIECES);
  try {
    for await (const piece of inputPieces(options.paths, fs)) {
      if (piece.kind !== 'lines' && piece.kind !== 'file') {
        await pieces.add({ piece });
        continue;
      }
      bytesRead += piece.bytes.length;
      // This thread is one of the `jobs`: it fingerprints whatever piece no worker is free for.
      if (workers.pool === undefined && jobs > 1 && !kept && bytesRead > POOL_MIN_BYTES && canStartWorkers()) workers.pool = new ScanPool(settings, jobs - 1);
      if (kept) {
        const { fingerprinted, ...keptPiece } = fingerprintKept(piece, kept.store);
        await pieces.add({ piece, fingerprinted, keptPiece });
        continue;
      }
      const answer = workers.pool?.fingerprint(piece, QUEUED_PER_WORKER);
      await pieces.add(answer ? answer.then((fingerprinted) => ({ piece, fingerprinted })) : { piece, fingerprinted: local.fingerprint(piece) });
    }
    await pieces.finish();
  } finally {
    kept?.store.flush();
  }
  observer.progress?.('reading', table.count);
  return { table, lines, sentences, skipped, ignoredFiles, notes, skip, ...(kept ? { storeCounts } : {}) };
}

/** Documents in a batch of groups clustered together, at least (a group is never split): a worker's task. */
const CLUSTER_BATCH_DOCUMENTS = 64;

/** Documents in a group of candidates above which it is verified on the scan's thread, not as one task. */
const LARGE_GROUP_DOCUMENTS = 1024;

/** Consecutive groups in batches of at least CLUSTER_BATCH_DOCUMENTS documents (the last may have fewer). */
function* clusterBatches(groups: readonly CandidateGroup[]): Generator<CandidateGroup[]> {
  let batch: CandidateGroup[] = [];
  let documents = 0;
  for (const group of groups) {
    batch.push(group);
    documents += group.docs.length;
    if (documents >= CLUSTER_BATCH_DOCUMENTS) {
      yield batch;
      batch = [];
      documents = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** Estimated relatedness of two documents, as boilerplate learning needs it: Jaccard 0.3, or the smaller half contained. */
function relatedBySketch(table: CorpusTable) {
  return (a: number, b: number) => {
    const jaccard = table.estimatedJaccard(a, b);
    return jaccard >= 0.3 || containmentFromJaccard(jaccard, table.distinctShingles(a), table.distinctShingles(b)) >= 0.5;
  };
}

/** Order of a pair (i, j) against the pair (x, y): negative when it comes first. */
function compareIndexPairs([i, j]: readonly [number, number], x: number, y: number): number {
  return i - x || j - y;
}

const EMPTY = new Int32Array(0);

/**
 * Reads the inputs and runs the whole pipeline: the function the CLI and other programs call.
 *
 * Two passes. The first streams the inputs once and keeps, per document, its counts, LSH band keys and a byte-wide
 * signature sketch (see CorpusTable). LSH then proposes candidate pairs, and pairs whose sketches put them far below
 * the threshold are dropped. The second pass reads again only the candidates, verifies each pair on exact shingle
 * sets (and aligned sentences, for rewrites), clusters the linked documents and reports on them.
 */
export async function scan(options: ScanOptions, fs: FileSystem, observer: ScanObserver = {}, kept?: KeptFingerprints): Promise<ScanResult> {
  const workers: { pool?: ScanPool } = {};
  try {
    return await scanWith(options, fs, observer, kept, workers);
  } finally {
    await workers.pool?.close();
  }
}

async function scanWith(options: ScanOptions, fs: FileSystem, observer: ScanObserver, kept: KeptFingerprints | undefined, workers: { pool?: ScanPool }): Promise<ScanResult> {
  const { banding, rewriteBanding } = scanBandings(options);
  // Rewrites are found by sentence keys (sketch/sentence-lsh.ts), not by bands on whole documents' content stems.
  const { table, lines, sentences, skipped, ignoredFiles, notes, skip, storeCounts } = await fingerprintInputs(options, fs, observer, banding, undefined, kept, workers);
  const count = table.count;
  if (count === 0) {
    throw new NoInputError(`no readable articles in ${options.paths.join(', ')}${skipped.length ? ` (${skipped.length} skipped)` : ''}`);
  }

  // Boilerplate: learned from the line keys of pass 1; documents holding learned lines are fingerprinted again
  // without them (the only documents pass 1 must read twice for it).
  const featuresOf = sentenceFeatureCache();
  let boilerplate: ReadonlySet<number> | undefined;
  let boilerplateSummary: BoilerplateSummary | undefined;
  if (lines) {
    observer.progress?.('boilerplate', 0);
    const firstHolder = new Map<number, number>();
    const learned = learnBoilerplate(
      {
        lineKeys: lines,
        related: relatedBySketch(table),
        lineText: (doc, key) => {
          firstHolder.set(key, doc);
          return '';
        },
      },
      { minDocuments: options.boilerplateMinDocuments },
    );
    if (learned.lines.length > 0) {
      boilerplate = learned.keys;
      const reader = new DocumentLoader(table, fs, options.read, options.shingleSize, (doc) => featuresOf(doc).contentSet, { documentBytes: 4 * 1024 * 1024, sets: 0 }, boilerplate);
      const refingerprinted = await refingerprint(table, lines, learned.keys, reader, options, featuresOf);
      const shown: Array<{ text: string; documents: number }> = [];
      for (const line of learned.lines) {
        const doc = await reader.load(firstHolder.get(line.key)!);
        shown.push({ text: isFailure(doc) ? `(line ${line.key >>> 0})` : abridge(lineWithKey(doc.text, line.key) ?? ''), documents: line.documents });
      }
      shown.sort((a, b) => b.documents - a.documents || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      boilerplateSummary = { minDocuments: options.boilerplateMinDocuments, lines: shown, removedLines: refingerprinted.removedLines };
    }
  }

  const within = withinWindow(options.withinDays);
  const withinTimes = (i: number, j: number) => within(table.time(i), table.time(j));

  // Candidates. Shingle bands first; a pair whose estimated measure falls far short of the threshold is not read.
  observer.progress?.('candidates', 0);
  const shinglePairs = candidatePairsFromKeys(table.allBandKeys(), count, banding.bands, (i, j) => {
    if (!withinTimes(i, j)) return false;
    const jaccard = table.estimatedJaccard(i, j);
    const estimate = options.metric === 'jaccard' ? jaccard : Math.max(jaccard, containmentFromJaccard(jaccard, table.distinctShingles(i), table.distinctShingles(j)));
    return estimate >= options.threshold - ESTIMATE_MARGIN;
  });
  // Rewrite candidates are offered in ascending order, as shinglePairs are sorted: one cursor walks both.
  let shingleCursor = 0;
  const isShinglePair = (i: number, j: number) => {
    while (shingleCursor < shinglePairs.length && compareIndexPairs(shinglePairs[shingleCursor]!, i, j) < 0) shingleCursor++;
    return shingleCursor < shinglePairs.length && compareIndexPairs(shinglePairs[shingleCursor]!, i, j) === 0;
  };
  // Rewrite candidates: articles several of whose sentences meet in sentence buckets that are not over-common.
  const rewritePairs = sentences ? sentences.candidatePairs((i, j) => !isShinglePair(i, j) && withinTimes(i, j)) : [];

  // Verification on exact sets, reading documents again as the pairs need them, and clustering: one group of candidates
  // at a time (they share no document), each group's documents read again once for both.
  // Content sets only serve rewrite candidates; without rewrites no pair reads them.
  const holdsBoilerplate = (i: number) => {
    if (!boilerplate || !lines) return false;
    for (const key of lines.of(i)) if (boilerplate.has(key)) return true;
    return false;
  };
  const loader = new DocumentLoader(
    table,
    fs,
    options.read,
    options.shingleSize,
    options.rewrites ? (doc) => featuresOf(doc).contentSet : undefined,
    undefined,
    boilerplate,
    holdsBoilerplate,
  );
  const failed = new Set<number>();
  const noteFailure = (i: number, reason: string) => {
    if (failed.has(i)) return;
    failed.add(i);
    skip({ path: placeOf(table.meta(i)), reason });
  };
  // A group too large to be one task (topical neighbours under rewrite bands: 18,493 of Reuters' articles) is verified
  // here first, and the linked groups it falls apart into are clustered as groups of their own.
  const toCluster: CandidateGroup[] = [];
  const large: CandidateGroup[] = [];
  for (const group of candidateGroups(count, { shingle: shinglePairs, rewrite: rewritePairs })) (group.docs.length > LARGE_GROUP_DOCUMENTS ? large : toCluster).push(group);
  if (large.length > 0) {
    const totalPairs = large.reduce((sum, group) => sum + group.candidates!.shingle.length + group.candidates!.rewrite.length, 0);
    let verified = 0;
    const settled = () => {
      if (++verified % PROGRESS_EVERY === 0) observer.progress?.('verifying', verified, totalPairs);
    };
    observer.progress?.('verifying', 0, totalPairs);
    for (const group of large) {
      const links = await verifyCandidates(group.candidates!, loader, options, featuresOf, noteFailure, settled);
      // Backwards: verification met the last groups' documents last, so those are the ones still in the loader's cache.
      toCluster.push(...linkedGroups(group.docs, links).reverse());
    }
    observer.progress?.('verifying', totalPairs, totalPairs);
  }

  const clusters: ClusterResult[] = [];
  let clustered = 0;
  const takeClustered = (batch: readonly CandidateGroup[], result: ClusteredGroups) => {
    clusters.push(...result.clusters);
    for (const { doc, reason } of result.failures) noteFailure(doc, reason);
    clustered += batch.length;
    observer.progress?.('clustering', clustered, toCluster.length);
  };
  observer.progress?.('clustering', 0, toCluster.length);
  // Worker threads read documents through files of their own, so only from the real file system.
  const pool = fs.sharedWithWorkers ? workers.pool : undefined;
  const boilerplateKeys = pool && boilerplate && Int32Array.from(boilerplate);
  const batches = new InOrder<{ batch: CandidateGroup[]; result: ClusteredGroups }>(({ batch, result }) => takeClustered(batch, result), MAX_HELD_PIECES);
  for (const batch of clusterBatches(toCluster)) {
    // What a worker saves is reading and analysing the documents again: a batch whose analyses are all at hand here
    // (verification kept them) is clustered here.
    const atHand = pool !== undefined && batch.every((group) => group.docs.every((doc) => loader.holdsDocument(doc)));
    const docs = pool && !atHand ? batch.flatMap((group) => group.docs) : [];
    const answer = atHand
      ? undefined
      : pool?.cluster(
          {
            groups: batch,
            entries: directoryEntries(table, docs),
            options,
            ...(boilerplateKeys ? { boilerplate: boilerplateKeys, boilerplateHolders: Int32Array.from(docs.filter(holdsBoilerplate)) } : {}),
          },
          QUEUED_PER_WORKER,
        );
    if (answer) {
      await batches.add(answer.then((result) => ({ batch, result })));
      continue;
    }
    await batches.add({ batch, result: await clusterGroups(batch, loader, options, featuresOf) });
    // Reading again takes no turn of the event loop: give one, or the workers' answers would wait until the end.
    if (pool) await setImmediatePromise();
  }
  await batches.finish();
  clusters.sort((a, b) => b.members.length - a.members.length || (a.canonical < b.canonical ? -1 : 1));

  return {
    params: { ...options, banding, rewriteBanding },
    documents: count - failed.size,
    clusters,
    skipped,
    ignoredFiles,
    notes,
    ...(boilerplateSummary === undefined ? {} : { boilerplate: boilerplateSummary }),
    ...(storeCounts ? { keptFingerprints: storeCounts } : {}),
  };
}

/**
 * Fingerprints again, without their learned boilerplate lines, the documents that hold any: signatures, band keys and
 * counts. A document left with no shingles gets band keys of its own, so such documents do not all meet in one bucket.
 */
async function refingerprint(
  table: CorpusTable,
  lines: LineKeyStore,
  keys: ReadonlySet<number>,
  loader: DocumentLoader,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => { contentSet: Int32Array },
): Promise<{ removedLines: number }> {
  const hasher = new MinHasher({ numPerm: options.numPerm, seed: options.seed });
  const shingleSigner = new BandSigner(hasher, table.banding, SHINGLE_SALT);
  const contentSigner = table.contentBanding && new BandSigner(hasher, table.contentBanding, CONTENT_SALT);
  let removedLines = 0;
  for (let i = 0; i < table.count; i++) {
    let held = 0;
    for (const key of lines.of(i)) if (keys.has(key)) held++;
    if (held === 0) continue;
    const doc = await loader.load(i);
    // A document that cannot be read again keeps its first fingerprints; pass 2 reports it when it needs it.
    if (isFailure(doc)) continue;
    removedLines += held;
    shingleSigner.sign(doc.shingleSet, i);
    const contentSet = contentSigner ? featuresOf(doc).contentSet : EMPTY;
    contentSigner?.sign(contentSet, i);
    table.update(i, { shingles: doc.shingleSet.length, contentStems: contentSet.length }, shingleSigner.signature, shingleSigner.keys, contentSigner?.signature, contentSigner?.keys);
  }
  return { removedLines };
}
