/**
 * A scan's second pass, one group of candidate documents at a time: verify the group's candidate pairs on exact sets,
 * read the linked documents again in full, pick each cluster's canonical and judge every member against it. A pure
 * function of the groups, the options and the documents read, so groups can be verified and clustered on worker
 * threads (src/scan-worker.ts) as well as on the scan's own.
 */
import type { AnalyzedDocument } from '../text/analyze.js';
import { type CanonicalReason, preferredReason, rankCanonicalCandidates } from '../judge/canonical.js';
import { componentsOfColumns, planClusters } from '../judge/cluster.js';
import { canonicalMember, type MemberResult, memberResult, sentenceFeatureCache } from '../judge/member.js';
import type { ScanOptions } from '../options.js';
import { type DocumentLoader, isFailure } from './loader.js';
import type { SentenceFeatures } from '../text/sentences.js';
import type { PairColumn } from '../sketch/lsh.js';
import { comparePair, type Link } from '../judge/verify.js';
import { type CandidatePairs, contentOrder, failureLog, type NoteFailure, type ReadFailure, verifyCandidates } from './verify-candidates.js';
import { sourceCounts } from '../judge/source.js';
import { timeOf, withinWindow } from '../judge/window.js';
import { type RelatedArticle, relatedArticle, SOURCE_REASON } from '../judge/related.js';

export interface ClusterResult {
  readonly canonical: string;
  readonly canonicalReason: CanonicalReason;
  /**
   * The canonical first, then the other members, closest first. In a scan's result they are held packed, and each read
   * unpacks them again (scan/packed-members.ts): read them once per cluster.
   */
  readonly members: MemberResult[];
  /** Articles that took passages from a member but are stories of their own (partial reuse): never members. */
  readonly related?: RelatedArticle[];
}

type Pair = readonly [number, number];

/** Documents that verification linked into one connected group, by their numbers in the corpus, with the links. */
export interface LinkedGroup {
  readonly docs: readonly number[];
  readonly links: readonly Pair[];
  /** Of `links`, those verification found copies by shingles, where it said: the canonical's choice needs no new look. */
  readonly copies?: readonly Pair[];
}

/**
 * A connected group of documents (sorted) and the pairs that link them: those verified already, and candidates still to
 * verify. Verified, the group falls apart into the linked groups its links make.
 */
export interface CandidateGroup extends LinkedGroup {
  readonly candidates?: CandidatePairs;
  /** Pairs verified already that show partial reuse. */
  readonly partial?: readonly Pair[];
}

export interface ClusteredGroups {
  /** The clusters of each group in turn. */
  readonly clusters: ClusterResult[];
  /** Documents left out, in the order they were met, each once. */
  readonly failures: ReadFailure[];
}

/**
 * The connected groups that candidate pairs make of a corpus of `count` documents, in order of their first document,
 * each with its own candidates (in the order given). Groups share no document, so each can be verified and clustered
 * alone.
 */
export function candidateGroups(count: number, candidates: CandidatePairs): CandidateGroup[] {
  const groups = componentsOfColumns(count, candidates.shingle, candidates.rewrite);
  const groupOf = new Int32Array(count);
  groups.forEach((group, g) => group.forEach((doc) => (groupOf[doc] = g)));
  // Each group's pairs in a column of its own, in the order given: counted, then copied.
  const byGroup = (all: PairColumn): Int32Array[] => {
    const sizes = new Int32Array(groups.length);
    for (let p = 0; p < all.length; p += 2) sizes[groupOf[all[p]!]!]! += 2;
    const columns = Array.from(sizes, (size) => new Int32Array(size));
    const filled = new Int32Array(groups.length);
    for (let p = 0; p < all.length; p += 2) {
      const g = groupOf[all[p]!]!;
      const at = filled[g]!;
      columns[g]![at] = all[p]!;
      columns[g]![at + 1] = all[p + 1]!;
      filled[g] = at + 2;
    }
    return columns;
  };
  const shingle = byGroup(candidates.shingle);
  const rewrite = byGroup(candidates.rewrite);
  return groups.map((docs, g) => ({ docs, links: [], candidates: { shingle: shingle[g]!, rewrite: rewrite[g]! } }));
}

