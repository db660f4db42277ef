/**
 * Checking articles against an index: candidates from the LSH band look-ups, each verified on exact shingle sets, on
 * the text the index keeps (storedText) or else by reading the original again, and judged as scan judges a cluster's members.
 */
import { REWRITE_CONTENT_CONTAINMENT } from '../judge/verify.js';
import { MIN_CONTAINMENT_SHINGLES } from '../judge/verify.js';
import { compareWithCanonical, type MemberResult, sentenceFeatureCache } from '../judge/member.js';
import type { ScanOptions } from '../options.js';
import { type ArticleNote, ArticleNotes, placeOf, type ReadEvent, type SkippedInput } from '../input/read.js';
import type { ArticleAtFailure } from '../input/stored-article.js';
import { LruCache } from '../input/lru-cache.js';
import { contentHash } from '../input/content-hash.js';
import { agreeingShare, REWRITE_ESTIMATE_MARGIN, sharedFromJaccard } from '../sketch/estimate.js';
import { MinHasher } from '../sketch/minhash.js';
import { type AnalyzedDocument, analyzeFingerprinted } from '../text/analyze.js';
import type { SentenceFeatures } from '../text/sentences.js';
import { Fingerprinter } from '../text/token-hashes.js';
import { byCodeUnits } from '../input/folder-walk.js';
import { bandKeysOf, type DocumentLocation, type IndexedDocument, type IndexParams, type SignatureStore } from './store/store.js';

/** Reads an indexed article's text again, from where it was indexed. */
export interface OriginalReader {
  /** The text, or why it cannot be had (e.g. "original not found on disk"). */
  read(location: DocumentLocation): Promise<{ readonly text: string } | ArticleAtFailure>;
}

/** Reason given for a match whose original's text differs from what was indexed. */
export const ORIGINAL_CHANGED = 'original changed on disk since it was indexed';

/** At most this many candidates per new article are verified: those of highest estimated Jaccard, then rewrite candidates. */
export const MAX_CANDIDATES = 100;

/**
 * Rewrite candidates whose content stems are estimated to be contained less than this are dropped before any exact
 * work, as scan drops them (REWRITE_CONTENT_CONTAINMENT less the same margin).
 */
export const MIN_REWRITE_ESTIMATE = REWRITE_CONTENT_CONTAINMENT - REWRITE_ESTIMATE_MARGIN;

/**
 * Articles found only through rewrite bands that are read from the index per new article: those sharing the most
 * rewrite bands. Topical neighbours share content stems in numbers that grow with the index; this keeps the work
 * per new article bounded, at the cost of missing a re-worded copy that shares fewer bands than this many neighbours.
 */
export const MAX_REWRITE_CANDIDATES = 30;

/**
 * The keys of the MAX_REWRITE_CANDIDATES articles (of `hits`: key, rewrite bands shared) that share the most rewrite
 * bands. Ties are broken by article id, never by the order articles were added to the index in: the ids of those that
 * share as many bands as the last one kept are read.
 */
export async function mostRewriteBands(store: SignatureStore, hits: Array<[number, number]>): Promise<number[]> {
  if (hits.length <= MAX_REWRITE_CANDIDATES) return hits.map(([key]) => key);
  hits.sort((a, b) => b[1] - a[1]);
  const least = hits[MAX_REWRITE_CANDIDATES - 1]![1];
  const contenders = hits.filter(([, shared]) => shared >= least);
  const ids = await store.idsOf(contenders.map(([key]) => key));
  return contenders
    .sort((a, b) => b[1] - a[1] || byCodeUnits(ids.get(a[0]) ?? '', ids.get(b[0]) ?? ''))
    .slice(0, MAX_REWRITE_CANDIDATES)
    .map(([key]) => key);
}

/** MinHash estimates of a pair, from signatures and shingle-set sizes. */
export interface Estimate {
  readonly jaccard: number;
  /** Share of the new article's shingles estimated to be in the original. */
  readonly memberInCanonical: number;
  /** Share of the original's shingles estimated to be in the new article. */
  readonly canonicalInMember: number;
}

export interface MatchedOriginal {
  readonly id: string;
  readonly source: string;
  readonly line?: number;
  readonly date?: string;
  readonly words: number;
}

/** An indexed article a new one copies: verified on exact shingle sets, or estimated when the original cannot be read. */
export type CheckMatch =
  | { readonly original: MatchedOriginal; readonly estimate: Estimate; readonly verified: true; readonly member: MemberResult }
  | { readonly original: MatchedOriginal; readonly estimate: Estimate; readonly verified: false; readonly reason: string };

export interface CheckedDocument {
  readonly id: string;
  readonly source: string;
  readonly line?: number;
  readonly words: number;
  /** The index holds this article (its id, or its file and line) with this very text. The article itself is never reported as its own copy, nor is an earlier version of it. */
  readonly alreadyIndexed: boolean;
  /** Closest first: verified matches by Jaccard, then unverified ones by estimate. */
  readonly matches: CheckMatch[];
}

