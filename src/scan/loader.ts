/**
 * Documents read again, by number, for the second pass of a scan: verification on exact shingle sets and the report.
 * The first pass keeps no text, so only documents that end up as LSH candidates are ever read twice.
 */
import { type AnalyzedDocument, analyzeFingerprinted } from '../text/analyze.js';
import type { DocumentMeta } from '../sketch/sketch-table.js';
import { Fingerprinter } from '../text/token-hashes.js';
import type { FileSystem } from '../input/file-system.js';
import { toSortedSet } from '../text/shingle.js';
import type { ReadOptions } from '../input/read.js';
import { articleAt, messageOf, type StoredArticleProblem } from '../input/stored-article.js';
import { LruCache } from '../input/lru-cache.js';

/** What reading documents again needs of the first pass: where each is, and the digest of its text then. */
export interface RereadDirectory {
  meta(i: number): DocumentMeta;
  /** Where document i is read again: cheaper than meta() where it is stored column by column. */
  location(i: number): { readonly source: string; readonly line: number | undefined; readonly offset: number };
  digest(i: number): number;
  /** The text itself, for a document that cannot be read again (from standard input). */
  retainedText(i: number): string | undefined;
}

/** One document of a DocumentDirectory: what a worker thread is sent to read it again. */
export interface DirectoryEntry {
  readonly doc: number;
  readonly meta: DocumentMeta;
  readonly digest: number;
  readonly retainedText?: string;
}

/** The documents of a directory that a piece of the second pass needs, to send to another thread. */
export function directoryEntries(directory: RereadDirectory, docs: Iterable<number>): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  for (const doc of docs) {
    const retainedText = directory.retainedText(doc);
    entries.push({ doc, meta: directory.meta(doc), digest: directory.digest(doc), ...(retainedText === undefined ? {} : { retainedText }) });
  }
  return entries;
}

/** A directory of a few documents by their numbers in the corpus: the part of a CorpusTable a worker thread is sent. */
export class DocumentDirectory implements RereadDirectory {
  private readonly entries = new Map<number, DirectoryEntry>();

  constructor(entries: readonly DirectoryEntry[]) {
    for (const entry of entries) this.entries.set(entry.doc, entry);
  }

  meta(i: number): DocumentMeta {
    return this.entry(i).meta;
  }

  location(i: number): { readonly source: string; readonly line: number | undefined; readonly offset: number } {
    const { source, line, offset } = this.entry(i).meta;
    return { source, line, offset: offset ?? 0 };
  }

  digest(i: number): number {
    return this.entry(i).digest;
  }

  retainedText(i: number): string | undefined {
    return this.entry(i).retainedText;
  }

  private entry(i: number): DirectoryEntry {
    const entry = this.entries.get(i);
    if (entry === undefined) throw new Error(`document ${i} is not in this directory`);
    return entry;
  }
}

/** Why a document could not be read again the same. */
export interface RereadFailure {
  readonly reason: string;
}

/** A document whose text, read again, is not the text the first pass read. */
const CHANGED: RereadFailure = { reason: 'changed while being scanned' };

/** The set a pair is first checked on: a few kilobytes a document, where an analysed document holds tens. */
export interface SetsOfDocument {
  readonly shingleSet: Int32Array;
}

/**
 * Bytes an analysed document is taken to hold, and a little for a short one: measured about 5 bytes per character of
 * text (offsets, hashes, shingles), and 14 once its words are cut as strings and its sentence features made, which
 * only a scan with rewrites does.
 */
function analyzedBytes(withSentences: boolean, length: number): number {
  return 2048 + (withSentences ? 14 : 6) * length;
}

let threadFingerprinter: Fingerprinter | undefined;

/**
 * The fingerprinter every loader of this thread tokenises with: a worker makes a loader per task, and a new one sets
 * its kernel up again (0.4 ms). Shared safely: each use reads what it needs before returning, with no await between.
 */
function loaderFingerprinter(): Fingerprinter {
  return (threadFingerprinter ??= new Fingerprinter());
}

