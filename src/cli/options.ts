import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD, type Metric, type ScanOptions } from '../options.js';
import { isReporterName, type ReporterName, reporters } from '../report/render/index.js';
import { inputPathName } from '../input/input-path.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../input/read.js';

/** Largest --max-article-bytes: 1 GB, past which one article's analysis would not fit a 32-bit WebAssembly memory. */
const MAX_ARTICLE_BYTES_LIMIT = 1_000_000_000;

/** Options as commander hands them over: strings and booleans, nothing checked. */
export interface RawScanOptions {
  format?: string;
  output?: string;
  metric?: string;
  threshold?: string;
  shingleSize?: string;
  numPerm?: string;
  seed?: string;
  bands?: string;
  rows?: string;
  rewrites?: boolean;
  rewriteThreshold?: string;
  minAligned?: string;
  idField?: string;
  textField?: string;
  dateField?: string;
  htmlField?: string;
  maxArticleBytes?: string;
  stdinText?: boolean;
  prefer?: string[];
  within?: string;
  boilerplate?: boolean;
  boilerplateMinDocs?: string;
  jobs?: string;
  db?: string;
  failOnDuplicates?: boolean;
  baseline?: string;
  writeBaseline?: string;
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
  ignore?: string[];
  gitignore?: boolean;
}

