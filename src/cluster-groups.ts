/**
 * The end of a scan's second pass, one linked group of documents at a time: read the group's documents again in full,
 * pick each cluster's canonical and judge every member against it. A pure function of the groups, the options and the
 * documents read, so groups can be clustered on worker threads (src/scan-worker.ts) as well as on the scan's own.
 */
import type { AnalyzedDocument } from './analyze.js';
import { type CanonicalReason, preferredSourceMatcher, rankCanonicalCandidates, type RankOptions } from './canonical.js';
import { planClusters } from './cluster.js';
import { canonicalMember, type MemberResult, memberResult, sentenceFeatureCache } from './compare.js';
import type { ScanOptions } from './options.js';
import { type DocumentLoader, isFailure } from './reread.js';
import type { SentenceFeatures } from './sentences.js';
import { comparePair, type Link } from './verify.js';

export interface ClusterResult {
  readonly canonical: string;
  readonly canonicalReason: CanonicalReason;
  /** The canonical first, then the other members, closest first. */
  readonly members: MemberResult[];
}

/** Documents that verification linked into one connected group, by their numbers in the corpus, with the links. */
export interface LinkedGroup {
  readonly docs: readonly number[];
  readonly links: ReadonlyArray<readonly [number, number]>;
}

/** A document that could not be read again the same (changed since the first pass), and why. */
export interface ReadFailure {
  readonly doc: number;
  readonly reason: string;
}

export interface ClusteredGroups {
  /** The clusters of each group in turn. */
  readonly clusters: ClusterResult[];
  /** Documents left out, in the order they were met. */
  readonly failures: ReadFailure[];
}

const DAY_MS = 86_400_000;

/** Whether two publication times (ms; NaN when undated) may be linked under `--within`: always when either is undated. */
export function withinWindow(days: number | undefined): (a: number, b: number) => boolean {
  if (days === undefined) return () => true;
  return (a, b) => Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) <= days * DAY_MS;
}

const timeOf = (doc: { date?: string }) => (doc.date === undefined ? Number.NaN : Date.parse(doc.date));

/**
 * Clusters each group: its documents read again through `loader` (one that cannot be, drops out and is reported),
 * canonicals picked, members judged against them.
 */
export async function clusterGroups(
  groups: readonly LinkedGroup[],
  loader: DocumentLoader,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures = sentenceFeatureCache(),
): Promise<ClusteredGroups> {
  const rankOptions: RankOptions =
    options.prefer.length === 0 ? {} : { preferred: preferredSourceMatcher(options.prefer), preferredLabel: options.prefer.map((p) => JSON.stringify(p)).join(', ') };
  const within = withinWindow(options.withinDays);
  const clusters: ClusterResult[] = [];
  const failures: ReadFailure[] = [];
  for (const group of groups) {
    // Documents by their place in the group.
    const docs: AnalyzedDocument[] = [];
    const local = new Map<number, number>();
    for (const i of group.docs) {
      const doc = loader.heldDocument(i) ?? (await loader.loadOnce(i));
      if (isFailure(doc)) failures.push({ doc: i, reason: doc.reason });
      else local.set(i, docs.push(doc) - 1);
    }
    const pairs: Array<[number, number]> = [];
    for (const [i, j] of group.links) if (local.has(i) && local.has(j)) pairs.push([local.get(i)!, local.get(j)!]);
    const plans = planClusters<CanonicalReason, Link>(docs.length, pairs, {
      rank: (places) => rankCanonicalCandidates(places.map((p) => docs[p]!), rankOptions).map((r) => ({ index: places[r.index]!, reason: r.reason })),
      link: (canonical, member) => (within(timeOf(docs[canonical]!), timeOf(docs[member]!)) ? comparePair(docs[canonical]!, docs[member]!, featuresOf, options) : undefined),
    });
    for (const plan of plans) {
      const canonical = docs[plan.canonical]!;
      const members = plan.members.map(({ index, link }) => memberResult(docs[index]!, canonical, link, featuresOf));
      members.sort((a, b) => b.jaccard - a.jaccard || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      clusters.push({ canonical: canonical.id, canonicalReason: plan.reason, members: [canonicalMember(canonical), ...members] });
    }
  }
  return { clusters, failures };
}