export interface CheckResult {
  /** Options the matches were judged with (shingle size, permutations and seed are the index's). */
  readonly options: ScanOptions;
  readonly index: { readonly params: IndexParams; readonly documents: number };
  /** Articles checked (with words to compare). */
  readonly checked: number;
  /** Checked articles with at least one match, in input order. */
  readonly documents: CheckedDocument[];
  /** Candidates from band look-ups, before verification (a measure of the work done). */
  readonly candidates: number;
  readonly skipped: SkippedInput[];
  readonly ignoredFiles: number;
  /** Caveats about how articles were read (extraction, dates, encoding), as a scan's report gives them. */
  readonly notes: ArticleNote[];
}

export interface CheckObserver {
  skipped?(skipped: SkippedInput): void;
  /** A caveat about how an article was read (extraction, its date), as a scan notes it. */
  note?(note: ArticleNote): void;
}

/**
 * Where an article read is stored, as `index add` stores it (the CLI's indexLocation): an indexed article at the same
 * place is the article itself, whatever id the working folder gives it.
 */
export type Locate = (document: { readonly source: string; readonly line?: number }) => DocumentLocation;

function estimate(a: Int32Array, b: Int32Array, sizeNew: number, sizeOriginal: number): Estimate {
  const jaccard = agreeingShare(a, b);
  const shared = sharedFromJaccard(jaccard, sizeNew, sizeOriginal);
  const round = (x: number) => Math.round(Math.min(1, x) * 10000) / 10000;
  return {
    jaccard: round(jaccard),
    memberInCanonical: round(sizeNew === 0 ? 0 : shared / sizeNew),
    canonicalInMember: round(sizeOriginal === 0 ? 0 : shared / sizeOriginal),
  };
}

/** Whether an estimate reaches the threshold, as isCopy (judge/verify.ts) judges exact measures. */
function estimateIsCopy(e: Estimate, sizeNew: number, sizeOriginal: number, options: Pick<ScanOptions, 'metric' | 'threshold'>): boolean {
  if (e.jaccard >= options.threshold) return true;
  if (options.metric !== 'containment') return false;
  return (e.memberInCanonical >= options.threshold && sizeNew >= MIN_CONTAINMENT_SHINGLES) || (e.canonicalInMember >= options.threshold && sizeOriginal >= MIN_CONTAINMENT_SHINGLES);
}

/** Whether some band's rows agree in full: a shared 32-bit band key may be a collision. */
function shareABand(a: Int32Array, b: Int32Array, bands: number, rows: number): boolean {
  for (let band = 0; band < bands; band++) {
    let same = true;
    for (let r = band * rows; r < (band + 1) * rows && same; r++) same = a[r] === b[r];
    if (same) return true;
  }
  return false;
}

/** Originals kept analysed: a new article's candidates are often the last one's. */
const ORIGINALS_KEPT = 256;

/** Content-stem count and signature: what finds re-worded copies (see scan's rewrite pass). */
function stemFigures(hasher: MinHasher, features: SentenceFeatures) {
  return { stems: features.contentSet.length, stemSignature: hasher.signature(features.contentSet).values };
}

/**
 * For each article read, the indexed articles it copies: candidates from the LSH band look-ups, each verified with
 * compareWithCanonical (the original as the canonical, the new article as the member), as scan judges members.
 * The work per article is its band look-ups and its candidates: it does not grow with the size of the index.
 */
