/**
 * Child process of the benchmark: one timed scan() and JSON report over one input, so peak RSS belongs to them alone.
 * Reads a ScanJob (JSON) from argv[2] and writes one ScanMeasurement (JSON) line on stdout.
 */
import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { analyze } from '../src/text/analyze.js';
import { type FileSystem, nodeFileSystem } from '../src/input/file-system.js';
import { buildReport } from '../src/report/scan-report.js';
import { jsonChunks } from '../src/report/render/json.js';
import { type ScanOptions, withDefaults } from '../src/options.js';
import { type CandidateSummary, scan, type ScanObserver, type ScanResult } from '../src/scan/scan.js';
import { type CorpusDocument, type PlantedPair, readJsonLines } from './corpus.js';
import { collectGarbage, seconds, startRssSampler, vmHwmBytes } from './measure.js';
import { clusteredIds, measureQuality, type Quality } from './quality.js';

/**
 * synthetic: metric Jaccard at `threshold`, no rewrites, scored against the planted pairs in `truth` (JSONL);
 * defaults: the options the CLI uses when given none (`rewrites: false`: the same with --no-rewrites).
 */
export type ScanJob = {
  readonly input: string;
  /** A small corpus scanned first, untimed, with the same options, so the timed scan runs on warm code. */
  readonly warmup: string;
  /** Threads fingerprinting the input (scan's `jobs`). */
  readonly jobs: number;
} & ({ readonly preset: 'synthetic'; readonly threshold: number; readonly truth: string } | { readonly preset: 'defaults'; readonly rewrites?: false });

export interface ScanMeasurement {
  readonly input: string;
  readonly jobs: number;
  readonly bytes: number;
  /** Size of the JSON report rendered within the timed run. */
  readonly reportBytes: number;
  readonly options: { readonly metric: string; readonly threshold: number; readonly rewrites: boolean; readonly banding: { bands: number; rows: number } };
  readonly documents: number;
  readonly skipped: number;
  readonly seconds: number;
  /** CPU time of the whole process (every thread: workers, V8's helpers) during the timed scan, user + system seconds. */
  readonly cpuSeconds: number;
  readonly docsPerSecond: number;
  /** Input bytes / 10^6 per second. */
  readonly mbPerSecond: number;
  /** RSS before the timed scan (after warm-up and a full GC), bytes. */
  readonly baselineRss: number;
  /** Largest RSS sampled every 50 ms during the timed scan, bytes. */
  readonly peakRssSampled: number;
  /** VmHWM read as the scan returned (covers the whole process life, warm-up included), bytes; null off Linux. */
  readonly peakRssHwm: number | null;
  readonly heapLimit: number;
  readonly clusters: number;
  readonly clusteredDocuments: number;
  readonly largestCluster: number;
  /** Candidate pairs of each tier and the largest group they connect (documents). */
  readonly candidates?: CandidateSummary;
  readonly quality?: Quality;
}

function optionsFor(job: ScanJob, input: string): ScanOptions {
  return job.preset === 'synthetic'
    ? withDefaults({ paths: [input], metric: 'jaccard', threshold: job.threshold, rewrites: false, jobs: job.jobs })
    : withDefaults({ paths: [input], jobs: job.jobs, ...(job.rewrites === false ? { rewrites: false } : {}) });
}

/** scan() and the JSON report, as `neardup --format json` runs them: rendered piece by piece, its bytes counted. */
async function scanAndReport(options: ScanOptions, fs: FileSystem, observer: ScanObserver = {}): Promise<{ result: ScanResult; reportBytes: number }> {
  const result = await scan(options, fs, observer);
  let reportBytes = 0;
  for (const piece of jsonChunks(buildReport(result))) reportBytes += Buffer.byteLength(piece);
  return { result, reportBytes };
}

async function run(job: ScanJob): Promise<ScanMeasurement> {
  const fs = nodeFileSystem();
  // The warm-up is smaller than the size that starts worker threads: it warms this thread's code only.
  await scanAndReport(optionsFor(job, job.warmup), fs);
  collectGarbage();
  const options = optionsFor(job, job.input);
  const baselineRss = process.memoryUsage.rss();
  const sampler = await startRssSampler(50);
  const start = process.hrtime.bigint();
  const cpuAtStart = process.cpuUsage();
  let candidates: CandidateSummary | undefined;
  const { result, reportBytes } = await scanAndReport(options, fs, { candidates: (summary) => (candidates = summary) });
  const elapsed = seconds(start);
  const cpu = process.cpuUsage(cpuAtStart);
  const peakRssHwm = vmHwmBytes() ?? null;
  const peakRssSampled = await sampler.stop();

  const bytes = statSync(job.input).size;
  const clustered = clusteredIds(result);
  let quality: Quality | undefined;
  if (job.preset === 'synthetic') {
    const planted: PlantedPair[] = [];
    for await (const pair of readJsonLines<PlantedPair>(job.truth)) planted.push(pair);
    const sets = new Map<string, Int32Array>();
    for await (const doc of readJsonLines<CorpusDocument>(job.input)) {
      if (clustered.has(doc.id)) sets.set(doc.id, analyze({ id: doc.id, text: doc.text, source: job.input }, options.shingleSize).shingleSet);
    }
    quality = measureQuality(result, planted, sets, job.threshold);
  }
  return {
    input: job.input,
    jobs: job.jobs,
    reportBytes,
    bytes,
    options: { metric: options.metric, threshold: options.threshold, rewrites: options.rewrites, banding: result.params.banding },
    documents: result.documents,
    skipped: result.skipped.length,
    seconds: elapsed,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    docsPerSecond: result.documents / elapsed,
    mbPerSecond: bytes / 1e6 / elapsed,
    baselineRss,
    peakRssSampled,
    peakRssHwm,
    heapLimit: getHeapStatistics().heap_size_limit,
    clusters: result.clusters.length,
    clusteredDocuments: clustered.size,
    largestCluster: result.clusters.reduce((max, c) => Math.max(max, c.members.length), 0),
    ...(candidates ? { candidates } : {}),
    ...(quality ? { quality } : {}),
  };
}

try {
  const measurement = await run(JSON.parse(process.argv[2] ?? '') as ScanJob);
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
