/** How well a scan recovered the planted near-duplicates. Pure: data in, figures out. */
import type { ScanResult } from '../src/scan/scan.js';
import { intersectionSize } from '../src/text/shingle.js';
import type { PlantedPair } from './corpus.js';

export interface KindRecall {
  /** Planted pairs of this kind at or above the threshold. */
  readonly eligible: number;
  /** Of those, pairs whose two documents ended in the same cluster. */
  readonly recalled: number;
}

export interface Quality {
  readonly threshold: number;
  readonly plantedPairs: number;
  readonly eligiblePairs: number;
  readonly recalledPairs: number;
  /** recalledPairs / eligiblePairs; null when nothing was eligible. */
  readonly recall: number | null;
  readonly byKind: { readonly 'base-copy': KindRecall; readonly 'copy-copy': KindRecall };
  /** Eligible pairs not recalled: both documents clustered but apart (clustering does not chain), or one left out. */
  readonly missed: { readonly split: number; readonly unclustered: number };
  /** Up to MISSED_EXAMPLES of the missed pairs, highest Jaccard (the most telling misses) first. */
  readonly missedExamples: readonly PlantedPair[];
  /** Canonical–member links in the result. */
  readonly links: number;
  /** Links whose exact Jaccard, recomputed from the texts, is at or above the threshold. */
  readonly linksAtThreshold: number;
  /** linksAtThreshold / links; null when there were no links. */
  readonly precision: number | null;
  /** Links between two documents of one planted group (the rest joined documents the generator never related). */
  readonly linksPlanted: number;
}

export const MISSED_EXAMPLES = 20;

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Ids of every document the result put in a cluster. */
export function clusteredIds(result: ScanResult): Set<string> {
  const ids = new Set<string>();
  for (const cluster of result.clusters) for (const member of cluster.members) ids.add(member.id);
  return ids;
}

/**
 * Recall over planted pairs at or above the threshold (same cluster or not), precision over canonical–member links
 * (exact Jaccard of the two shingle sets, given for every clustered id).
 */
export function measureQuality(
  result: ScanResult,
  planted: readonly PlantedPair[],
  shingleSets: ReadonlyMap<string, Int32Array>,
  threshold: number,
): Quality {
  const clusterOf = new Map<string, number>();
  result.clusters.forEach((cluster, index) => {
    for (const member of cluster.members) clusterOf.set(member.id, index);
  });
  const byKind = { 'base-copy': { eligible: 0, recalled: 0 }, 'copy-copy': { eligible: 0, recalled: 0 } };
  const missed = { split: 0, unclustered: 0 };
  const missedPairs: PlantedPair[] = [];
  const plantedKeys = new Set<string>();
  for (const pair of planted) {
    plantedKeys.add(pairKey(pair.a, pair.b));
    if (pair.jaccard < threshold) continue;
    const kind = byKind[pair.kind];
    kind.eligible++;
    const ca = clusterOf.get(pair.a);
    const cb = clusterOf.get(pair.b);
    if (ca !== undefined && ca === cb) kind.recalled++;
    else {
      if (ca !== undefined && cb !== undefined) missed.split++;
      else missed.unclustered++;
      missedPairs.push(pair);
    }
  }
  let links = 0;
  let linksAtThreshold = 0;
  let linksPlanted = 0;
  for (const cluster of result.clusters) {
    const canonical = shingleSets.get(cluster.canonical)!;
    for (const member of cluster.members) {
      if (member.id === cluster.canonical) continue;
      links++;
      const set = shingleSets.get(member.id)!;
      const shared = intersectionSize(canonical, set);
      if (shared / (canonical.length + set.length - shared) >= threshold) linksAtThreshold++;
      if (plantedKeys.has(pairKey(cluster.canonical, member.id))) linksPlanted++;
    }
  }
  const eligiblePairs = byKind['base-copy'].eligible + byKind['copy-copy'].eligible;
  const recalledPairs = byKind['base-copy'].recalled + byKind['copy-copy'].recalled;
  return {
    threshold,
    plantedPairs: planted.length,
    eligiblePairs,
    recalledPairs,
    recall: eligiblePairs === 0 ? null : recalledPairs / eligiblePairs,
    byKind,
    missed,
    missedExamples: missedPairs.sort((x, y) => y.jaccard - x.jaccard).slice(0, MISSED_EXAMPLES),
    links,
    linksAtThreshold,
    precision: links === 0 ? null : linksAtThreshold / links,
    linksPlanted,
  };
}
