import type { AnalyzedDocument } from '../text/analyze.js';
import type { ScanOptions } from '../options.js';
import type { SentenceFeatures } from '../text/sentences.js';
import { intersectionSize } from '../text/shingle.js';
import { alignSentences } from './align.js';
import { reuseOf } from './relation.js';
import { isCopy, measuresOfShared } from './verify.js';

/**
 * For each document of a linked group (by place), how many other texts of the group were re-written from it: the source
 * the others derive from. Copies by shingles say nothing of which came first, so a document and its copies are one text,
 * counted once on either side (an exact duplicate of one member changes no count). A pair of documents shows a direction
 * when one derives from the other under the linking rule (relation.ts reuseOf) and not the other way round: documents
 * that derive from each other (an update and its original share most of their sentences both ways) say nothing of which
 * came first either. Text Y is re-written from text X when more than half of the linked pairs between their documents
 * show Y from X: copies of one text that disagree (a shortened copy happens to share most of its sentences with a
 * rewrite) do not decide on their own.
 */
export function sourceCounts(
  places: readonly number[],
  pairs: ReadonlyArray<readonly [number, number]>,
  docs: readonly AnalyzedDocument[],
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures,
  options: Pick<ScanOptions, 'rewrites' | 'metric' | 'threshold' | 'shingleSize' | 'rewriteThreshold' | 'minAlignedSentences'>,
  /** Whether the linked pair (x, y), as `pairs` gives it, was verified a copy by shingles already, where that is known. */
  knownCopy?: (x: number, y: number) => boolean,
): number[] {
  const inGroup = new Set(places);
  const textOf = new Map(places.map((p) => [p, p]));
  const find = (p: number): number => {
    let root = p;
    while (textOf.get(root) !== root) root = textOf.get(root)!;
    return root;
  };
  /** Linked pairs between documents of different texts, each with the document it shows to be the source, if any. */
  const judged: Array<{ readonly pair: readonly [number, number]; readonly source?: number }> = [];
  for (const [x, y] of pairs) {
    if (!inGroup.has(x) || !inGroup.has(y)) continue;
    const a = docs[x]!;
    const b = docs[y]!;
    // Without rewrites every link is a copy, and verification may have said which are: the sets of such a pair are not
    // compared again (links grow with the square of the copies of a story).
    const measures = options.rewrites && !knownCopy?.(x, y) ? measuresOfShared(intersectionSize(a.shingleSet, b.shingleSet), a.shingleSet.length, b.shingleSet.length) : undefined;
    if (measures === undefined || isCopy(measures, a.shingleSet.length, b.shingleSet.length, options)) {
      const [rx, ry] = [find(x), find(y)];
      if (rx !== ry) textOf.set(Math.max(rx, ry), Math.min(rx, ry));
      continue;
    }
    const bFromA = reuseOf(alignSentences(featuresOf(a).sketches, featuresOf(b).sketches), b.tokens.count, a.tokens.count, measures.bInA, options) === 'derived';
    const aFromB = reuseOf(alignSentences(featuresOf(b).sketches, featuresOf(a).sketches), a.tokens.count, b.tokens.count, measures.aInB, options) === 'derived';
    judged.push({ pair: [x, y], ...(bFromA === aFromB ? {} : { source: bFromA ? x : y }) });
  }
  // Per pair of texts (lower root first): linked pairs, and how many show the lower one the source, how many the other.
  const tally = new Map<string, { pairs: number; lower: number; higher: number }>();
  for (const { pair, source } of judged) {
    const [rx, ry] = [find(pair[0]), find(pair[1])];
    if (rx === ry) continue;
    const key = `${Math.min(rx, ry)} ${Math.max(rx, ry)}`;
    const t = tally.get(key) ?? tally.set(key, { pairs: 0, lower: 0, higher: 0 }).get(key)!;
    t.pairs++;
    if (source !== undefined) t[find(source) === Math.min(rx, ry) ? 'lower' : 'higher']++;
  }
  const rewrittenFrom = new Map<number, number>();
  for (const [key, { pairs: linked, lower, higher }] of tally) {
    const [low, high] = key.split(' ').map(Number) as [number, number];
    const source = 2 * lower > linked ? low : 2 * higher > linked ? high : undefined;
    if (source !== undefined) rewrittenFrom.set(source, (rewrittenFrom.get(source) ?? 0) + 1);
  }
  return places.map((p) => rewrittenFrom.get(find(p)) ?? 0);
}
