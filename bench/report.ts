/** The benchmark's results as a typed object (written as bench-results.json) and their Markdown rendering. */
import type { CandidateSummary } from '../src/scan/scan.js';
import type { CorpusMeta } from './corpus.js';
import type { ScanMeasurement } from './scan-child.js';
import type { SignatureStage } from './signatures.js';
import { median } from './measure.js';
import { fixed, int, markdownTable, mb, mib, rate, share } from './table.js';

export const RESULTS_SCHEMA_VERSION = 4;

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly platform: string;
  readonly node: string;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended: other work skews every figure. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
}

/** A child scan that did not finish, and why. */
export interface Failure {
  readonly failed: string;
  /** Wall time until the child ended, including its warm-up. */
  readonly seconds: number;
  /** Largest RSS the parent saw the child reach (polled every 200 ms; Linux only), bytes. */
  readonly peakRss: number | null;
}

export interface Skipped {
  readonly skipped: string;
}

export interface CorpusInfo extends CorpusMeta {
  readonly path: string;
}

export interface Settings {
  readonly seed: number;
  readonly numPerm: number;
  readonly shingleSize: number;
  readonly threshold: number;
  /** --max-old-space-size given to every child scan, MiB. */
  readonly childHeapMiB: number;
  /** A child whose RSS passes this is killed, so a scan too big for the machine fails alone, MiB. */
  readonly childRssCapMiB: number;
}

/** The timed end-to-end scans of one size: one thread and all cores, alternating, `rounds` of each. */
export interface EndToEndRounds {
  readonly rounds: number;
  /** Wall time of each round's scan, in the order run; null for a run that failed. */
  readonly oneThreadSeconds: ReadonlyArray<number | null>;
  readonly allCoresSeconds: ReadonlyArray<number | null>;
  /** One thread's time over all cores' time, per round where both finished. */
  readonly ratios: readonly number[];
  /** Median of `ratios`; null when no round finished both. */
  readonly ratio: number | null;
  /** Wall times of each round's one-thread scans run at once, one per core (none on one core). */
  readonly concurrentSeconds: ReadonlyArray<ReadonlyArray<number | null>>;
  /** Per round: those scans' combined throughput over the round's one-thread scan alone (cores × its time / the slowest's). */
  readonly ceilingRatios: readonly number[];
  /** Median of `ceilingRatios`: what this machine allows `ratio` at most; null when not measured. */
  readonly ceiling: number | null;
  /** Whether every finished run found the same clusters and rendered a report of the same size. */
  readonly sameClusters: boolean;
}

export interface FullResults {
  readonly schemaVersion: number;
  readonly mode: 'full';
  readonly startedAt: string;
  readonly machine: Machine;
  readonly settings: Settings;
  readonly corpus: CorpusInfo;
  readonly signatures: SignatureStage;
  /** One thread: the run of median time (or a failed run). */
  readonly endToEnd: ScanMeasurement | Failure;
  /** All cores: the run of median time (or a failed run). */
  readonly endToEndParallel: ScanMeasurement | Failure;
  readonly endToEndRounds: EndToEndRounds;
  readonly reuters: ScanMeasurement | Failure | Skipped;
  /** The same scan with --no-rewrites: what the sentence tier costs. Both are the runs of median time of their rounds. */
  readonly reutersNoRewrites?: ScanMeasurement | Failure | Skipped;
  /** Each round's time with the defaults over its time with --no-rewrites, the two run in turn. */
  readonly reutersRatios?: readonly number[];
  /** The sentence tier's scale curve, when --rewrites-curve was given. */
  readonly rewritesCurve?: RewritesCurve;
}

export interface ScalePoint {
  readonly docs: number;
  readonly corpus: CorpusInfo;
  readonly scan: ScanMeasurement | Failure;
}