/** How much a loader keeps: analysed documents by their estimated bytes, sets by count. */
export interface LoaderCapacity {
  readonly documentBytes: number;
  readonly sets: number;
}

const DEFAULT_CAPACITY: LoaderCapacity = { documentBytes: 128 * 1024 * 1024, sets: 65536 };

/** What a DocumentLoader reads with. */
export interface LoaderOptions {
  /** Where each document is, and the digest of its text as first read. */
  readonly directory: RereadDirectory;
  readonly fs: FileSystem;
  readonly read: ReadOptions;
  readonly shingleSize: number;
  /** Whether sentence features will be made of the documents (rewrites are looked for): an analysis then weighs more. */
  readonly withSentences?: boolean;
  /** How much is kept; default 128 MiB of analysed documents and 65,536 documents' sets. */
  readonly capacity?: LoaderCapacity;
  /** Keys of learned boilerplate lines, left out of each document's similarity sets. */
  readonly boilerplate?: ReadonlySet<number>;
  /** Whether a document holds any of those lines (only such documents need analysing for their sets); default: all may. */
  readonly holdsBoilerplate?: (i: number) => boolean;
}

/**
 * Documents re-read on demand: analysed in full (the most recently used kept, up to 128 MiB by estimate: a rewrite
 * pass meets the same documents again and again, and analysing one costs far more than keeping it), and their sets
 * (many more kept), since most candidate pairs are settled on sets alone and a document meets many candidates.
 */
export class DocumentLoader {
  private readonly documents: LruCache<AnalyzedDocument | RereadFailure>;
  private readonly sets: LruCache<SetsOfDocument | RereadFailure>;

  private readonly table: RereadDirectory;
  private readonly fs: FileSystem;
  private readonly readOptions: ReadOptions;
  private readonly shingleSize: number;
  private readonly withSentences: boolean;
  private readonly boilerplate: ReadonlySet<number> | undefined;
  private readonly holdsBoilerplate: (i: number) => boolean;

  constructor(options: LoaderOptions) {
    this.table = options.directory;
    this.fs = options.fs;
    this.readOptions = options.read;
    this.shingleSize = options.shingleSize;
    this.withSentences = options.withSentences ?? false;
    this.boilerplate = options.boilerplate;
    this.holdsBoilerplate = options.holdsBoilerplate ?? (() => true);
    const capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.documents = new LruCache(capacity.documentBytes, (doc) => (isFailure(doc) ? 256 : this.analyzedBytes(doc.text.length)));
    this.sets = new LruCache(capacity.sets);
  }

  /** Tokenises documents whose sets are wanted without the rest of an analysis. */
  private readonly fingerprinter = loaderFingerprinter();

  /**
   * The sets of a document when they are at hand, without a promise: a verification pass looks sets up about twice
   * per candidate pair, and most are held.
   */
  heldSets(i: number): SetsOfDocument | RereadFailure | undefined {
    return this.sets.get(i);
  }

  /** What the analysis of a text of `length` units is taken to weigh in the cache. */
  private analyzedBytes(length: number): number {
    return analyzedBytes(this.withSentences, length);
  }

  /** Whether document i's analysis is at hand (marks nothing as used). */
  holdsDocument(i: number): boolean {
    return this.documents.has(i);
  }

  /** The analysed document when it is at hand, without a promise. */
  heldDocument(i: number): AnalyzedDocument | RereadFailure | undefined {
    return this.documents.get(i);
  }

  /**
   * Lets go of what is held of these documents: for a reader done with them (a clustered group), so the room goes to
   * documents still to come rather than to the oldest.
   */
  release(docs: Iterable<number>): void {
    for (const i of docs) {
      this.documents.delete(i);
      this.sets.delete(i);
    }
  }

  async load(i: number): Promise<AnalyzedDocument | RereadFailure> {
    return this.documents.get(i) ?? this.documents.remember(i, await this.read(i));
  }

  /**
   * The analysed document, read again if it is not at hand, and then not kept: for a reader that needs it once
   * (clustering meets each document in one group). Kept, it would outlive the young generation and leave the old one
   * to collect, which marks the whole heap again and again on a large corpus.
   */
  async loadOnce(i: number): Promise<AnalyzedDocument | RereadFailure> {
    return this.documents.get(i) ?? (await this.read(i));
  }