/** The linked groups that `links` make of `docs` (sorted), each with its links in the order given. */
export function linkedGroups(docs: readonly number[], links: readonly Pair[], copies?: readonly Pair[]): LinkedGroup[] {
  const local = new Map<number, number>();
  docs.forEach((doc, n) => local.set(doc, n));
  // The links by place in `docs`, as a column: the links of a much-copied story's group are millions of pairs, and as
  // arrays of two they would be held twice over while the group is verified.
  const places = new Int32Array(2 * links.length);
  links.forEach(([i, j], p) => {
    places[2 * p] = local.get(i)!;
    places[2 * p + 1] = local.get(j)!;
  });
  const groups = componentsOfColumns(docs.length, places).map((group) => group.map((n) => docs[n]!));
  const groupOf = new Map<number, number>();
  groups.forEach((group, g) => group.forEach((doc) => groupOf.set(doc, g)));
  const linksOf = groups.map((): Pair[] => []);
  for (const link of links) linksOf[groupOf.get(link[0])!]!.push(link);
  if (copies === undefined) return groups.map((group, g) => ({ docs: group, links: linksOf[g]! }));
  const copiesOf = groups.map((): Pair[] => []);
  for (const copy of copies) copiesOf[groupOf.get(copy[0])!]!.push(copy);
  return groups.map((group, g) => ({ docs: group, links: linksOf[g]!, copies: copiesOf[g]! }));
}

/**
 * Verifies each group's candidates, then clusters the linked groups they make: its documents read again through
 * `loader` (one that cannot be, drops out and is reported), canonicals picked, members judged against them. A group's
 * documents are let go of once it is clustered: no other group holds them.
 */