export interface ScaleResults {
  readonly schemaVersion: number;
  readonly mode: 'scale';
  readonly startedAt: string;
  readonly machine: Machine;
  readonly settings: Settings;
  /** Threads of every scan (--jobs). */
  readonly jobs: number;
  readonly points: readonly ScalePoint[];
  /** The sentence tier's scale curve, when --rewrites-curve was given. */
  readonly rewritesCurve?: RewritesCurve;
}

/** One side of a sentence-tier comparison at one size: the same scan in every round. */
export interface CurveScans {
  /** Each round's run, in the order run. */
  readonly runs: ReadonlyArray<ScanMeasurement | Failure>;
  /** Median wall seconds of the finished runs; null when none finished. */
  readonly seconds: number | null;
  /** Median CPU seconds (whole process) of the finished runs; null when none finished. */
  readonly cpuSeconds: number | null;
  /** Largest RSS any run reached (the larger of the 50 ms samples and VmHWM), bytes; null when none finished. */
  readonly peakRss: number | null;
  /** What LSH proposed, from the first finished run (every run finds the same: the scan is deterministic). */
  readonly candidates: CandidateSummary | null;
}

/** One size of one corpus: the CLI defaults against the same scan with --no-rewrites, alternating, `rounds` of each. */
export interface CurvePoint {
  readonly corpus: 'synthetic' | 'news-like';
  readonly docs: number;
  readonly path: string;
  readonly bytes: number;
  /** 1-minute load average as this size began: other work on the machine skews its figures. */
  readonly loadAverage: number;
  readonly rounds: number;
  readonly defaults: CurveScans;
  readonly noRewrites: CurveScans;
  /** Per round where both finished: the defaults' wall time over --no-rewrites'. */
  readonly ratios: readonly number[];
  /** Median of `ratios`; null when no round finished both. */
  readonly ratio: number | null;
  /** Per round where both finished: the defaults' CPU time over --no-rewrites'. */
  readonly cpuRatios: readonly number[];
  readonly cpuRatio: number | null;
}

/** The sentence tier's scale curve: each size of each corpus with and without rewrites, each scan a child process. */
export interface RewritesCurve {
  readonly sizes: readonly number[];
  /** Threads of every scan (--jobs). */
  readonly jobs: number;
  /** The machine, with the load average as the curve began and ended. */
  readonly machine: Machine;
  readonly points: readonly CurvePoint[];
  /** Corpora left out, and why (the news-like one where ../shared is absent). */
  readonly skipped: ReadonlyArray<{ readonly corpus: CurvePoint['corpus'] } & Skipped>;
}

/** --rewrites-curve without --docs: the curve alone. */
export interface RewritesCurveResults {
  readonly schemaVersion: number;
  readonly mode: 'rewrites-curve';
  readonly startedAt: string;
  readonly settings: Settings;
  readonly rewritesCurve: RewritesCurve;
}

export type BenchResults = FullResults | ScaleResults | RewritesCurveResults;

export const isMeasurement = (x: ScanMeasurement | Failure | Skipped): x is ScanMeasurement => 'documents' in x;

/** The larger of the 50 ms samples and VmHWM, bytes. */
export const peakRss = (m: ScanMeasurement) => Math.max(m.peakRssSampled, m.peakRssHwm ?? 0);

/** A failed run in words: when, at what RSS, why. */
export const failure = (f: Failure) => `failed after ${fixed(f.seconds, 0)} s${f.peakRss === null ? '' : ` at ${mib(f.peakRss)} RSS`}: ${f.failed}`;

export function machineLine(m: Machine): string {
  const load = (l: readonly number[]) => fixed(l[0] ?? 0, 2);
  return (
    `${m.cpu}, ${m.cores} cores, ${mib(m.memoryBytes)} RAM, ${m.platform}, Node ${m.node}; ` +
    `load average ${load(m.loadAverage.start)} at start, ${load(m.loadAverage.end)} at end`
  );
}

