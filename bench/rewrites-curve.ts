/**
 * The sentence tier's scale curve: at each size of each corpus, the CLI defaults against the same scan with
 * --no-rewrites, each scan in a child process of its own, the two alternating round by round.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { DEFAULT_SPEC } from './corpus.js';
import { log } from './log.js';
import { thisMachine } from './machine.js';
import { median } from './measure.js';
import { newsLikeCorpus } from './news-like-corpus.js';
import { syntheticCorpus } from './prepare-corpus.js';
import { type CurvePoint, type CurveScans, type Failure, isMeasurement, peakRss, type RewritesCurve, type Settings } from './report.js';
import type { ScanMeasurement } from './scan-child.js';
import { scanInChild } from './scan-in-child.js';
import { int } from './table.js';

/** Rounds by default: three up to this many articles, one above (as the one-size run). */
export const CURVE_ROUNDS_UP_TO_DOCS = 100_000;

export interface RewritesCurveArgs {
  /** Articles of each size, in the order run. */
  readonly sizes: readonly number[];
  /** Corpora and caches. */
  readonly out: string;
  /** Seed of the synthetic corpus (the news-like one uses its generator's default). */
  readonly seed: number;
  /** Threads of every scan. */
  readonly jobs: number;
  /** Rounds of each size; undefined: by size. */
  readonly rounds: number | undefined;
  /** A small corpus each child scans first, untimed, with the same options. */
  readonly warmup: string;
  /** ../shared/tools/make-news-corpus.js; the news-like corpus is skipped with a notice where it is absent. */
  readonly newsTool: string;
}

type Run = ScanMeasurement | Failure;

function scansOf(runs: readonly Run[]): CurveScans {
  const done = runs.filter(isMeasurement);
  const first = done[0];
  return {
    runs,
    seconds: first === undefined ? null : median(done.map((run) => run.seconds)),
    cpuSeconds: first === undefined ? null : median(done.map((run) => run.cpuSeconds)),
    peakRss: first === undefined ? null : Math.max(...done.map(peakRss)),
    candidates: first?.candidates ?? null,
  };
}

/** Per round where both scans finished, `measure` of the defaults over `measure` of --no-rewrites. */
function ratiosOf(defaults: readonly Run[], noRewrites: readonly Run[], measure: (run: ScanMeasurement) => number): number[] {
  const ratios: number[] = [];
  defaults.forEach((withRewrites, round) => {
    const without = noRewrites[round];
    if (isMeasurement(withRewrites) && without !== undefined && isMeasurement(without)) ratios.push(measure(withRewrites) / measure(without));
  });
  return ratios;
}

const described = (run: Run) => (isMeasurement(run) ? `${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU` : `failed: ${run.failed}`);

async function measurePoint(corpus: CurvePoint['corpus'], input: { path: string; bytes: number }, docs: number, args: RewritesCurveArgs, set: Settings): Promise<CurvePoint> {
  const loadAverage = os.loadavg()[0] ?? 0;
  const rounds = args.rounds ?? (docs <= CURVE_ROUNDS_UP_TO_DOCS ? 3 : 1);
  const job = { input: input.path, warmup: args.warmup, preset: 'defaults', jobs: args.jobs } as const;
  const defaults: Run[] = [];
  const noRewrites: Run[] = [];
  for (let round = 1; round <= rounds; round++) {
    const of = rounds > 1 ? `, round ${round} of ${rounds}` : '';
    log(`sentence tier curve: ${corpus} ${int(docs)}, defaults${of} …`);
    defaults.push(await scanInChild(job, set));
    log(`  ${described(defaults.at(-1)!)}`);
    log(`sentence tier curve: ${corpus} ${int(docs)}, --no-rewrites${of} …`);
    noRewrites.push(await scanInChild({ ...job, rewrites: false }, set));
    log(`  ${described(noRewrites.at(-1)!)}`);
  }
  const ratios = ratiosOf(defaults, noRewrites, (run) => run.seconds);
  const cpuRatios = ratiosOf(defaults, noRewrites, (run) => run.cpuSeconds);
  return {
    corpus,
    docs,
    path: input.path,
    bytes: input.bytes,
    loadAverage,
    rounds,
    defaults: scansOf(defaults),
    noRewrites: scansOf(noRewrites),
    ratios,
    ratio: ratios.length === 0 ? null : median(ratios),
    cpuRatios,
    cpuRatio: cpuRatios.length === 0 ? null : median(cpuRatios),
  };
}

/** Every size of the synthetic corpus, then every size of the news-like one (where its generator is present). */
export async function rewritesCurve(args: RewritesCurveArgs, set: Settings): Promise<RewritesCurve> {
  const loadAtStart = os.loadavg();
  const points: CurvePoint[] = [];
  const skipped: Array<RewritesCurve['skipped'][number]> = [];
  for (const docs of args.sizes) {
    const { info } = syntheticCorpus(args.out, { ...DEFAULT_SPEC, docs, seed: args.seed });
    points.push(await measurePoint('synthetic', { path: info.path, bytes: info.bytes }, docs, args, set));
  }
  if (existsSync(args.newsTool)) {
    for (const docs of args.sizes) points.push(await measurePoint('news-like', newsLikeCorpus(args.out, docs, args.newsTool), docs, args, set));
  } else {
    log(`notice: ${args.newsTool} not found: the sentence tier curve leaves out the news-like corpus`);
    skipped.push({ corpus: 'news-like', skipped: `generator not found at ${args.newsTool}` });
  }
  return { sizes: args.sizes, jobs: args.jobs, machine: thisMachine(loadAtStart), points, skipped };
}
