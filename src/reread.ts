/**
 * Documents read again, by number, for the second pass of a scan: verification on exact shingle sets and the report.
 * The first pass keeps no text, so only documents that end up as LSH candidates are ever read twice.
 */
import { analyze, type AnalyzedDocument } from './analyze.js';
import type { CorpusTable } from './corpus-table.js';
import { Fingerprinter, textDigest } from './fingerprint.js';
import type { FileSystem } from './io.js';
import { toSortedSet } from './shingle.js';
import { articleFromFile, articleFromRecord, type ArticleText, type ReadOptions } from './read.js';

/** Why a document could not be read again the same. */
export interface RereadFailure {
  readonly reason: string;
}

/** The sets a pair is first checked on: a few kilobytes a document, where an analysed document holds tens. */
export interface SetsOfDocument {
  readonly shingleSet: Int32Array;
  /** Sorted content stems of the whole document, for rewrite candidates; only from a loader given contentSetOf. */
  readonly contentSet: Int32Array;
}

/**
 * Sets of a document when no pair will need its content set (a scan without rewrites): stemming every sentence costs
 * about as much as analysing the document. Nor can the stemming wait until the set is asked for: a cached entry
 * outlives its document, and keeping the document for it would hold some twenty times the memory.
 */
class ShingleSetOnly implements SetsOfDocument {
  constructor(readonly shingleSet: Int32Array) {}

  get contentSet(): Int32Array {
    throw new Error('content set asked of a DocumentLoader made without contentSetOf');
  }
}

/** A least-recently-used cache: Map order is insertion order, so re-inserting marks an entry most recently used. */
function cached<V>(cache: Map<number, V>, key: number): V | undefined {
  const value = cache.get(key);
  if (value !== undefined) {
    cache.delete(key);
    cache.set(key, value);
  }
  return value;
}

function remember<V>(cache: Map<number, V>, key: number, value: V, capacity: number): V {
  cache.set(key, value);
  if (cache.size > capacity) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * Documents re-read on demand: analysed in full (the most recently used few thousand kept), and their sets (many more
 * kept), since most candidate pairs are settled on sets alone and a document meets many candidates.
 */
export class DocumentLoader {
  private readonly documents = new Map<number, AnalyzedDocument | RereadFailure>();
  private readonly sets = new Map<number, SetsOfDocument | RereadFailure>();

  constructor(
    private readonly table: CorpusTable,
    private readonly fs: FileSystem,
    private readonly readOptions: ReadOptions,
    private readonly shingleSize: number,
    /** A document's content set; undefined when no pair will need one. */
    private readonly contentSetOf: ((doc: AnalyzedDocument) => Int32Array) | undefined,
    private readonly capacity = { documents: 2048, sets: 65536 },
    /** Keys of learned boilerplate lines, left out of each document's similarity sets. */
    private readonly boilerplate?: ReadonlySet<number>,
    /** Whether a document holds any of those lines (only such documents need analysing for their sets). */
    private readonly holdsBoilerplate: (i: number) => boolean = () => true,
  ) {}

  /** Tokenises documents whose sets are wanted without the rest of an analysis. */
  private readonly fingerprinter = new Fingerprinter();

  async load(i: number): Promise<AnalyzedDocument | RereadFailure> {
    return cached(this.documents, i) ?? remember(this.documents, i, await this.read(i), this.capacity.documents);
  }

  /**
   * The sets a pair is first checked on. A document analysed already gives its own; one holding learned boilerplate is
   * analysed (its sets leave those lines out); any other is only tokenised, by the first pass's fingerprinter, which
   * gives the same sets (test/fingerprint.test.ts) in a fraction of the time: most candidates of the rewrite pass
   * never need more.
   */
  async setsOf(i: number): Promise<SetsOfDocument | RereadFailure> {
    const known = cached(this.sets, i);
    if (known !== undefined) return known;
    if (this.documents.has(i) || (this.boilerplate !== undefined && this.holdsBoilerplate(i))) {
      const doc = await this.load(i);
      return remember(this.sets, i, isFailure(doc) ? doc : this.setsFrom(doc), this.capacity.sets);
    }
    const article = await this.readText(i);
    return remember(this.sets, i, isFailure(article) ? article : this.fingerprintedSets(article.text), this.capacity.sets);
  }

  private fingerprintedSets(text: string): SetsOfDocument {
    const fp = this.fingerprinter;
    fp.tokenize(text);
    const shingleSet = toSortedSet(fp.shingles(this.shingleSize));
    if (!this.contentSetOf) return new ShingleSetOnly(shingleSet);
    return { shingleSet, contentSet: toSortedSet(fp.contentStems()) };
  }

  private setsFrom(doc: AnalyzedDocument): SetsOfDocument {
    if (!this.contentSetOf) return new ShingleSetOnly(doc.shingleSet);
    return { shingleSet: doc.shingleSet, contentSet: this.contentSetOf(doc) };
  }

  private async read(i: number): Promise<AnalyzedDocument | RereadFailure> {
    const article = await this.readText(i);
    if (isFailure(article)) return article;
    return analyze({ ...this.table.meta(i), text: article.text }, this.shingleSize, this.boilerplate);
  }

  /** The article's text, read again, or why it is not the text first read. */
  private async readText(i: number): Promise<{ text: string } | RereadFailure> {
    const meta = this.table.meta(i);
    let article: ArticleText | RereadFailure;
    const retained = this.table.retainedText(i);
    try {
      if (retained !== undefined) article = { text: retained };
      else if (meta.line === undefined) article = articleFromFile(meta.source, await this.fs.readBytes(meta.source));
      else {
        const line = await this.fs.lineAt(meta.source, meta.offset ?? 0);
        const record = JSON.parse(line) as unknown;
        article =
          record !== null && typeof record === 'object' && !Array.isArray(record)
            ? articleFromRecord(record as Record<string, unknown>, this.readOptions)
            : { reason: 'line is no longer a JSON object' };
      }
    } catch (error) {
      article = { reason: error instanceof Error ? error.message : String(error) };
    }
    if ('reason' in article) return { reason: `changed while being scanned: ${article.reason}` };
    if (textDigest(article.text) !== this.table.digest(i)) return { reason: 'changed while being scanned' };
    return { text: article.text };
  }
}

export function isFailure<T extends object>(value: T | RereadFailure): value is RereadFailure {
  return 'reason' in value;
}
