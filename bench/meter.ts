/**
 * Sentence-level reuse measured on the METER showbiz corpus (../shared/corpora/meter-showbiz.jsonl): journalists
 * labelled each newspaper story wholly, partially or non derived from Press Association copy. Scores a scan as
 * ../shared/tools/eval-reuse.js does: a wholly-derived story counts when it shares a cluster with a PA copy of its
 * story; partially and non-derived ones also when listed as related articles of such a cluster.
 *
 * Run: node dist-bench/bench/meter.js [PATH]   (default ../shared/corpora/meter-showbiz.jsonl beside the repository)
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileSystem } from '../src/input/file-system.js';
import { withDefaults } from '../src/options.js';
import { scan } from '../src/scan/scan.js';
import type { ClusterResult } from '../src/scan/groups.js';

export interface MeterDocument {
  readonly id: string;
  readonly text: string;
  /** The true group: PA files of a story and the stories derived from them; null for a non-derived story. */
  readonly story: string | null;
  readonly label: 'source' | 'wholly' | 'partially' | 'non';
}

export interface MeterFigures {
  readonly total: Readonly<Record<'wholly' | 'partially' | 'non', number>>;
  /** Stories linked to a PA copy of their story: wholly as members of its cluster, the others as members or related. */
  readonly linked: Readonly<Record<'wholly' | 'partially' | 'non', number>>;
  readonly share: Readonly<Record<'wholly' | 'partially' | 'non', number>>;
  /** Pairs of members of one cluster from different stories, identical texts excepted. */
  readonly pairsAcrossStories: number;
}

const LABELS = ['wholly', 'partially', 'non'] as const;

/** The story a document is about: a non-derived one's from its id, news/<domain>/<day>/<catchline>/<file>. */
const storyOf = (d: MeterDocument) => (d.label === 'non' ? `${d.id.split('/').slice(1, 4).join('/')}` : d.story);

export function meterFigures(docs: readonly MeterDocument[], clusters: readonly ClusterResult[]): MeterFigures {
  const memberOf = new Map<string, number>();
  const relatedTo = new Map<string, Set<number>>();
  clusters.forEach((c, n) => {
    for (const m of c.members) memberOf.set(m.id, n);
    for (const r of c.related ?? []) (relatedTo.get(r.id) ?? relatedTo.set(r.id, new Set()).get(r.id)!).add(n);
  });
  const sources = new Map<string, string[]>();
  for (const d of docs) if (d.label === 'source') (sources.get(d.story!) ?? sources.set(d.story!, []).get(d.story!)!).push(d.id);
  const total = { wholly: 0, partially: 0, non: 0 };
  const linked = { wholly: 0, partially: 0, non: 0 };
  for (const d of docs) {
    if (d.label === 'source') continue;
    total[d.label]++;
    const clustersOfSources = new Set((sources.get(storyOf(d) ?? '') ?? []).map((id) => memberOf.get(id)).filter((n) => n !== undefined));
    const inCluster = memberOf.has(d.id) && clustersOfSources.has(memberOf.get(d.id)!);
    const asRelated = d.label !== 'wholly' && [...(relatedTo.get(d.id) ?? [])].some((n) => clustersOfSources.has(n));
    if (inCluster || asRelated) linked[d.label]++;
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  const normal = (t: string) => t.replace(/\s+/g, ' ').trim();
  const group = (d: MeterDocument) => (d.label === 'non' ? `non:${d.id}` : d.story);
  let pairsAcrossStories = 0;
  for (const c of clusters) {
    const members = c.members.map((m) => byId.get(m.id)).filter((d) => d !== undefined);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (group(a) !== group(b) && storyOf(a) !== storyOf(b) && normal(a.text) !== normal(b.text)) pairsAcrossStories++;
      }
    }
  }
  const share = Object.fromEntries(LABELS.map((l) => [l, total[l] === 0 ? 0 : Math.round((linked[l] / total[l]) * 10000) / 10000])) as MeterFigures['share'];
  return { total, linked, share, pairsAcrossStories };
}

export function readMeter(path: string): MeterDocument[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as MeterDocument);
}

/** Scans the METER corpus with the defaults and scores the result. */
export async function meterScan(path: string): Promise<MeterFigures> {
  const result = await scan(withDefaults({ paths: [path] }), nodeFileSystem());
  return meterFigures(readMeter(path), result.clusters);
}

/** The METER figures as a Markdown section of the bench report, or a notice where the corpus is absent. */
export async function meterSection(path: string): Promise<string> {
  if (!existsSync(path)) return `\nMETER showbiz: not measured (${path} not found).\n`;
  const figures = await meterScan(path);
  const row = (l: (typeof LABELS)[number]) => `| ${l} | ${figures.linked[l]} / ${figures.total[l]} | ${(figures.share[l] * 100).toFixed(1)}% |`;
  return `\n${['| METER showbiz, defaults | linked to their PA copy | share |', '|---|---|---|', ...LABELS.map(row), `| pairs across stories | ${figures.pairsAcrossStories} | |`].join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = resolve(process.argv[2] ?? resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/corpora/meter-showbiz.jsonl'));
  process.stdout.write(await meterSection(path));
}
