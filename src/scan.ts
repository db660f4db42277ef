import { analyze, type AnalyzedDocument } from './analyze.js';
import { canonicalMember, type MemberResult, memberResult, sentenceFeatureCache } from './compare.js';
import { type CanonicalReason, preferredSourceMatcher, rankCanonicalCandidates, type RankOptions } from './canonical.js';
import { planClusters } from './cluster.js';
import { NoInputError } from './errors.js';
import type { FileSystem } from './io.js';
import { type Banding, candidatePairs, optimalBanding } from './lsh.js';
import { MinHasher } from './minhash.js';
import type { ScanOptions } from './options.js';
import { type ReadEvent, readInputs, type SkippedInput, type SourceDocument } from './read.js';
import { comparePair, type Link, REWRITE_CONTENT_CONTAINMENT } from './verify.js';

export interface ClusterResult {
  readonly canonical: string;
  readonly canonicalReason: CanonicalReason;
  /** The canonical first, then the other members, closest first. */
  readonly members: MemberResult[];
}

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
  readonly boilerplate?: import('./boilerplate.js').BoilerplateSummary;
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
}

/** Jaccard threshold for rewrite candidates on content-stem sets: rewrites keep names and numbers, not phrasing. */
export const REWRITE_LSH_THRESHOLD = 0.25;

/** The Jaccard threshold LSH is tuned to: for containment, the Jaccard of a pair whose larger side is up to twice the smaller. */
export function lshThreshold(options: Pick<ScanOptions, 'metric' | 'threshold'>): number {
  const t = options.metric === 'jaccard' ? options.threshold : options.threshold / (3 - options.threshold);
  return Math.min(t, 0.99);
}

async function collect(options: ScanOptions, fs: FileSystem, observer: ScanObserver) {
  const documents: SourceDocument[] = [];
  const skipped: SkippedInput[] = [];
  const notes: ArticleNote[] = [];
  const firstSeen = new Map<string, string>();
  let ignoredFiles = 0;
  const skip = (s: SkippedInput) => {
    skipped.push(s);
    observer.skipped?.(s);
  };
  for await (const event of readInputs(options.paths, fs, options.read) as AsyncIterable<ReadEvent>) {
    if (event.kind === 'ignored') ignoredFiles++;
    else if (event.kind === 'skipped') skip(event.skipped);
    else {
      const doc = event.document;
      const where = doc.line === undefined ? doc.source : `${doc.source}:${doc.line}`;
      const first = firstSeen.get(doc.id);
      if (first !== undefined) skip({ path: where, reason: `duplicate id "${doc.id}" (first seen at ${first})` });
      else {
        firstSeen.set(doc.id, where);
        documents.push(doc);
        if (doc.extractionNote !== undefined) {
          const note = { path: where, note: doc.extractionNote };
          notes.push(note);
          observer.note?.(note);
        }
      }
    }
  }
  return { documents, skipped, ignoredFiles, notes, skip };
}

const DAY_MS = 86_400_000;

/** Whether two documents may be linked under `--within`: always when either is undated. */
export function withinWindow(days: number | undefined): (a: { date?: string }, b: { date?: string }) => boolean {
  if (days === undefined) return () => true;
  return (a, b) => a.date === undefined || b.date === undefined || Math.abs(Date.parse(a.date) - Date.parse(b.date)) <= days * DAY_MS;
}

/** Containment of the smaller set in the larger, estimated from MinHash Jaccard and the set sizes. */
function estimateContainment(signatures: Int32Array, numPerm: number, i: number, j: number, sizeI: number, sizeJ: number): number {
  let equal = 0;
  const a = i * numPerm;
  const b = j * numPerm;
  for (let p = 0; p < numPerm; p++) if (signatures[a + p] === signatures[b + p]) equal++;
  const jaccard = equal / numPerm;
  const smaller = Math.min(sizeI, sizeJ);
  return smaller === 0 ? 0 : (jaccard * (sizeI + sizeJ)) / ((1 + jaccard) * smaller);
}

