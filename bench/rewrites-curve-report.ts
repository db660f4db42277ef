/** The sentence tier's scale curve as Markdown: a table of sizes, then how time per article moves with size. */
import type { CandidateSummary } from '../src/scan/scan.js';
import { type CurvePoint, type CurveScans, failure, isMeasurement, machineLine, type RewritesCurve } from './report.js';
import { fixed, int, markdownTable, mb, mib } from './table.js';

const dash = '—';

/** Wall and CPU seconds and peak RSS of one side, or why it has none. */
function scansCell(scans: CurveScans): string {
  if (scans.seconds === null || scans.cpuSeconds === null || scans.peakRss === null) {
    const failed = scans.runs.find((run) => !isMeasurement(run));
    return failed === undefined || isMeasurement(failed) ? dash : failure(failed);
  }
  return `${fixed(scans.seconds, 2)} s, ${fixed(scans.cpuSeconds, 2)} s, ${mib(scans.peakRss)}`;
}

/** Wall microseconds an article: constant along a corpus's rows when time grows linearly. */
const microsPerArticle = (scans: CurveScans, docs: number) => (scans.seconds === null ? null : (scans.seconds * 1e6) / docs);

const micros = (x: number | null) => (x === null ? dash : int(x));

const times = (x: number | null) => (x === null ? dash : `${fixed(x, 2)}×`);

const group = (c: CandidateSummary | null, docs: number) => (c === null ? dash : `${int(c.largestGroup)} (${fixed((100 * c.largestGroup) / docs, 2)}%)`);

function row(p: CurvePoint): string[] {
  const c = p.defaults.candidates;
  return [
    p.corpus,
    int(p.docs),
    mb(p.bytes),
    fixed(p.loadAverage, 1),
    String(p.rounds),
    scansCell(p.defaults),
    scansCell(p.noRewrites),
    `${times(p.ratio)}; ${times(p.cpuRatio)}`,
    `${micros(microsPerArticle(p.defaults, p.docs))}; ${micros(microsPerArticle(p.noRewrites, p.docs))}`,
    c === null ? dash : `${int(c.shinglePairs)} / ${int(c.rewritePairs)}`,
    `${group(c, p.docs)}; ${group(p.noRewrites.candidates, p.docs)}`,
  ];
}

/** Per corpus: wall µs an article from the smallest size to the largest, and the largest's over the smallest's (1.00: linear). */
function linearity(points: readonly CurvePoint[]): string[] {
  const notes: string[] = [];
  for (const corpus of new Set(points.map((p) => p.corpus))) {
    const rows = points.filter((p) => p.corpus === corpus);
    if (rows.length < 2) continue;
    const side = (name: string, scansOf: (p: CurvePoint) => CurveScans) => {
      const perArticle = rows.map((p) => microsPerArticle(scansOf(p), p.docs));
      const first = perArticle[0];
      const last = perArticle.at(-1);
      const growth = first == null || last == null ? '' : ` (×${fixed(last / first, 2)})`;
      return `${name} ${perArticle.map(micros).join(' → ')} µs${growth}`;
    };
    notes.push(
      `Linearity, ${corpus} ${rows.map((p) => int(p.docs)).join(' → ')} articles, wall µs an article: ` +
        `${side('defaults', (p) => p.defaults)}; ${side('`--no-rewrites`', (p) => p.noRewrites)}.`,
    );
  }
  return notes;
}

export function rewritesCurveReport(curve: RewritesCurve): string {
  const header = [
    'corpus',
    'articles',
    'input',
    'load',
    'rounds',
    'defaults: wall, CPU, peak RSS',
    '`--no-rewrites`: wall, CPU, peak RSS',
    'ratio (wall; CPU)',
    'µs/article (defaults; `--no-rewrites`)',
    'candidate pairs, shingle / rewrite',
    'largest candidate group (defaults; `--no-rewrites`)',
  ];
  const notes = [
    ...linearity(curve.points),
    `The CLI's defaults (rewrites looked for) against the same scan with \`--no-rewrites\`, ${curve.jobs} thread${curve.jobs === 1 ? '' : 's'}: ` +
      'scan() and the JSON report, each scan a child process of its own after an untimed warm-up scan of 1,000 synthetic ' +
      'articles; the two alternate round by round; wall and CPU are the medians of the rounds, CPU of the whole process ' +
      '(all threads); the ratios are the medians of the per-round ratios; peak RSS is the largest of the rounds (the larger ' +
      'of 50 ms samples and VmHWM); load is the 1-minute load average as the size began. Candidate pairs are the defaults\'.',
    'Synthetic: the bench\'s seeded corpus (about 600 words an article). News-like: `node ../shared/tools/make-news-corpus.js N FILE` ' +
      '(Reuters stories repeated with 2–8% of words edited, shuffled).',
    ...curve.skipped.map((s) => `Not measured: ${s.corpus} (${s.skipped}).`),
  ];
  return [
    '## Sentence tier scale curve',
    '',
    machineLine(curve.machine),
    '',
    markdownTable(header, curve.points.map(row)),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