/** Everything the CLI acts on, resolved once: nothing after this looks at argv. */
export interface CliOptions {
  readonly scan: ScanOptions;
  readonly format: ReporterName;
  readonly output?: string;
  readonly failOnDuplicates: boolean;
  /** Baseline file to compare the clusters with (--baseline); none by default. */
  readonly baseline?: string;
  /** File to record the clusters in as the new baseline (--write-baseline); none by default. */
  readonly writeBaseline?: string;
  /** Index whose stored fingerprints the scan reuses, and where it stores new ones (--db); none by default. */
  readonly db?: string;
  readonly color: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
  /** Globs (picomatch) of paths under a given folder to leave out (--ignore, and the config's "ignore"); none by default. */
  readonly ignore: readonly string[];
  /** Leave out what .gitignore files in the given folders name (--gitignore); off by default. */
  readonly gitignore: boolean;
  /** The config file whose settings were used, as the report names it; null for none. */
  readonly config: string | null;
}

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  // Number() also reads "0x1", "0b1" and "0o1": a figure is written in decimal.
  if (!DECIMAL.test(raw) || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new UsageError(`${name} takes ${kind} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function field(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new UsageError(`${name} needs a field name`);
  return raw;
}

/**
 * Every core by default, as ripgrep does: the scan still fingerprints input under 1 MiB on one thread (starting workers
 * would cost more), and the report is byte-identical for any number. `--jobs 1` keeps a run to one core on a shared host.
 */
export const DEFAULT_JOBS = availableParallelism();

/**
 * `cwd` is the folder input paths are named from: each is spelled as ids will have it (see inputPathName), so `in`,
 * `./in` and `$PWD/in` give the same ids. `config` is the config file whose settings were used, as the report names it.
 */
export function resolveOptions(given: readonly string[], raw: RawScanOptions, cwd: string, config: string | null = null): CliOptions {
  if (given.length === 0) throw new UsageError('no input given: name files or folders, or - for JSONL on standard input');
  const paths = given.map((path) => inputPathName(path, cwd));
  if (raw.stdinText && !paths.includes('-')) throw new UsageError('--stdin-text reads standard input: name it as an input, "-"');
  const format = raw.format ?? 'table';
  if (!isReporterName(format)) throw new UsageError(`--format takes ${Object.keys(reporters).join(', ')}, got "${format}"`);
  const metricName = raw.metric ?? DEFAULT_OPTIONS.metric;
  if (metricName !== 'containment' && metricName !== 'jaccard') {
    throw new UsageError(`--metric takes containment or jaccard, got "${metricName}"`);
  }
  const metric: Metric = metricName;
  const numPerm = number('--num-perm', raw.numPerm, DEFAULT_OPTIONS.numPerm, 16, 1024, true);
  if ((raw.bands === undefined) !== (raw.rows === undefined)) throw new UsageError('--bands and --rows go together');
  const bands = number('--bands', raw.bands, 0, 1, numPerm, true);
  const rows = number('--rows', raw.rows, 0, 1, numPerm, true);
  if (bands * rows > numPerm) throw new UsageError(`--bands × --rows (${bands} × ${rows}) exceeds --num-perm ${numPerm}`);
  if (raw.output !== undefined && raw.output.trim() === '') throw new UsageError('--output needs a file name');
  if (raw.baseline !== undefined && raw.baseline.trim() === '') throw new UsageError('--baseline needs a file name');
  if (raw.writeBaseline !== undefined && raw.writeBaseline.trim() === '') throw new UsageError('--write-baseline needs a file name');
  if (raw.db !== undefined && raw.db.trim() === '') throw new UsageError('--db needs the index file, e.g. --db corpus.neardup.db');
  const scan: ScanOptions = {
    paths,
    read: {
      idField: field('--id-field', raw.idField, DEFAULT_OPTIONS.read.idField),
      textField: field('--text-field', raw.textField, DEFAULT_OPTIONS.read.textField),
      dateField: field('--date-field', raw.dateField, DEFAULT_OPTIONS.read.dateField),
      htmlField: field('--html-field', raw.htmlField, DEFAULT_OPTIONS.read.htmlField),
      maxArticleBytes: number('--max-article-bytes', raw.maxArticleBytes, DEFAULT_MAX_ARTICLE_BYTES, 1, MAX_ARTICLE_BYTES_LIMIT, true),
      ...(raw.stdinText ? { stdinText: true } : {}),
    },
    shingleSize: number('--shingle-size', raw.shingleSize, DEFAULT_OPTIONS.shingleSize, 1, 20, true),
    numPerm,
    seed: number('--seed', raw.seed, DEFAULT_OPTIONS.seed, 0, 2 ** 31 - 1, true),
    metric,
    threshold: number('--threshold', raw.threshold, DEFAULT_THRESHOLD[metric], 0.01, 1, false),
    ...(bands ? { banding: { bands, rows } } : {}),
    rewrites: raw.rewrites ?? DEFAULT_OPTIONS.rewrites,
    rewriteThreshold: number('--rewrite-threshold', raw.rewriteThreshold, DEFAULT_OPTIONS.rewriteThreshold, 0.01, 1, false),
    minAlignedSentences: number('--min-aligned', raw.minAligned, DEFAULT_OPTIONS.minAlignedSentences, 1, 1000, true),
    prefer: (raw.prefer ?? []).map((pattern) => {
      if (pattern.trim() === '') throw new UsageError('--prefer needs a pattern');
      return pattern;
    }),
    ...(raw.within === undefined ? {} : { withinDays: number('--within', raw.within, 0, 0, 36500, false) }),
    boilerplateMinDocuments:
      raw.boilerplate === false ? 0 : number('--boilerplate-min-docs', raw.boilerplateMinDocs, DEFAULT_OPTIONS.boilerplateMinDocuments, 2, 1_000_000, true),
    jobs: number('--jobs', raw.jobs, DEFAULT_JOBS, 1, 256, true),
  };
  return {
    scan,
    format,
    ...(raw.output === undefined ? {} : { output: raw.output }),
    failOnDuplicates: raw.failOnDuplicates ?? false,
    ...(raw.baseline === undefined ? {} : { baseline: raw.baseline }),
    ...(raw.writeBaseline === undefined ? {} : { writeBaseline: raw.writeBaseline }),
    ...(raw.db === undefined ? {} : { db: raw.db }),
    color: raw.color ?? true,
    quiet: raw.quiet ?? false,
    debug: raw.debug ?? false,
    ignore: (raw.ignore ?? []).map((pattern) => {
      if (pattern.trim() === '') throw new UsageError('--ignore needs a glob, e.g. --ignore "drafts/**"');
      return pattern;
    }),
    gitignore: raw.gitignore ?? false,
    config,
  };
}
