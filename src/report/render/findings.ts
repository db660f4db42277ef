import type { Report, ReportCluster, ReportMember } from '../scan-report.js';

/** One duplicate as the CI reporters list it: a member that is not its cluster's canonical. */
export interface Finding {
  readonly cluster: ReportCluster;
  readonly member: ReportMember;
  /** Where the member stands in the inputs, when its id names a file (a path, or `<file>:<line>` of a JSONL line). */
  readonly file?: string;
  readonly line?: number;
}

const PLACED_ID = /^(.+\.(?:jsonl|ndjson|csv|tsv|parquet)(?:\.gz)?):(\d+)$/i;
const FILE_ID = /\.(?:txt|md|text|html?|gz)$/i;

/** The file (and line) an article id names, if it names one: ids of files are their paths, lines without an id `<file>:<line>`. */
export function placeOfId(id: string): { file?: string; line?: number } {
  const placed = PLACED_ID.exec(id);
  if (placed) return { file: placed[1]!, line: Number(placed[2]) };
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
    for (const member of cluster.members) {
      if (member.id === cluster.canonical) continue;
      if (fresh && !fresh.get(cluster.id)?.has(member.id)) continue;
      out.push({ cluster, member, ...placeOfId(member.id) });
    }
  }
  return out;
}

const fixed = (x: number) => x.toFixed(2);

/** The figures of a duplicate in one phrase: `copy of X (jaccard 0.93, 0.98 of it in the canonical)`. */
export function findingMessage(f: Finding): string {
  const { member, cluster } = f;
  return (
    `${member.relation} of ${cluster.canonical} (cluster ${cluster.id}, ${cluster.members.length} articles): ` +
    `jaccard ${fixed(member.jaccard)}, ${fixed(member.containment.memberInCanonical)} of it in the canonical, ` +
    `${fixed(member.containment.canonicalInMember)} of the canonical in it, ${member.changedWords} words changed`
  );
}