  /**
   * The sets a pair is first checked on. A document analysed already gives its own; one holding learned boilerplate
   * gets those of its analysis (which leave those lines out). Any other is read again and then, where the cache of
   * analysed documents has room, analysed and kept: an analysis costs little more than the sets alone, and clustering
   * (and aligning, for rewrite candidates: sentence buckets propose pairs that mostly share enough content to be
   * aligned) then finds the documents at hand instead of reading and tokenising them again. Only while there is room:
   * analyses that push others out are promoted and collected again and again for nothing. Otherwise the document is
   * only tokenised, by the first pass's fingerprinter, which gives the same sets (test/fingerprint.test.ts).
   */
  async setsOf(i: number): Promise<SetsOfDocument | RereadFailure> {
    const known = this.sets.get(i);
    if (known !== undefined) return known;
    if (this.documents.has(i) || this.learnedLinesOf(i) !== undefined) {
      const doc = await this.load(i);
      return this.sets.remember(i, isFailure(doc) ? doc : { shingleSet: doc.shingleSet });
    }
    const article = await this.readText(i);
    if (isFailure(article)) return this.sets.remember(i, article);
    if (!this.documents.hasRoomFor(this.analyzedBytes(article.text.length))) return this.sets.remember(i, this.fingerprintedSets(i, article.text));
    const doc = this.documents.remember(i, this.analyzedText(i, article.text));
    return this.sets.remember(i, isFailure(doc) ? doc : { shingleSet: doc.shingleSet });
  }

  /** Sets by the fingerprinter, which takes the text's digest on its way: checked here against the first pass's. */
  private fingerprintedSets(i: number, text: string): SetsOfDocument | RereadFailure {
    const fp = this.fingerprinter;
    fp.tokenize(text);
    if (fp.textDigest() !== this.table.digest(i)) return CHANGED;
    return { shingleSet: toSortedSet(fp.shingles(this.shingleSize)) };
  }

  private async read(i: number): Promise<AnalyzedDocument | RereadFailure> {
    const article = await this.readText(i);
    return isFailure(article) ? article : this.analyzedText(i, article.text);
  }

  /** The learned boilerplate lines, when document i holds any (the first pass's line keys say which), else undefined. */
  private learnedLinesOf(i: number): ReadonlySet<number> | undefined {
    return this.boilerplate !== undefined && this.holdsBoilerplate(i) ? this.boilerplate : undefined;
  }

  /**
   * Document i analysed from its text read again, which the fingerprinter digests on its way: checked against the first
   * pass's. Only a document that holds a learned line is looked through for one.
   */
  private analyzedText(i: number, text: string): AnalyzedDocument | RereadFailure {
    const doc = analyzeFingerprinted(this.fingerprinter, { ...this.table.meta(i), text }, this.shingleSize, this.learnedLinesOf(i));
    return this.fingerprinter.textDigest() === this.table.digest(i) ? doc : CHANGED;
  }

  /** The article's text, read again (its digest not yet checked), or why it cannot be read. */
  private async readText(i: number): Promise<{ text: string } | RereadFailure> {
    const retained = this.table.retainedText(i);
    if (retained !== undefined) return { text: retained };
    const article = await articleAt(this.fs, this.table.location(i), this.readOptions);
    return 'problem' in article ? { reason: `changed while being scanned: ${rereadReason(article.problem)}` } : article;
  }
}

/** Why a document could not be read again, as the scan reports it. */
function rereadReason(problem: StoredArticleProblem): string {
  switch (problem.kind) {
    case 'unreadable':
    case 'not-json':
      return messageOf(problem.error);
    case 'not-object':
      return 'line is no longer a JSON object';
    case 'line-gone':
      return 'line is gone';
    case 'not-article':
      return problem.reason;
  }
}

export function isFailure<T extends object>(value: T | RereadFailure): value is RereadFailure {
  return 'reason' in value;
}
