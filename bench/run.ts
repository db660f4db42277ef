/**
 * Benchmark entry: node dist-bench/bench/run.js [--docs N[,N…]] [--out DIR] [--skip-peer] [--reuters PATH] [--seed S] [--max-rss MIB] [--rounds N]
 *
 * One size: signature speed against the `minhash` package, end-to-end scan() speed and memory, recall and precision
 * on the planted duplicates, and a Reuters-21578 scan. Several sizes: the scale curve, each size in its own process.
 * The report goes to stdout as Markdown, all figures to <out>/bench-results.json, progress to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CorpusSpec, DEFAULT_SPEC, ensureCorpus } from './corpus.js';
import { collectGarbage, median, processRssBytes, seconds } from './measure.js';
import {
  type BenchResults,
  type CorpusInfo,
  type EndToEndRounds,
  type Failure,
  fullReport,
  isMeasurement,
  type Machine,
  RESULTS_SCHEMA_VERSION,
  type ScalePoint,
  scaleReport,
  type Settings,
} from './report.js';
import type { ScanJob, ScanMeasurement } from './scan-child.js';
import { meterSection } from './meter.js';
import { meterPairsSection } from './meter-pairs.js';
import { signatureStage } from './signatures.js';
import { int } from './table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./scan-child.js', import.meta.url));
const WARMUP_DOCS = 1_000;
const SIGNATURE_MAX_DOCS = 20_000;
const PEER_SAMPLE_DOCS = 200;
const THRESHOLD = 0.8;
/** Rounds of the one-size end-to-end scans by default: three up to this many documents, one above (a million takes minutes). */
const ROUNDS_UP_TO_DOCS = 100_000;

const USAGE = `Usage: node dist-bench/bench/run.js [options]

  --docs N[,N…]    synthetic corpus size; several sizes print the scale curve (default 20000)
  --out DIR        corpora and bench-results.json (default .bench/ in the repository)
  --skip-peer      do not time the minhash package
  --reuters PATH   Reuters-21578 JSONL (default ../shared/corpora/reuters21578.jsonl beside the repository)
  --seed S         corpus seed (default ${DEFAULT_SPEC.seed})
  --max-rss MIB    kill a child scan whose RSS passes this (default 70% of RAM)
  --jobs N         threads of the scale curve's scans (default 1, as the CLI; one size times 1 and all cores)
  --rounds N       one size: timed scans with 1 thread and with all cores, alternating, N of each; the medians are
                   reported (default 3 up to ${int(ROUNDS_UP_TO_DOCS)} docs, 1 above)
  -h, --help       this text
`;

class BenchUsageError extends Error {}

interface BenchArgs {
  readonly sizes: readonly number[];
  readonly out: string;
  readonly skipPeer: boolean;
  readonly reuters: string;
  readonly seed: number;
  /** RSS cap of a child scan, MiB. */
  readonly maxRssMiB: number;
  /** Threads of the scale curve's scans. */
  readonly jobs: number;
  /** Rounds of the one-size end-to-end scans; undefined: by corpus size. */
  readonly rounds: number | undefined;
}

