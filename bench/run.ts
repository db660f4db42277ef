/**
 * Benchmark entry: node dist-bench/bench/run.js [--docs N[,N…]] [--out DIR] [--skip-peer] [--reuters PATH] [--seed S] [--max-rss MIB] [--rounds N]
 *
 * One size: signature speed against the `minhash` package, end-to-end scan() speed and memory, recall and precision
 * on the planted duplicates, and a Reuters-21578 scan. Several sizes: the scale curve, each size in its own process.
 * The report goes to stdout as Markdown, all figures to <out>/bench-results.json, progress to stderr.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SPEC } from './corpus.js';
import { log } from './log.js';
import { thisMachine } from './machine.js';
import { collectGarbage, median } from './measure.js';
import { syntheticCorpus } from './prepare-corpus.js';
import {
  type BenchResults,
  type EndToEndRounds,
  type Failure,
  fullReport,
  type FullResults,
  isMeasurement,
  RESULTS_SCHEMA_VERSION,
  type RewritesCurve,
  type ScalePoint,
  scaleReport,
  type ScaleResults,
  type Settings,
} from './report.js';
import type { ScanMeasurement } from './scan-child.js';
import { rewritesCurve, CURVE_ROUNDS_UP_TO_DOCS } from './rewrites-curve.js';
import { rewritesCurveReport } from './rewrites-curve-report.js';
import { scanInChild } from './scan-in-child.js';
import { meterSection } from './meter.js';
import { meterPairsSection } from './meter-pairs.js';
import { signatureStage } from './signatures.js';
import { int } from './table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WARMUP_DOCS = 1_000;
const SIGNATURE_MAX_DOCS = 20_000;
const PEER_SAMPLE_DOCS = 200;
const THRESHOLD = 0.8;
/** Rounds of the one-size end-to-end scans by default: three up to this many documents, one above (a million takes minutes). */
const ROUNDS_UP_TO_DOCS = 100_000;
/** Rounds of the Reuters scans, with the defaults and with --no-rewrites in turn. */
const REUTERS_ROUNDS = 3;

const USAGE = `Usage: node dist-bench/bench/run.js [options]

  --docs N[,N…]    synthetic corpus size; several sizes print the scale curve (default 20000; with --rewrites-curve,
                   none unless given)
  --rewrites-curve N[,N…]
                   the sentence tier's scale curve: at each size, the CLI defaults against --no-rewrites on the
                   synthetic corpus and on the news-like one (../shared/tools/make-news-corpus.js; left out with a
                   notice where absent), alternating, rounds as --rounds
  --out DIR        corpora and bench-results.json (default .bench/ in the repository)
  --skip-peer      do not time the minhash package
  --reuters PATH   Reuters-21578 JSONL (default ../shared/corpora/reuters21578.jsonl beside the repository)
  --seed S         corpus seed (default ${DEFAULT_SPEC.seed})
  --max-rss MIB    kill a child scan whose RSS passes this (default 70% of RAM)
  --jobs N         threads of the scale curves' scans (default 1, scan()'s default; the CLI's is every core, so
                   --jobs ${os.availableParallelism()} times what the CLI does here; one size times 1 and all cores)
  --rounds N       one size: timed scans with 1 thread and with all cores, alternating, N of each; the medians are
                   reported (default 3 up to ${int(ROUNDS_UP_TO_DOCS)} docs, 1 above); also the rounds of each size of
                   --rewrites-curve (default 3 up to ${int(CURVE_ROUNDS_UP_TO_DOCS)} articles, 1 above)
  -h, --help       this text
`;

class BenchUsageError extends Error {}

interface BenchArgs {
  /** Sizes of --docs; empty when only the sentence tier curve runs. */
  readonly sizes: readonly number[];
  /** Sizes of --rewrites-curve; empty without it. */
  readonly rewritesCurveSizes: readonly number[];
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

/** A comma-separated list of sizes, `_` allowed as a thousands separator. */
function parseSizes(option: string, text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 10 || n > 9_999_999) throw new BenchUsageError(`${option} takes integers from 10 to 9,999,999, got "${text}"`);
  }
  return sizes;
}

function parseBenchArgs(argv: readonly string[]): BenchArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        docs: { type: 'string' },
        'rewrites-curve': { type: 'string' },
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
  const rewritesCurveSizes = parsed['rewrites-curve'] === undefined ? [] : parseSizes('--rewrites-curve', parsed['rewrites-curve']);
  // --rewrites-curve alone runs the curve alone; --docs given beside it runs as it does without it.
  const sizes = parsed.docs !== undefined ? parseSizes('--docs', parsed.docs) : rewritesCurveSizes.length > 0 ? [] : [DEFAULT_SPEC.docs];
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
    rewritesCurveSizes,
    out: parsed.out === undefined ? join(ROOT, '.bench') : resolve(parsed.out),
    skipPeer: parsed['skip-peer'],
    reuters: parsed.reuters === undefined ? resolve(ROOT, '../shared/corpora/reuters21578.jsonl') : resolve(parsed.reuters),
    seed,
    maxRssMiB,
  };
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

