import type { Report, ReportCluster, ReportMember } from '../scan-report.js';
import { safeText } from './safe-text.js';

/** One duplicate as the CI reporters list it: a member that is not its cluster's canonical. */
export interface Finding {
  readonly cluster: ReportCluster;
  /** Articles in the cluster: its members, read once (each read of a report cluster's members makes them again). */
  readonly articles: number;
  readonly member: ReportMember;
  /**
   * Where the member stands in the inputs, when its id names a file: a path, `<file>#<content key>` of a JSONL line
   * without an id (the file alone: the key names the text, not the line), or `<file>:<line>`.
   */
  readonly file?: string;
  readonly line?: number;
}

const PLACED_ID = /^(.+\.(?:jsonl|ndjson|csv|tsv|parquet)(?:\.gz)?):(\d+)$/i;
const FILE_ID = /\.(?:txt|md|text|html?|gz)$/i;
const KEYED_ID = /^(.+\.(?:jsonl|ndjson|csv|tsv|parquet)(?:\.gz)?)#[0-9a-f]{16}(?:-\d+)?$/i;

/**
 * The file (and line) an article id names, if it names one: ids of files are their paths, lines without an id
 * `<file>#<content key>` (the file only) or `<file>:<line>`.
 */
export function placeOfId(id: string): { file?: string; line?: number } {
  const placed = PLACED_ID.exec(id);
  if (placed) return { file: placed[1]!, line: Number(placed[2]) };
  const keyed = KEYED_ID.exec(id);
  if (keyed) return { file: keyed[1]! };
  return FILE_ID.test(id) ? { file: id } : {};
}

/**
 * The duplicates a CI run should flag, in report order: with a baseline only the ones it does not accept, else every
 * member that is not its cluster's canonical.
 */
export function findings(report: Report): Finding[] {
  const fresh = report.baseline && new Map(report.baseline.clusters.map((c) => [c.cluster, new Set(c.newMembers)]));
  const out: Finding[] = [];
  for (const cluster of report.clusters) {
    const members = cluster.members;
    for (const member of members) {
      if (member.id === cluster.canonical) continue;
      if (fresh && !fresh.get(cluster.id)?.has(member.id)) continue;
      out.push({ cluster, articles: members.length, member, ...placeOfId(member.id) });
    }
  }
  return out;
}

const fixed = (x: number) => x.toFixed(2);

/** The figures of a duplicate in one phrase, for people to read: `copy of X (jaccard 0.93, 0.98 of it in the canonical)`. */
export function findingMessage(f: Finding): string {
  const { member, cluster } = f;
  return (
    `${member.relation} of ${safeText(cluster.canonical)} (cluster ${cluster.id}, ${f.articles} articles): ` +
    `jaccard ${fixed(member.jaccard)}, ${fixed(member.containment.memberInCanonical)} of it in the canonical, ` +
    `${fixed(member.containment.canonicalInMember)} of the canonical in it, ${member.changedWords} words changed`
  );
}