function parseBenchArgs(argv: readonly string[]): BenchArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        docs: { type: 'string', default: String(DEFAULT_SPEC.docs) },
        out: { type: 'string' },
        'skip-peer': { type: 'boolean', default: false },
        reuters: { type: 'string' },
        seed: { type: 'string', default: String(DEFAULT_SPEC.seed) },
        'max-rss': { type: 'string' },
        jobs: { type: 'string', default: '1' },
        rounds: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  if (parsed.help) return 'help';
  const sizes = parsed.docs.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 10 || n > 9_999_999) throw new BenchUsageError(`--docs takes integers from 10 to 9,999,999, got "${parsed.docs}"`);
  }
  const seed = Number(parsed.seed);
  if (!Number.isInteger(seed)) throw new BenchUsageError(`--seed takes an integer, got "${parsed.seed}"`);
  const maxRssMiB = parsed['max-rss'] === undefined ? Math.floor((os.totalmem() / 2 ** 20) * 0.7) : Number(parsed['max-rss']);
  if (!Number.isInteger(maxRssMiB) || maxRssMiB < 64) throw new BenchUsageError(`--max-rss takes a whole number of MiB of at least 64, got "${parsed['max-rss']}"`);
  const jobs = Number(parsed.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new BenchUsageError(`--jobs takes a whole number from 1, got "${parsed.jobs}"`);
  const rounds = parsed.rounds === undefined ? undefined : Number(parsed.rounds);
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1 || rounds > 99)) throw new BenchUsageError(`--rounds takes a whole number from 1 to 99, got "${parsed.rounds}"`);
  return {
    jobs,
    rounds,
    sizes,
    out: parsed.out === undefined ? join(ROOT, '.bench') : resolve(parsed.out),
    skipPeer: parsed['skip-peer'],
    reuters: parsed.reuters === undefined ? resolve(ROOT, '../shared/corpora/reuters21578.jsonl') : resolve(parsed.reuters),
    seed,
    maxRssMiB,
  };
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function machine(loadAtStart: readonly number[]): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
  };
}

function corpus(dir: string, spec: CorpusSpec): { info: CorpusInfo; truth: string } {
  const t = process.hrtime.bigint();
  const { files, meta, cached } = ensureCorpus(dir, spec, (done) => log(`  … ${int(done)} of ${int(spec.docs)} documents written`));
  const how = cached ? 'cached' : `generated in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`;
  log(`corpus of ${int(meta.documents)} documents (${(meta.bytes / 1e6).toFixed(1)} MB) ${how}: ${files.corpus}`);
  return { info: { ...meta, path: files.corpus }, truth: files.truth };
}

/**
 * Runs one scan in a child process; a crash (out of memory, say) becomes a Failure rather than ending the benchmark.
 * The child is killed when its RSS passes the cap, before the machine runs out of memory for everyone else.
 */