async function fullRun(args: BenchArgs, docs: number): Promise<FullResults> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const set = settings(args);
  const main = syntheticCorpus(args.out, { ...DEFAULT_SPEC, docs, seed: args.seed });
  const warmup = syntheticCorpus(args.out, { ...DEFAULT_SPEC, docs: WARMUP_DOCS, seed: args.seed + 1 });

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
  let reutersRatios: number[] | undefined;
  if (existsSync(args.reuters)) {
    // The two alternate round by round, as the scale curves do: one run of each moved the ratio by a fifth on this machine.
    const withRewrites: Array<ScanMeasurement | Failure> = [];
    const withoutRewrites: Array<ScanMeasurement | Failure> = [];
    for (let round = 1; round <= REUTERS_ROUNDS; round++) {
      log(`Reuters scan with default options, round ${round} of ${REUTERS_ROUNDS}: ${args.reuters} …`);
      withRewrites.push(await scanInChild({ input: args.reuters, warmup: warmup.info.path, preset: 'defaults', jobs: 1 }, set));
      log(`Reuters scan with --no-rewrites, round ${round} of ${REUTERS_ROUNDS} …`);
      withoutRewrites.push(await scanInChild({ input: args.reuters, warmup: warmup.info.path, preset: 'defaults', rewrites: false, jobs: 1 }, set));
    }
    reuters = medianRun(withRewrites);
    reutersNoRewrites = medianRun(withoutRewrites);
    if (withRewrites.every(isMeasurement) && withoutRewrites.every(isMeasurement)) {
      reutersRatios = withRewrites.map((run, round) => run.seconds / (withoutRewrites[round] as ScanMeasurement).seconds);
    }
  } else {
    log(`notice: Reuters corpus not found at ${args.reuters}; skipping the Reuters scan`);
    reuters = { skipped: `not found at ${args.reuters}` };
    reutersNoRewrites = reuters;
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    mode: 'full',
    startedAt,
    machine: thisMachine(loadAtStart),
    settings: set,
    corpus: main.info,
    signatures,
    endToEnd: medianRun(oneThread),
    endToEndParallel: medianRun(allCores),
    endToEndRounds: roundsOf(oneThread, allCores, concurrent),
    reuters,
    reutersNoRewrites,
    ...(reutersRatios ? { reutersRatios } : {}),
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

async function scaleRun(args: BenchArgs): Promise<ScaleResults> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const set = settings(args);
  const warmup = syntheticCorpus(args.out, { ...DEFAULT_SPEC, docs: WARMUP_DOCS, seed: args.seed + 1 });
  const points: ScalePoint[] = [];
  for (const docs of args.sizes) {
    const main = syntheticCorpus(args.out, { ...DEFAULT_SPEC, docs, seed: args.seed });
    log(`scan of ${int(docs)} docs …`);
    const scan = await scanInChild(
      { input: main.info.path, warmup: warmup.info.path, preset: 'synthetic', threshold: THRESHOLD, truth: main.truth, jobs: args.jobs },
      set,
    );
    log('failed' in scan ? `  failed: ${scan.failed}` : `  ${scan.seconds.toFixed(2)} s, ${int(scan.docsPerSecond)} docs/s`);
    points.push({ docs, corpus: main.info, scan });
  }
  return { schemaVersion: RESULTS_SCHEMA_VERSION, mode: 'scale', startedAt, machine: thisMachine(loadAtStart), settings: set, jobs: args.jobs, points };
}

function rewritesCurveRun(args: BenchArgs): Promise<RewritesCurve> {
  const warmup = syntheticCorpus(args.out, { ...DEFAULT_SPEC, docs: WARMUP_DOCS, seed: args.seed + 1 });
  return rewritesCurve(
    {
      sizes: args.rewritesCurveSizes,
      out: args.out,
      seed: args.seed,
      jobs: args.jobs,
      rounds: args.rounds,
      warmup: warmup.info.path,
      newsTool: resolve(ROOT, '../shared/tools/make-news-corpus.js'),
    },
    settings(args),
  );
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
  const startedAt = new Date().toISOString();
  const [only] = args.sizes;
  const measured = args.sizes.length === 0 ? undefined : args.sizes.length === 1 && only !== undefined ? await fullRun(args, only) : await scaleRun(args);
  const curve = args.rewritesCurveSizes.length === 0 ? undefined : await rewritesCurveRun(args);
  let results: BenchResults;
  if (measured !== undefined) results = curve === undefined ? measured : { ...measured, rewritesCurve: curve };
  else if (curve !== undefined) results = { schemaVersion: RESULTS_SCHEMA_VERSION, mode: 'rewrites-curve', startedAt, settings: settings(args), rewritesCurve: curve };
  else throw new Error('bench: nothing to measure (parseBenchArgs asks for sizes or a rewrites curve)');
  const path = join(args.out, 'bench-results.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  if (results.mode === 'full') {
    process.stdout.write(fullReport(results));
    process.stdout.write(await meterSection(resolve(ROOT, '../shared/corpora/meter-showbiz.jsonl')));
    process.stdout.write(await meterPairsSection(resolve(ROOT, '../shared/corpora/meter-showbiz.jsonl')));
  }
  if (results.mode === 'scale') process.stdout.write(scaleReport(results));
  if (curve !== undefined) process.stdout.write(rewritesCurveReport(curve));
  log(`results written to ${path}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