export function fullReport(r: FullResults): string {
  const s = r.signatures;
  const rows: string[][] = [];
  const dash = '—';
  const sigTitle = `${s.numPerm} perms, ${s.shingleSize}-word shingles`;
  const peer = s.peer ? `${rate(s.peer.sample.perSecond)} (${s.peer.package})` : 'skipped';
  const times = (x: number | undefined) => (x === undefined ? dash : `${int(x)}×`);
  rows.push([`Signatures/s, same ${int(s.sampleDocs)} docs (${sigTitle}), ${s.backend}`, int(s.neardupSample.perSecond), peer, times(s.ratio)]);
  rows.push([`Signatures/s, same ${int(s.sampleDocs)} docs, scalar JS backend`, int(s.scalarSample.perSecond), peer, times(s.scalarRatio)]);
  rows.push([`Signatures/s, first ${int(s.corpusDocs)} corpus docs, ${s.backend}`, int(s.neardupCorpus.perSecond), dash, dash]);
  rows.push([`Backends give identical signatures (${int(s.sampleDocs)} docs)`, s.backendsAgree ? 'yes' : 'NO', dash, dash]);
  const err = s.peer?.estimateError;
  if (err) {
    rows.push([`Estimate error: mean abs(Ĵ − J) over ${int(err.pairs)} planted pairs`, fixed(err.neardup, 4), fixed(err.peer, 4), dash]);
  }

  const e = r.endToEnd;
  const p = r.endToEndParallel;
  const k = r.endToEndRounds;
  const e2e = `scan() + JSON report, ${int(r.corpus.documents)} synthetic docs`;
  const ofRuns = k.rounds > 1 ? `, median of ${k.rounds} runs` : '';
  const spread = (times: ReadonlyArray<number | null>) => (k.rounds > 1 ? ` (${times.map((t) => (t === null ? 'failed' : fixed(t, 2))).join(', ')})` : '');
  if (isMeasurement(e)) {
    rows.push([`${e2e}: wall time, 1 thread${ofRuns}`, `${fixed(e.seconds, 2)} s${spread(k.oneThreadSeconds)}`, dash, dash]);
    rows.push([`${e2e}: docs/s, 1 thread${ofRuns}`, int(e.docsPerSecond), dash, dash]);
    if (isMeasurement(p)) {
      rows.push([`${e2e}: wall time, ${p.jobs} threads${ofRuns}`, `${fixed(p.seconds, 2)} s${spread(k.allCoresSeconds)}`, dash, dash]);
      const ratio = k.ratio === null ? dash : `${fixed(k.ratio, 2)}×`;
      rows.push([`${e2e}: docs/s, ${p.jobs} threads (--jobs ${p.jobs})${ofRuns}`, int(p.docsPerSecond), '1 thread', ratio]);
      if (k.ratios.length > 1) rows.push([`- ratio of each round (1-thread time / ${p.jobs}-thread time)`, k.ratios.map((x) => `${fixed(x, 2)}×`).join(', '), dash, dash]);
      if (k.ceiling !== null) {
        const each = k.ceilingRatios.length > 1 ? ` (${k.ceilingRatios.map((x) => `${fixed(x, 2)}×`).join(', ')})` : '';
        rows.push([`- machine ceiling: ${p.jobs} one-thread scans at once (separate processes), docs/s together${ofRuns}`, `${fixed(k.ceiling, 2)}×${each}`, '1 thread alone', `${fixed(k.ceiling, 2)}×`]);
      }
      rows.push([`${e2e}: MB/s, ${p.jobs} threads`, fixed(p.mbPerSecond, 2), dash, dash]);
      rows.push([`${e2e}: peak RSS, ${p.jobs} threads (max of sampled, VmHWM)`, mib(peakRss(p)), dash, dash]);
      rows.push([`${e2e}: same clusters in every run, 1 and ${p.jobs} threads`, k.sameClusters ? 'yes' : 'NO', dash, dash]);
    } else rows.push([`${e2e}, ${r.machine.cores} threads`, failure(p), dash, dash]);
    rows.push([`${e2e}: MB/s (${mb(e.bytes)} JSONL)`, fixed(e.mbPerSecond, 2), dash, dash]);
    rows.push([`${e2e}: peak RSS, sampled every 50 ms`, mib(e.peakRssSampled), dash, dash]);
    rows.push([`${e2e}: peak RSS, VmHWM`, e.peakRssHwm === null ? 'n/a' : mib(e.peakRssHwm), dash, dash]);
    rows.push([`${e2e}: clusters / docs in clusters`, `${int(e.clusters)} / ${int(e.clusteredDocuments)}`, dash, dash]);
    const q = e.quality;
    if (q) {
      rows.push([
        `Recall: planted pairs with exact J ≥ ${q.threshold} in one cluster`,
        `${share(q.recall)} (${int(q.recalledPairs)}/${int(q.eligiblePairs)})`,
        dash,
        dash,
      ]);
      for (const kind of ['base-copy', 'copy-copy'] as const) {
        const k = q.byKind[kind];
        rows.push([`- ${kind} pairs`, `${share(k.eligible === 0 ? null : k.recalled / k.eligible)} (${int(k.recalled)}/${int(k.eligible)})`, dash, dash]);
      }
      rows.push([`- missed: in two clusters / not clustered`, `${int(q.missed.split)} / ${int(q.missed.unclustered)}`, dash, dash]);
      const worst = q.missedExamples[0];
      if (worst) rows.push([`- highest exact J among missed pairs`, fixed(worst.jaccard, 4), dash, dash]);
      rows.push([
        `Precision: canonical–member links with exact J ≥ ${q.threshold}`,
        `${share(q.precision)} (${int(q.linksAtThreshold)}/${int(q.links)})`,
        dash,
        dash,
      ]);
      rows.push([`Links between documents of one planted group`, `${int(q.linksPlanted)}/${int(q.links)}`, dash, dash]);
    }
  } else {
    rows.push([`${e2e}`, failure(e), dash, dash]);
  }

  const x = r.reuters;
  if (isMeasurement(x)) {
    const t = `scan() + JSON report, Reuters ${int(x.documents)} docs, defaults, ${x.jobs} thread${x.jobs === 1 ? "" : "s"}`;
    rows.push([`${t}: wall time`, `${fixed(x.seconds, 2)} s`, dash, dash]);
    rows.push([`${t}: docs/s`, int(x.docsPerSecond), dash, dash]);
    rows.push([`${t}: MB/s (${mb(x.bytes)} JSONL)`, fixed(x.mbPerSecond, 2), dash, dash]);
    rows.push([`${t}: peak RSS (max of sampled, VmHWM)`, mib(peakRss(x)), dash, dash]);
    rows.push([`${t}: clusters / docs in clusters`, `${int(x.clusters)} / ${int(x.clusteredDocuments)}`, dash, dash]);
    if (x.candidates) {
      const c = x.candidates;
      rows.push([`${t}: candidate pairs (shingle / rewrite), largest candidate group`, `${int(c.shinglePairs)} / ${int(c.rewritePairs)}, ${int(c.largestGroup)} docs (${fixed((100 * c.largestGroup) / x.documents, 2)}%)`, dash, dash]);
    }
    const n = r.reutersNoRewrites;
    if (n && isMeasurement(n)) {
      const ratios = r.reutersRatios;
      const ratio = ratios && ratios.length > 0 ? median(ratios) : x.seconds / n.seconds;
      const rounds = ratios && ratios.length > 1 ? `, median of ${ratios.length} rounds in turn (${ratios.map((q) => `${fixed(q, 2)}×`).join(', ')})` : '';
      rows.push([`${t}: against --no-rewrites (${fixed(n.seconds, 2)} s, ${mib(peakRss(n))})${rounds}`, `${fixed(ratio, 2)}×`, dash, dash]);
    }
  } else {
    rows.push(['scan(), Reuters, defaults', 'failed' in x ? failure(x) : `skipped: ${x.skipped}`, dash, dash]);
  }

  const c = r.corpus;
  const notes = [
    `Corpus: ${int(c.documents)} synthetic docs (${mb(c.bytes)}, seed ${c.spec.seed}), ${int(c.groups)} planted groups with ` +
      `${int(c.copies)} edited copies, ${int(c.pairs)} planted pairs of which ${int(c.pairsAtLeast['0.8'])} have exact J ≥ 0.8.`,
    `Signatures: shingling not timed; median of 5 rounds of ≥ 1 s after a warm-up pass, rounds alternating between ` +
      `the contenders; ratio = median of the rounds' ratios. ` +
      `Mean distinct shingles/doc: ${fixed(s.sampleMeanShingles, 1)} (sample), ${fixed(s.corpusMeanShingles, 1)} (corpus).`,
    `Synthetic scan(): metric jaccard, threshold ${r.settings.threshold}, rewrites off; Reuters scan(): the CLI defaults. ` +
      `Timed from reading the JSONL to the rendered JSON report (as \`neardup --format json\`), minus writing it out. ` +
      `Each timed run is a child process of its own (node --max-old-space-size=${int(r.settings.childHeapMiB)}) that scans a ` +
      `1,000-doc corpus first, untimed (it warms the scan thread's code; workers start cold in every run, as in a CLI run); ` +
      `the synthetic runs alternate one thread and ${r.machine.cores} threads, ${k.rounds} of each, and the ratio is the ` +
      `median of the rounds' ratios; inputs come from the page cache; VmHWM includes the warm-up. ` +
      (k.ceiling === null
        ? ''
        : `The machine ceiling: each round also runs ${r.machine.cores} one-thread scans at once, each in a process of its ` +
          `own; their combined throughput (${r.machine.cores} corpora in the slowest one's time) over the round's one-thread ` +
          `scan alone bounds what ${r.machine.cores} threads in one process can reach on this machine, with no thread ` +
          `start or hand-over in it. `) +
      `Quality is scored after the timing, against the generator's exact Jaccard of every planted pair.`,
  ];
  return [`## neardup benchmark`, '', machineLine(r.machine), '', markdownTable(['metric', 'value', 'peer', 'ratio'], rows), '', ...notes.map((n) => `- ${n}`), ''].join('\n');
}

