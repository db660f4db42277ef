/**
 * The figures of `neardup compare` on every labelled pair of the METER showbiz corpus (../shared/corpora/meter-showbiz.jsonl):
 * each newspaper story (wholly, partially or non derived) against its story's Press Association copy, and whether
 * each figure orders wholly > partially > non on average. A story has several PA files (takes, substitutes, updates):
 * a newspaper story is paired with the one most of its sentences derive from (then the highest Jaccard), the PA copy
 * a sub-editor would have worked from. A non-derived story is paired with the PA files of the story its id names.
 *
 * Run: node dist-bench/bench/meter-pairs.js [PATH]   (default ../shared/corpora/meter-showbiz.jsonl beside the repository)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileSystem } from '../src/input/file-system.js';
import { readInputs, type SourceDocument } from '../src/input/read.js';
import { withDefaults } from '../src/options.js';
import { compareArticles, type CompareReport } from '../src/report/compare-report.js';
import { type MeterDocument, readMeter } from './meter.js';

const LABELS = ['wholly', 'partially', 'non'] as const;
type Label = (typeof LABELS)[number];

/** The figures measured on each pair, by name, as the compare report holds them. */
export const PAIR_FIGURES = {
  jaccard: (r: CompareReport) => r.shingles.jaccard,
  estimatedJaccard: (r: CompareReport) => r.shingles.estimatedJaccard,
  'story in PA (aInB)': (r: CompareReport) => r.shingles.aInB,
  'PA in story (bInA)': (r: CompareReport) => r.shingles.bInA,
  'sentences derived (shareOfA)': (r: CompareReport) => r.sentences.shareOfA,
  'PA sentences used (shareOfB)': (r: CompareReport) => r.sentences.shareOfB,
  'linked as a member': (r: CompareReport) => (r.relation.relation === 'none' || r.relation.relation === 'related' ? 0 : 1),
  'linked or related': (r: CompareReport) => (r.relation.relation === 'none' ? 0 : 1),
} satisfies Record<string, (r: CompareReport) => number>;

export type FigureName = keyof typeof PAIR_FIGURES;

export interface FigureByLabel {
  readonly figure: FigureName;
  readonly mean: Readonly<Record<Label, number>>;
  readonly median: Readonly<Record<Label, number>>;
  /** Whether the means order wholly > partially > non. */
  readonly ordered: boolean;
  /** Whether the medians do. */
  readonly orderedMedians: boolean;
}

export interface MeterPairFigures {
  /** Pairs compared, by label. */
  readonly pairs: Readonly<Record<Label, number>>;
  readonly figures: FigureByLabel[];
}

/** The story a newspaper document is about: a non-derived one's from its id, news/<domain>/<day>/<catchline>/<file>. */
const storyOf = (d: MeterDocument) => (d.label === 'non' ? d.id.split('/').slice(1, 4).join('/') : d.story);

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each labelled story compared with its PA copy, the figures' means and medians by label. */
export async function meterPairFigures(path: string): Promise<MeterPairFigures> {
  const labelled = new Map(readMeter(path).map((d) => [d.id, d]));
  // Read as scan and compare read: the same ids and texts.
  const articles = new Map<string, SourceDocument>();
  for await (const event of readInputs([path], nodeFileSystem())) if (event.kind === 'document') articles.set(event.document.id, event.document);
  const sourcesOf = new Map<string, SourceDocument[]>();
  for (const d of labelled.values()) if (d.label === 'source') (sourcesOf.get(d.story!) ?? sourcesOf.set(d.story!, []).get(d.story!)!).push(articles.get(d.id)!);
  const options = withDefaults({ paths: [path] });
  const values = new Map<Label, Map<FigureName, number[]>>(LABELS.map((l) => [l, new Map(Object.keys(PAIR_FIGURES).map((f) => [f as FigureName, []]))]));
  const pairs = { wholly: 0, partially: 0, non: 0 };
  for (const d of [...labelled.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (d.label === 'source') continue;
    const sources = sourcesOf.get(storyOf(d) ?? '') ?? [];
    if (sources.length === 0) continue;
    const reports = sources.map((pa) => compareArticles(articles.get(d.id)!, pa, options));
    const closest = reports.reduce((best, r) => (r.sentences.shareOfA > best.sentences.shareOfA || (r.sentences.shareOfA === best.sentences.shareOfA && r.shingles.jaccard > best.shingles.jaccard) ? r : best));
    pairs[d.label]++;
    for (const [name, figure] of Object.entries(PAIR_FIGURES)) values.get(d.label)!.get(name as FigureName)!.push(figure(closest));
  }
  const figures = (Object.keys(PAIR_FIGURES) as FigureName[]).map((figure): FigureByLabel => {
    const by = (f: (xs: number[]) => number) => Object.fromEntries(LABELS.map((l) => [l, f(values.get(l)!.get(figure)!)])) as Record<Label, number>;
    const orders = (x: Record<Label, number>) => x.wholly > x.partially && x.partially > x.non;
    const means = by(mean);
    const medians = by(median);
    return { figure, mean: means, median: medians, ordered: orders(means), orderedMedians: orders(medians) };
  });
  return { pairs, figures };
}

/** The figures as a Markdown section of the bench report, or a notice where the corpus is absent. */
export async function meterPairsSection(path: string): Promise<string> {
  if (!existsSync(path)) return `\nMETER showbiz pairs: not measured (${path} not found).\n`;
  const { pairs, figures } = await meterPairFigures(path);
  const f = (x: number) => x.toFixed(3);
  const rows = figures.map(
    (r) => `| ${r.figure} | ${f(r.mean.wholly)} / ${f(r.median.wholly)} | ${f(r.mean.partially)} / ${f(r.median.partially)} | ${f(r.mean.non)} / ${f(r.median.non)} | ${r.ordered ? 'yes' : 'NO'} | ${r.orderedMedians ? 'yes' : 'NO'} |`,
  );
  return `\n${[
    `| METER showbiz, compare with the PA copy (${pairs.wholly} wholly, ${pairs.partially} partially, ${pairs.non} non) | wholly mean / median | partially | non | wholly > partially > non: means | medians |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = resolve(process.argv[2] ?? resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/corpora/meter-showbiz.jsonl'));
  process.stdout.write(await meterPairsSection(path));
}