export async function clusterGroups(
  groups: readonly CandidateGroup[],
  loader: DocumentLoader,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures = sentenceFeatureCache(),
): Promise<ClusteredGroups> {
  const preferred = preferredReason(options.prefer);
  const within = withinWindow(options.withinDays);
  const clusters: ClusterResult[] = [];
  const failures: ReadFailure[] = [];
  const noteFailure = failureLog(failures);
  for (const candidateGroup of groups) {
    const partial: Array<[number, number]> = (candidateGroup.partial ?? []).map(([i, j]) => [i, j]);
    const copies: Array<readonly [number, number]> = [...(candidateGroup.copies ?? [])];
    const linked = candidateGroup.candidates
      ? linkedGroups(
          candidateGroup.docs,
          [...candidateGroup.links, ...(await verifyCandidates(candidateGroup.candidates, loader, options, featuresOf, noteFailure, undefined, partial, copies))],
          copies,
        )
      : [candidateGroup];
    const groupClusters: ClusterOfDocs[] = [];
    for (const group of linked) {
      // Documents by their place in the group, and their numbers in the corpus.
      const docs: AnalyzedDocument[] = [];
      const numbers: number[] = [];
      const local = new Map<number, number>();
      for (const i of group.docs) {
        const doc = loader.heldDocument(i) ?? (await loader.loadOnce(i));
        if (isFailure(doc)) noteFailure(i, doc.reason);
        else {
          local.set(i, docs.push(doc) - 1);
          numbers.push(i);
        }
      }
      const pairs: Array<[number, number]> = [];
      for (const [i, j] of group.links) if (local.has(i) && local.has(j)) pairs.push([local.get(i)!, local.get(j)!]);
      // Links known to be copies, by places: x·places + y.
      const copyPlaces = group.copies && new Set<number>();
      for (const [i, j] of group.copies ?? []) if (local.has(i) && local.has(j)) copyPlaces!.add(local.get(i)! * docs.length + local.get(j)!);
      const plans = planClusters<CanonicalReason, Link>(docs.length, pairs, {
        rank: (places) => {
          const links = sourceCounts(places, pairs, docs, featuresOf, options, copyPlaces && ((x, y) => copyPlaces.has(x * docs.length + y)));
          return rankCanonicalCandidates(
            places.map((p) => docs[p]!),
            { links },
          ).map((r) => ({ index: places[r.index]!, reason: r.reason }));
        },
        ...(preferred ? { preferred: (p: number) => preferred(docs[p]!) } : {}),
        link: (canonical, member) => (within(timeOf(docs[canonical]!), timeOf(docs[member]!)) ? comparePair(docs[canonical]!, docs[member]!, featuresOf, options) : undefined),
      });
      for (const plan of plans) {
        const canonical = docs[plan.canonical]!;
        const members = plan.members.map(({ index, link }) => memberResult(docs[index]!, canonical, link, featuresOf));
        members.sort((a, b) => b.jaccard - a.jaccard || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        groupClusters.push({
          cluster: { canonical: canonical.id, canonicalReason: plan.reason, members: [canonicalMember(canonical), ...members] },
          docs: [plan.canonical, ...plan.members.map((m) => m.index)].map((p) => ({ number: numbers[p]!, doc: docs[p]! })),
        });
      }
    }
    if (partial.length === 0) clusters.push(...groupClusters.map((c) => c.cluster));
    else clusters.push(...(await withRelated(groupClusters, partial, loader, featuresOf, options, noteFailure)));
    loader.release(candidateGroup.docs);
  }
  return { clusters, failures };
}

/** A cluster with its documents, canonical first: what partial reuse is attached to. */
interface ClusterOfDocs {
  readonly cluster: ClusterResult;
  readonly docs: ReadonlyArray<{ readonly number: number; readonly doc: AnalyzedDocument }>;
}

/**
 * The clusters with the articles that took passages from their members listed as related (never as members). An
 * article partly derived from a document in no cluster makes that document a cluster of its own, with the article as
 * related: the source and what was taken from it are reported together.
 */
async function withRelated(
  clusters: readonly ClusterOfDocs[],
  partial: ReadonlyArray<readonly [number, number]>,
  loader: DocumentLoader,
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures,
  options: ScanOptions,
  noteFailure: NoteFailure,
): Promise<ClusterResult[]> {
  const clusterOf = new Map<number, number>();
  clusters.forEach((c, n) => c.docs.forEach((d) => clusterOf.set(d.number, n)));
  const related = clusters.map(() => new Map<string, RelatedArticle>());
  const own = new Map<number, { doc: AnalyzedDocument; related: Map<string, RelatedArticle> }>();
  const load = async (i: number) => {
    const doc = loader.heldDocument(i) ?? (await loader.load(i));
    if (!isFailure(doc)) return doc;
    noteFailure(i, doc.reason);
    return undefined;
  };
  const keep = (into: Map<string, RelatedArticle>, found: RelatedArticle) => {
    const known = into.get(found.id);
    if (!known || found.derivedSentences > known.derivedSentences || (found.derivedSentences === known.derivedSentences && found.of < known.of)) into.set(found.id, found);
  };
  for (const [i, j] of partial) {
    const a = await load(i);
    const b = a && (await load(j));
    if (!a || !b) continue;
    let placed = false;
    for (const [source, article, x, y] of [
      [a, b, i, j],
      [b, a, j, i],
    ] as const) {
      const c = clusterOf.get(x);
      if (c === undefined) continue;
      placed = true;
      if (clusterOf.get(y) === c) continue;
      const found = relatedArticle(featuresOf(source), featuresOf(article), source, article, options);
      if (found) keep(related[c]!, found);
    }
    if (placed) continue;
    // Neither in a cluster: the source is the text whose sentences the other took, the one with more of them.
    // On a tie, the longer text (by content, not by where it was read) is the source.
    const aFirst = featuresOf(a).sketches.length - featuresOf(b).sketches.length || contentOrder(b.text, a.text) || j - i;
    const [source, article, x] = aFirst >= 0 ? [a, b, i] : [b, a, j];
    const found = relatedArticle(featuresOf(source), featuresOf(article), source, article, options);
    if (!found) continue;
    const entry = own.get(x) ?? own.set(x, { doc: source, related: new Map() }).get(x)!;
    keep(entry.related, found);
  }
  const byId = (m: ReadonlyMap<string, RelatedArticle>) => [...m.values()].sort((p, q) => q.derivedSentences - p.derivedSentences || (p.id < q.id ? -1 : 1));
  const out = clusters.map((c, n) => (related[n]!.size === 0 ? c.cluster : { ...c.cluster, related: byId(related[n]!) }));
  for (const [, { doc, related: r }] of [...own].sort((p, q) => p[0] - q[0])) {
    out.push({ canonical: doc.id, canonicalReason: SOURCE_REASON, members: [canonicalMember(doc)], related: byId(r) });
  }
  return out;
}
