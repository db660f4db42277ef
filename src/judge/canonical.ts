import type { AnalyzedDocument } from '../text/analyze.js';
import { MembershipTable } from '../text/shingle.js';

/** Why a document was chosen as its cluster's canonical text. */
export interface CanonicalReason {
  /**
   * preferred-source: its id or source matches `--prefer`; earliest-date: the first published copy, where every copy is
   * dated; most-complete: the copy holding most of the story and least extra text; source: a text with no copies that
   * related articles took passages from.
   */
  readonly rule: 'preferred-source' | 'earliest-date' | 'most-complete' | 'source';
  readonly text: string;
}

export interface RankedCandidate {
  /** Index into the array given to rankCanonicalCandidates. */
  readonly index: number;
  readonly reason: CanonicalReason;
}

export interface RankOptions {
  /** Sources the user prefers as canonical (`--prefer`); they rank before all others. */
  readonly preferred?: (doc: Pick<AnalyzedDocument, 'id' | 'source'>) => boolean;
  /** How `preferred` was given, for the reason text. */
  readonly preferredLabel?: string;
  /**
   * How many documents of the group re-write each document's sentences (by index): the source the others were written
   * from. Where dates cannot decide, it ranks before completeness.
   */
  readonly links?: readonly number[];
}

/**
 * Orders a group of related documents by how fit each is to be the canonical text, best first.
 *
 * Documents from a preferred source come first. Then, when every copy is dated, the earliest; when some copies lack a
 * date, dates cannot tell which came first, so they decide only ties. Otherwise (and to break ties) the most complete
 * copy wins: the one with the most shingles shared with other copies of the group, less the shingles no other copy
 * has (site boilerplate, teasers). Exact copies count as one text here, so a duplicate of one copy does not make it
 * more complete. Ties after that go to the longer text, then the smaller id, so the choice never depends on input
 * order.
 */
export function rankCanonicalCandidates(docs: readonly AnalyzedDocument[], options: RankOptions = {}): RankedCandidate[] {
  const distinct = distinctSets(docs.map((doc) => doc.shingleSet));
  inSeveral.loadSets(distinct);
  // Copies with one set of shingles between them: completeness cannot choose, and "shared" would read 0.
  const sameShingles = docs.length > 1 && distinct.length === 1;
  const dated = docs.filter((doc) => doc.date !== undefined).length;
  const allDated = dated === docs.length;
  const stats = docs.map((doc, index) => {
    const shared = inSeveral.countShared(doc.shingleSet);
    const own = doc.shingleSet.length - shared;
    const time = doc.date === undefined ? Number.POSITIVE_INFINITY : Date.parse(doc.date);
    const preferred = options.preferred?.(doc) ? 0 : 1;
    return { index, shared, own, score: shared - own, time, preferred, doc, links: options.links?.[index] ?? 0 };
  });
  const byTime = (x: (typeof stats)[number], y: (typeof stats)[number]) => (x.time === y.time ? 0 : x.time < y.time ? -1 : 1);
  stats.sort(
    (x, y) =>
      x.preferred - y.preferred ||
      (allDated ? byTime(x, y) : 0) ||
      y.links - x.links ||
      y.score - x.score ||
      byTime(x, y) ||
      y.doc.tokens.count - x.doc.tokens.count ||
      (x.doc.id < y.doc.id ? -1 : x.doc.id > y.doc.id ? 1 : 0),
  );
  const undatedNote = dated > 0 && !allDated ? ` (dates cannot decide: ${docs.length - dated} of the ${docs.length} copies have none)` : '';
  const mostLinks = Math.max(0, ...stats.map((s) => s.links));
  const fewerLinks = stats.some((s) => s.links < mostLinks);
  return stats.map((s) => ({
    index: s.index,
    reason:
      s.preferred === 0
        ? { rule: 'preferred-source', text: `preferred source: matches --prefer ${options.preferredLabel ?? ''}`.trimEnd() }
        : !allDated && fewerLinks && s.links === mostLinks
          ? { rule: 'source', text: `the source: ${s.links} of the other ${docs.length - 1} copies ${s.links === 1 ? 're-writes' : 're-write'} its sentences, more than any other's` }
          : allDated
          ? { rule: 'earliest-date', text: `earliest publication date (${s.doc.date}) of the ${dated} copies, all dated` }
          : {
              rule: 'most-complete',
              text: sameShingles
                ? `most complete copy: all ${docs.length} copies hold the same ${s.doc.shingleSet.length} shingle${s.doc.shingleSet.length === 1 ? '' : 's'}; ` +
                  (dated === 0 ? 'the longer text, then the first id, is taken' : dated === 1 ? 'the one dated is taken' : `the earliest of the ${dated} dated is taken`)
                : `most complete copy: ${s.shared} of its ${s.doc.shingleSet.length} shingles are shared with other copies, ` +
                  `${s.own} ${s.own === 1 ? 'is' : 'are'} its own${undatedNote}`,
            },
  }));
}

/** The sets, each set of identical ones once (sets are sorted, so equal sets are equal arrays). */
function distinctSets(sets: readonly Int32Array[]): Int32Array[] {
  const byLength = new Map<number, Int32Array[]>();
  for (const set of sets) {
    const known = byLength.get(set.length) ?? byLength.set(set.length, []).get(set.length)!;
    if (!known.some((other) => other.every((value, i) => value === set[i]))) known.push(set);
  }
  return [...byLength.values()].flat();
}

/**
 * The group's shingles, each with how many of its documents hold it: one table for every call, as each runs to its end.
 * A table, not the sets laid end to end and sorted, which costs several times more.
 */
const inSeveral = new MembershipTable();

/**
 * The reason a document is the canonical because it matches `--prefer`, or undefined when it does not match: for
 * clustering, which applies the preference among the members of a cluster (judge/cluster.ts).
 */
export function preferredReason(patterns: readonly string[]): ((doc: Pick<AnalyzedDocument, 'id' | 'source'>) => CanonicalReason | undefined) | undefined {
  if (patterns.length === 0) return undefined;
  const matches = preferredSourceMatcher(patterns);
  const reason: CanonicalReason = { rule: 'preferred-source', text: `preferred source: matches --prefer ${patterns.map((p) => JSON.stringify(p)).join(', ')}` };
  return (doc) => (matches(doc) ? reason : undefined);
}

/**
 * Whether a document comes from a preferred source: each pattern is matched against its id and its source. A pattern
 * with * or ? is a glob over the whole string (* any run of characters, ? one); any other is a substring.
 */
export function preferredSourceMatcher(patterns: readonly string[]): (doc: Pick<AnalyzedDocument, 'id' | 'source'>) => boolean {
  const tests = patterns.map((pattern) => {
    if (!/[*?]/.test(pattern)) return (s: string) => s.includes(pattern);
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    return (s: string) => regex.test(s);
  });
  return (doc) => tests.some((test) => test(doc.id) || test(doc.source));
}