/** Reads the inputs and runs the whole pipeline: the function the CLI and other programs call. */
export async function scan(options: ScanOptions, fs: FileSystem, observer: ScanObserver = {}): Promise<ScanResult> {
  const { documents: sources, skipped, ignoredFiles, notes, skip } = await collect(options, fs, observer);
  const docs: AnalyzedDocument[] = [];
  for (const source of sources) {
    const doc = analyze(source, options.shingleSize);
    if (doc.tokens.words.length === 0) {
      skip({ path: source.line === undefined ? source.source : `${source.source}:${source.line}`, reason: 'no words to compare' });
    } else docs.push(doc);
  }
  if (docs.length === 0) {
    throw new NoInputError(`no readable articles in ${options.paths.join(', ')}${skipped.length ? ` (${skipped.length} skipped)` : ''}`);
  }

  const hasher = new MinHasher({ numPerm: options.numPerm, seed: options.seed });
  const { numPerm } = options;
  const signatures = new Int32Array(docs.length * numPerm);
  docs.forEach((doc, i) => hasher.signatureInto(doc.shingleSet, signatures, i * numPerm));
  const banding = options.banding ?? optimalBanding(lshThreshold(options), numPerm);

  const featuresOf = sentenceFeatureCache();
  const within = withinWindow(options.withinDays);
  const rankOptions: RankOptions =
    options.prefer.length === 0 ? {} : { preferred: preferredSourceMatcher(options.prefer), preferredLabel: options.prefer.map((p) => JSON.stringify(p)).join(', ') };

  const linked: Array<[number, number]> = [];
  const linkedKeys = new Set<number>();
  const noRewrites = { ...options, rewrites: false };
  for (const [i, j] of candidatePairs(signatures, numPerm, banding)) {
    if (within(docs[i]!, docs[j]!) && comparePair(docs[i]!, docs[j]!, featuresOf, noRewrites)) {
      linked.push([i, j]);
      linkedKeys.add(i * docs.length + j);
    }
  }

  const rewriteBanding = optimalBanding(REWRITE_LSH_THRESHOLD, numPerm);
  if (options.rewrites) {
    const contentSignatures = new Int32Array(docs.length * numPerm);
    docs.forEach((doc, i) => hasher.signatureInto(featuresOf(doc).contentSet, contentSignatures, i * numPerm));
    const contentSize = docs.map((doc) => featuresOf(doc).contentSet.length);
    for (const [i, j] of candidatePairs(contentSignatures, numPerm, rewriteBanding)) {
      if (linkedKeys.has(i * docs.length + j) || !within(docs[i]!, docs[j]!)) continue;
      // Topical neighbours share vocabulary by the million: drop those whose estimated containment is far too low
      // before any exact work.
      const estimate = estimateContainment(contentSignatures, numPerm, i, j, contentSize[i]!, contentSize[j]!);
      if (estimate < REWRITE_CONTENT_CONTAINMENT - 0.15) continue;
      if (comparePair(docs[i]!, docs[j]!, featuresOf, options)) linked.push([i, j]);
    }
  }

  const plans = planClusters<CanonicalReason, Link>(docs.length, linked, {
    rank: (group) => rankCanonicalCandidates(group.map((g) => docs[g]!), rankOptions).map((r) => ({ index: group[r.index]!, reason: r.reason })),
    link: (canonical, member) => (within(docs[canonical]!, docs[member]!) ? comparePair(docs[canonical]!, docs[member]!, featuresOf, options) : undefined),
  });

  const clusters = plans.map((plan): ClusterResult => {
    const canonical = docs[plan.canonical]!;
    const members = plan.members.map(({ index, link }) => memberResult(docs[index]!, canonical, link, featuresOf));
    members.sort((a, b) => b.jaccard - a.jaccard || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { canonical: canonical.id, canonicalReason: plan.reason, members: [canonicalMember(canonical), ...members] };
  });
  clusters.sort((a, b) => b.members.length - a.members.length || (a.canonical < b.canonical ? -1 : 1));

  return { params: { ...options, banding, rewriteBanding }, documents: docs.length, clusters, skipped, ignoredFiles, notes };
}