function scanInChild(job: ScanJob, set: Settings): Promise<ScanMeasurement | Failure> {
  return new Promise((done) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${set.childHeapMiB}`, CHILD, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakRss: number | null = null;
    let capped = false;
    const guard = setInterval(() => {
      const rss = child.pid === undefined ? undefined : processRssBytes(child.pid);
      if (rss === undefined) return;
      peakRss = Math.max(peakRss ?? 0, rss);
      if (rss > set.childRssCapMiB * 2 ** 20 && !capped) {
        capped = true;
        child.kill('SIGKILL');
      }
    }, 200);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
    child.on('error', (error) => {
      clearInterval(guard);
      done({ failed: error.message, seconds: seconds(start), peakRss });
    });
    child.on('close', (code, signal) => {
      clearInterval(guard);
      if (code === 0) {
        done(JSON.parse(stdout.trim().split('\n').pop()!) as ScanMeasurement);
        return;
      }
      const fail = (failed: string) => done({ failed, seconds: seconds(start), peakRss });
      if (capped) fail(`stopped: RSS passed the ${int(set.childRssCapMiB)} MiB cap`);
      else if (/heap out of memory|Reached heap limit/i.test(stderr)) fail(`out of memory (JavaScript heap limit ${int(set.childHeapMiB)} MiB)`);
      else if (signal === 'SIGKILL') fail('killed by SIGKILL (the kernel OOM killer?)');
      else fail(`exit ${code ?? signal}: ${stderr.trim().split('\n').pop() ?? ''}`);
      if (stderr && !capped) log(`child stderr (tail):\n${stderr.trim().split('\n').slice(-5).join('\n')}`);
    });
  });
}

function settings(args: BenchArgs): Settings {
  // Children get most of the machine's memory (the default heap limit of ~4 GiB says nothing about neardup), not all.
  return {
    seed: args.seed,
    numPerm: 128,
    shingleSize: 5,
    threshold: THRESHOLD,
    childHeapMiB: Math.floor((os.totalmem() / 2 ** 20) * 0.7),
    childRssCapMiB: args.maxRssMiB,
  };
}

async function fullRun(args: BenchArgs, docs: number): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const set = settings(args);
  const main = corpus(args.out, { ...DEFAULT_SPEC, docs, seed: args.seed });
  const warmup = corpus(args.out, { ...DEFAULT_SPEC, docs: WARMUP_DOCS, seed: args.seed + 1 });

  log(`signature stage: neardup on up to ${int(SIGNATURE_MAX_DOCS)} docs${args.skipPeer ? '' : `, minhash package on ${PEER_SAMPLE_DOCS}`} …`);
  const signatures = await signatureStage({
    corpus: main.info.path,
    truth: main.truth,
    maxDocs: SIGNATURE_MAX_DOCS,
    sampleDocs: PEER_SAMPLE_DOCS,
    skipPeer: args.skipPeer,
    numPerm: set.numPerm,
    shingleSize: set.shingleSize,
  });
  collectGarbage();

  // One thread and all cores alternate, so a change of machine load during the run hits both alike.
  const synthetic = { input: main.info.path, warmup: warmup.info.path, preset: 'synthetic', threshold: THRESHOLD, truth: main.truth } as const;
  const cores = os.availableParallelism();
  const rounds = args.rounds ?? (docs <= ROUNDS_UP_TO_DOCS ? 3 : 1);
  const oneThread: Array<ScanMeasurement | Failure> = [];
  const allCores: Array<ScanMeasurement | Failure> = [];
  // The machine's own ceiling for this work: as many one-thread scans at once as there are cores, in processes that
  // share nothing, so no thread start, hand-over or waiting of neardup's is in it; only the cores, caches, memory and
  // the runtime's own helper threads, which a one-thread scan alone also has to itself.
  const concurrent: Array<Array<ScanMeasurement | Failure>> = [];
  for (let round = 1; round <= rounds; round++) {
    const of = rounds > 1 ? `, round ${round} of ${rounds}` : '';
    log(`end-to-end scan of ${int(docs)} docs, one thread${of} …`);
    oneThread.push(await scanInChild({ ...synthetic, jobs: 1 }, set));
    log(`end-to-end scan of ${int(docs)} docs, ${cores} threads${of} …`);
    allCores.push(await scanInChild({ ...synthetic, jobs: cores }, set));
    if (cores > 1) {
      log(`end-to-end scan of ${int(docs)} docs, one thread, ${cores} processes at once${of} …`);
      concurrent.push(await Promise.all(Array.from({ length: cores }, () => scanInChild({ ...synthetic, jobs: 1 }, set))));
    }
  }

  let reuters: FullResults['reuters'];
  let reutersNoRewrites: FullResults['reutersNoRewrites'];
  if (existsSync(args.reuters)) {
    log(`Reuters scan with default options: ${args.reuters} …`);
    reuters = await scanInChild({ input: args.reuters, warmup: warmup.info.path, preset: 'defaults', jobs: 1 }, set);
    log(`Reuters scan with --no-rewrites: ${args.reuters} …`);
    reutersNoRewrites = await scanInChild({ input: args.reuters, warmup: warmup.info.path, preset: 'defaults', rewrites: false, jobs: 1 }, set);
  } else {
    log(`notice: Reuters corpus not found at ${args.reuters}; skipping the Reuters scan`);
    reuters = { skipped: `not found at ${args.reuters}` };
    reutersNoRewrites = reuters;
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    mode: 'full',
    startedAt,
    machine: machine(loadAtStart),
    settings: set,
    corpus: main.info,
    signatures,
    endToEnd: medianRun(oneThread),
    endToEndParallel: medianRun(allCores),
    endToEndRounds: roundsOf(oneThread, allCores, concurrent),
    reuters,
    reutersNoRewrites,
  };
}

/** The run of median time (the faster of the middle two, for an even count), or the first failure: one failed run fails the figure. */
function medianRun(runs: ReadonlyArray<ScanMeasurement | Failure>): ScanMeasurement | Failure {
  const failure = runs.find((run) => !isMeasurement(run));
  if (failure) return failure;
  const sorted = [...(runs as readonly ScanMeasurement[])].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Every round's times, each round's ratio (one thread's time over all cores'), the machine's ceiling for that ratio
 * (one-thread scans at once, one per core: their combined throughput over one scan's alone), and whether all runs
 * found the same clusters.
 */
function roundsOf(
  oneThread: ReadonlyArray<ScanMeasurement | Failure>,
  allCores: ReadonlyArray<ScanMeasurement | Failure>,
  concurrent: ReadonlyArray<ReadonlyArray<ScanMeasurement | Failure>>,
): EndToEndRounds {
  const ratios: number[] = [];
  const ceilingRatios: number[] = [];
  oneThread.forEach((one, r) => {
    const all = allCores[r]!;
    if (isMeasurement(one) && isMeasurement(all)) ratios.push(one.seconds / all.seconds);
    const together = concurrent[r];
    // Throughput of n scans of the corpus in the slowest one's time, over one scan's throughput alone.
    if (isMeasurement(one) && together !== undefined && together.every(isMeasurement)) {
      ceilingRatios.push((together.length * one.seconds) / Math.max(...together.map((run) => run.seconds)));
    }
  });
  const runs = [...oneThread, ...allCores, ...concurrent.flat()].filter(isMeasurement);
  const first = runs[0];
  return {
    rounds: oneThread.length,
    oneThreadSeconds: oneThread.map((run) => (isMeasurement(run) ? run.seconds : null)),
    allCoresSeconds: allCores.map((run) => (isMeasurement(run) ? run.seconds : null)),
    ratios,
    ratio: ratios.length === 0 ? null : median(ratios),
    concurrentSeconds: concurrent.map((together) => together.map((run) => (isMeasurement(run) ? run.seconds : null))),
    ceilingRatios,
    ceiling: ceilingRatios.length === 0 ? null : median(ceilingRatios),
    sameClusters:
      first === undefined ||
      runs.every((run) => run.clusters === first.clusters && run.clusteredDocuments === first.clusteredDocuments && run.reportBytes === first.reportBytes),
  };
}

type FullResults = Extract<BenchResults, { mode: 'full' }>;

async function scaleRun(args: BenchArgs): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const set = settings(args);
  const warmup = corpus(args.out, { ...DEFAULT_SPEC, docs: WARMUP_DOCS, seed: args.seed + 1 });
  const points: ScalePoint[] = [];
  for (const docs of args.sizes) {
    const main = corpus(args.out, { ...DEFAULT_SPEC, docs, seed: args.seed });
    log(`scan of ${int(docs)} docs …`);
    const scan = await scanInChild(
      { input: main.info.path, warmup: warmup.info.path, preset: 'synthetic', threshold: THRESHOLD, truth: main.truth, jobs: args.jobs },
      set,
    );
    log('failed' in scan ? `  failed: ${scan.failed}` : `  ${scan.seconds.toFixed(2)} s, ${int(scan.docsPerSecond)} docs/s`);
    points.push({ docs, corpus: main.info, scan });
  }
  return { schemaVersion: RESULTS_SCHEMA_VERSION, mode: 'scale', startedAt, machine: machine(loadAtStart), settings: set, jobs: args.jobs, points };
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  mkdirSync(args.out, { recursive: true });
  const [only] = args.sizes;
  const results = args.sizes.length === 1 && only !== undefined ? await fullRun(args, only) : await scaleRun(args);
  const path = join(args.out, 'bench-results.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(results.mode === 'full' ? fullReport(results) : scaleReport(results));
  if (results.mode === 'full') process.stdout.write(await meterSection(resolve(ROOT, '../shared/corpora/meter-showbiz.jsonl')));
  if (results.mode === 'full') process.stdout.write(await meterPairsSection(resolve(ROOT, '../shared/corpora/meter-showbiz.jsonl')));
  log(`results written to ${path}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