export async function checkAgainstIndex(
  store: SignatureStore,
  events: AsyncIterable<ReadEvent>,
  reader: OriginalReader,
  options: ScanOptions,
  observer: CheckObserver = {},
  locate?: Locate,
): Promise<CheckResult> {
  const { params } = store;
  const hasher = new MinHasher({ numPerm: params.numPerm, seed: params.seed });
  const featuresOf = sentenceFeatureCache();
  const skipped: SkippedInput[] = [];
  const noting = new ArticleNotes();
  const notes: ArticleNote[] = [];
  const say = (note: ArticleNote) => {
    notes.push(note);
    observer.note?.(note);
  };
  const documents: CheckedDocument[] = [];
  const originals = new LruCache<AnalyzedDocument | { reason: string }>(ORIGINALS_KEPT);
  // The first pass's tokeniser: the same analysis as analyze() gives (test/text/analyze.test.ts), in about half the time.
  const fingerprinter = new Fingerprinter();
  let ignoredFiles = 0;
  let checked = 0;
  let candidates = 0;
  const skip = (s: SkippedInput) => {
    skipped.push(s);
    observer.skipped?.(s);
  };

  const original = async (doc: IndexedDocument): Promise<AnalyzedDocument | { reason: string }> => {
    const cached = originals.get(doc.key);
    if (cached) return cached;
    // A text the index keeps is the one that was indexed: no file needs to be found, on this machine or any other.
    const storedText = await store.text(doc.key);
    const got = storedText === undefined ? await reader.read(doc) : { text: storedText };
    const value =
      'reason' in got
        ? { reason: got.reason }
        : contentHash(got.text) !== doc.contentHash
          ? { reason: ORIGINAL_CHANGED }
          : analyzeFingerprinted(fingerprinter, { id: doc.id, text: got.text, source: doc.source, ...(doc.date === undefined ? {} : { date: doc.date }) }, params.shingleSize);
    return originals.remember(doc.key, value);
  };

  for await (const event of events) {
    if (event.kind === 'ignored') {
      ignoredFiles++;
      continue;
    }
    if (event.kind === 'skipped') {
      skip(event.skipped);
      continue;
    }
    const source = event.document;
    const doc = analyzeFingerprinted(fingerprinter, source, params.shingleSize);
    if (doc.tokens.count === 0) {
      skip({ path: placeOf(source), reason: 'no words to compare' });
      continue;
    }
    checked++;
    noting.of(source, source).forEach(say);
    const hash = contentHash(source.text);
    const signature = hasher.signature(doc.shingleSet).values;
    const stems = options.rewrites && params.rewriteBands > 0 ? stemFigures(hasher, featuresOf(doc)) : undefined;
    const keys = bandKeysOf(signature, params, stems?.stemSignature);
    const shingleHits = await store.bandHits(keys.subarray(0, params.bands), 0);
    const rewriteHits = stems ? await store.bandHits(keys.subarray(params.bands), params.bands) : new Map<number, number>();
    const rewriteOnly = [...rewriteHits].filter(([key]) => !shingleHits.has(key));
    candidates += shingleHits.size + rewriteOnly.length;
    const read = [...shingleHits.keys(), ...(await mostRewriteBands(store, rewriteOnly))];
    let alreadyIndexed = false;
    const here = locate?.(source);
    const shingleCandidates: Array<{ d: IndexedDocument; e: Estimate }> = [];
    const rewriteCandidates: Array<{ d: IndexedDocument; e: Estimate; containment: number }> = [];
    for (const d of await store.documents(read)) {
      // The article itself, indexed (an earlier version of it, if its text changed since): never its own copy.
      if (d.id === source.id || (here !== undefined && here.source !== '-' && d.source === here.source && d.line === here.line)) {
        if (d.contentHash === hash) alreadyIndexed = true;
        continue;
      }
      const e = estimate(signature, d.signature, doc.shingleSet.length, d.shingles);
      if (shareABand(signature, d.signature, params.bands, params.rows)) shingleCandidates.push({ d, e });
      else if (stems && d.stemSignature && d.stems !== undefined && shareABand(stems.stemSignature, d.stemSignature, params.rewriteBands, params.rewriteRows)) {
        // Topical neighbours share vocabulary by the million: keep those whose stems are estimated well contained.
        const c = estimate(stems.stemSignature, d.stemSignature, stems.stems, d.stems);
        const containment = Math.max(c.memberInCanonical, c.canonicalInMember);
        if (containment >= MIN_REWRITE_ESTIMATE) rewriteCandidates.push({ d, e, containment });
      }
    }
    shingleCandidates.sort((x, y) => y.e.jaccard - x.e.jaccard || byCodeUnits(x.d.id, y.d.id));
    rewriteCandidates.sort((x, y) => y.containment - x.containment || byCodeUnits(x.d.id, y.d.id));
    const found = [...shingleCandidates, ...rewriteCandidates].slice(0, MAX_CANDIDATES);

    const matches: CheckMatch[] = [];
    for (const { d, e } of found) {
      const info: MatchedOriginal = {
        id: d.id,
        source: d.source,
        ...(d.line === undefined ? {} : { line: d.line }),
        ...(d.date === undefined ? {} : { date: d.date }),
        words: d.words,
      };
      const canonical = await original(d);
      if ('reason' in canonical) {
        if (estimateIsCopy(e, doc.shingleSet.length, d.shingles, options)) matches.push({ original: info, estimate: e, verified: false, reason: canonical.reason });
        continue;
      }
      const member = compareWithCanonical(canonical, doc, options, featuresOf);
      if (member) matches.push({ original: info, estimate: e, verified: true, member });
    }
    matches.sort((a, b) => {
      if (a.verified !== b.verified) return a.verified ? -1 : 1;
      const x = a.verified ? a.member.jaccard : a.estimate.jaccard;
      const y = b.verified ? b.member.jaccard : b.estimate.jaccard;
      return y - x || (a.original.id < b.original.id ? -1 : a.original.id > b.original.id ? 1 : 0);
    });
    if (matches.length > 0) {
      documents.push({
        id: source.id,
        source: source.source,
        ...(source.line === undefined ? {} : { line: source.line }),
        words: doc.tokens.count,
        alreadyIndexed,
        matches,
      });
    }
  }
  noting.finish().forEach(say);
  return { options, index: { params, documents: await store.count() }, checked, documents, candidates, skipped, ignoredFiles, notes };
}
