/** Words every renderer shares. */
import { memberCount } from '../../scan/packed-members.js';
import type { Report } from '../scan-report.js';

/** `n` with its noun, singular for one: "1 article", "3 articles". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What a headline counts: clusters that hold copies (a text reported only as the source of related articles is a
 * cluster of one in the JSON, not a cluster of near-duplicates), and the related articles, which are not duplicates.
 */
export function headlineCounts(report: Report): { clusters: number; related: number } {
  let clusters = 0;
  let related = 0;
  for (const cluster of report.clusters) {
    // Counted, not unpacked: a report's members are made again at each read.
    if (memberCount(cluster) > 1) clusters++;
    related += cluster.related?.length ?? 0;
  }
  return { clusters, related };
}

/** ", 3 related articles (partial reuse)", or "" for none. */
export const relatedPhrase = (related: number) => (related > 0 ? `, ${plural(related, 'related article')} (partial reuse)` : '');
