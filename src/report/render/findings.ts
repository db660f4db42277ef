import type { Report, ReportCluster, ReportMember } from '../scan-report.js';
import { safeText } from './safe-text.js';

/** One duplicate as the CI reporters list it: a member that is not its cluster's canonical. */
export interface Finding {
  readonly cluster: ReportCluster;
  /** Articles in the cluster: its members, read once (each read of a report cluster's members makes them again). */
  readonly articles: number;
  readonly member: ReportMember;
  /**
   * The file the member was read from (none from standard input), and its line where the id names one (`<file>:<line>`):
   * a JSONL line with an id of its own, or without one (`<file>#<content key>`: the key names the text, not the line),
   * is placed on its file alone.
   */
  readonly file?: string;
  readonly line?: number;
}

/** Where an article stands in the inputs, from the file it was read from and its id. */
export function placeOf({ id, source }: { readonly id: string; readonly source: string }): { file?: string; line?: number } {
  if (source === '-') return {};
  const line = id.startsWith(`${source}:`) ? id.slice(source.length + 1) : '';
  return /^[1-9]\d*$/.test(line) ? { file: source, line: Number(line) } : { file: source };
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
      out.push({ cluster, articles: members.length, member, ...placeOf(member) });
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