export function scaleReport(r: ScaleResults): string {
  const rows = r.points.map((p) => {
    const s = p.scan;
    if (!isMeasurement(s)) return [int(p.docs), mb(p.corpus.bytes), failure(s), '', '', '', '', ''];
    return [
      int(p.docs),
      mb(p.corpus.bytes),
      fixed(s.seconds, 2),
      int(s.docsPerSecond),
      fixed(s.mbPerSecond, 2),
      mib(peakRss(s)),
      share(s.quality?.recall ?? null),
      share(s.quality?.precision ?? null),
    ];
  });
  const table = markdownTable(['docs', 'input', 'seconds', 'docs/s', 'MB/s', 'peak RSS', 'recall', 'precision'], rows);
  const notes = [
    `scan() and JSON report with metric jaccard, threshold ${r.settings.threshold}, no rewrites, ` +
      `${r.jobs} thread${r.jobs === 1 ? '' : 's'}; each size in its own child process ` +
      `(node --max-old-space-size=${int(r.settings.childHeapMiB)}, killed above ${int(r.settings.childRssCapMiB)} MiB RSS), ` +
      'one timed run after a warm-up scan.',
    'Peak RSS is the larger of the 50 ms samples and VmHWM.',
  ];
  return [`## neardup scale curve`, '', machineLine(r.machine), '', table, '', ...notes.map((n) => `- ${n}`), ''].join('\n');
}
