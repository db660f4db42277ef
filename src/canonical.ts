import type { AnalyzedDocument } from './analyze.js';

/** Why a document was chosen as its cluster's canonical text. */
export interface CanonicalReason {
  /** earliest-date: the first published copy; most-complete: the copy holding most of the story and least extra text. */
  readonly rule: 'earliest-date' | 'most-complete';
  readonly text: string;
}

export interface RankedCandidate {
  /** Index into the array given to rankCanonicalCandidates. */
  readonly index: number;
  readonly reason: CanonicalReason;
}

/**
 * Orders a group of related documents by how fit each is to be the canonical text, best first.
 *
 * Dated documents come first, earliest first. Otherwise (and to break ties) the most complete copy wins: the one with
 * the most shingles shared with other copies of the group, less the shingles no other copy has (site boilerplate,
 * teasers). Ties after that go to the longer text, then the smaller id, so the choice never depends on input order.
 */
export function rankCanonicalCandidates(docs: readonly AnalyzedDocument[]): RankedCandidate[] {
  const occurrences = new Map<number, number>();
  for (const doc of docs) for (const h of doc.shingleSet) occurrences.set(h, (occurrences.get(h) ?? 0) + 1);
  const stats = docs.map((doc, index) => {
    let shared = 0;
    for (const h of doc.shingleSet) if (occurrences.get(h)! > 1) shared++;
    const own = doc.shingleSet.length - shared;
    const time = doc.date === undefined ? Number.POSITIVE_INFINITY : Date.parse(doc.date);
    return { index, shared, own, score: shared - own, time, doc };
  });
  stats.sort(
    (x, y) =>
      x.time - y.time ||
      y.score - x.score ||
      y.doc.tokens.words.length - x.doc.tokens.words.length ||
      (x.doc.id < y.doc.id ? -1 : x.doc.id > y.doc.id ? 1 : 0),
  );
  const dated = stats.filter((s) => Number.isFinite(s.time)).length;
  return stats.map((s) => ({
    index: s.index,
    reason: Number.isFinite(s.time)
      ? {
          rule: 'earliest-date',
          text: `earliest publication date (${s.doc.date}) of the ${dated} dated cop${dated === 1 ? 'y' : 'ies'}`,
        }
      : {
          rule: 'most-complete',
          text:
            `most complete copy: ${s.shared} of its ${s.doc.shingleSet.length} shingles are shared with other copies, ` +
            `${s.own} ${s.own === 1 ? 'is' : 'are'} its own`,
        },
  }));
}
