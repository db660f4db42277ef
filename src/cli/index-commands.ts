import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { buildCheckReport } from '../report/check-report.js';
import { addToIndex, checkAgainstIndex, DEFAULT_BATCH_SIZE, hashingProbe, indexParams } from '../corpus/corpus-index.js';
import { IndexError, NoInputError, UsageError } from '../errors.js';
import { nodeFileSystem } from '../input/file-system.js';
import { lshThreshold, scanBandings } from '../sketch/lsh.js';
import { NORMALIZATION_VERSION } from '../text/normalize.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD, type ScanOptions } from '../options.js';
import { readInputs } from '../input/read.js';
import { checkReporters } from '../report/render/check.js';
import { colorEnabled, palette } from '../report/render/color.js';
import { nodeOriginalReader } from '../corpus/store/originals.js';
import { openSqliteStore, type SqliteOpenOptions, type SqliteStore, INDEX_FORMAT_VERSION } from '../corpus/store/sqlite.js';
import type { DocumentLocation, IndexParams } from '../corpus/store/store.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { type RawScanOptions, resolveOptions } from './options.js';
import type { CliContext } from './context.js';

/** Commander's values for the index commands: strings and booleans, nothing checked. */
interface RawIndexOptions extends RawScanOptions {
  db?: string;
  batchSize?: string;
  integrity?: boolean;
  source?: string[];
}

type Done = (code: ExitCodeValue) => void;

const EXIT_CODES_HELP =
  '\nExit codes: 0 ran fine, 1 copies found with --fail-on-duplicates, 2 usage error, 3 unexpected error, ' +
  '4 the --db file is not a usable neardup index (missing, foreign, corrupt, locked, or built with other parameters), ' +
  '5 no readable article in the inputs.';

/** The --db path, resolved against the working directory. */
function dbPath(raw: RawIndexOptions, context: CliContext): string {
  if (raw.db === undefined || raw.db.trim() === '') throw new UsageError('--db needs the index file, e.g. --db corpus.neardup.db');
  return resolve(context.cwd, raw.db);
}

function format(raw: RawIndexOptions): 'table' | 'json' {
  const f = raw.format ?? 'table';
  if (f !== 'table' && f !== 'json') throw new UsageError(`--format takes table or json, got "${f}"`);
  return f;
}

function warner(raw: RawIndexOptions, context: CliContext) {
  return (line: string) => {
    if (!raw.quiet) context.stderr.write(`neardup: ${line}\n`);
  };
}

/** Binding params the user set explicitly (the rest come from the index, or from defaults when it is created). */
function explicitParams(raw: RawIndexOptions, scan: ScanOptions): Partial<IndexParams> {
  const out: { -readonly [K in keyof IndexParams]?: IndexParams[K] } = {};
  if (raw.seed !== undefined) out.seed = scan.seed;
  if (raw.numPerm !== undefined) out.numPerm = scan.numPerm;
  if (raw.shingleSize !== undefined) out.shingleSize = scan.shingleSize;
  if (raw.bands !== undefined || raw.metric !== undefined || raw.threshold !== undefined) {
    const { banding } = scanBandings(scan);
    out.bands = banding.bands;
    out.rows = banding.rows;
  }
  return out;
}

/**
 * Opens the index, refusing one built with other params than those asked for or than this code computes
 * (normalisation version, hashing probe). The CLI is the only place that opens one: the library takes a store.
 */
/** Where an index records an article: its absolute path, and for a JSONL line its number, byte offset and text field. */
export function indexLocation(cwd: string, textField: string): (doc: { source: string; line?: number; offset?: number }) => DocumentLocation {
  return (doc) => {
    if (doc.source === '-') return { source: '-', ...(doc.line === undefined ? {} : { line: doc.line }) };
    const source = resolve(cwd, doc.source);
    if (doc.line === undefined) return { source };
    return { source, line: doc.line, ...(doc.offset === undefined ? {} : { offset: doc.offset }), field: textField };
  };
}

export function openIndex(path: string, options: SqliteOpenOptions): SqliteStore {
  const store = openSqliteStore(path, { ...options, require: { ...options.require, normalizationVersion: NORMALIZATION_VERSION } });
  if (hashingProbe(store.params) !== store.params.probe) {
    store.close();
    throw new IndexError(`${path} was built by a neardup that hashes differently from this one (its signatures would not compare); build a new index`);
  }
  return store;
}

function withStore<T>(store: SqliteStore, work: (store: SqliteStore) => Promise<T>): Promise<T> {
  return work(store).finally(() => store.close());
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function runAdd(paths: string[], raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const resolved = resolveOptions(paths, raw, context.cwd);
  const out = format(raw);
  const batchSize = raw.batchSize === undefined ? DEFAULT_BATCH_SIZE : Number(raw.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) throw new UsageError(`--batch-size takes a whole number from 1 to 1000000, got "${raw.batchSize}"`);
  const path = dbPath(raw, context);
  const warn = warner(raw, context);
  const store = openIndex(path, { create: indexParams(resolved.scan), require: explicitParams(raw, resolved.scan) });
  return withStore(store, async () => {
    const fs = nodeFileSystem(context.stdin);
    const { textField } = resolved.scan.read;
    const result = await addToIndex(
      store,
      readInputs(resolved.scan.paths, fs, resolved.scan.read),
      {
        batchSize,
        locate: indexLocation(context.cwd, textField),
      },
      { skipped: (s) => warn(`skipped ${s.path}: ${s.reason}`) },
    );
    const documents = store.count();
    if (result.read === 0) {
      throw new NoInputError(`no readable articles in ${paths.join(', ')}${result.skipped.length ? ` (${result.skipped.length} skipped)` : ''}`);
    }
    const summary = {
      schemaVersion: 1,
      kind: 'add',
      read: result.read,
      added: result.added,
      replaced: result.replaced,
      unchanged: result.unchanged,
      skipped: result.skipped,
      ignoredFiles: result.ignoredFiles,
      documents,
    };
    context.stdout.write(
      out === 'json'
        ? json(summary)
        : `${plural(result.read, 'article')} read: ${result.added} added, ${result.replaced} replaced, ${result.unchanged} unchanged` +
            (result.skipped.length ? `, ${result.skipped.length} skipped` : '') +
            `. The index holds ${plural(documents, 'article')}.\n`,
    );
    return ExitCode.ok;
  });
}

async function runCheck(paths: string[], raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const resolved = resolveOptions(paths, raw, context.cwd);
  const path = dbPath(raw, context);
  const warn = warner(raw, context);
  const store = openIndex(path, { readonly: true, require: explicitParams(raw, resolved.scan) });
  return withStore(store, async () => {
    const p = store.params;
    const metric = raw.metric === undefined && raw.threshold === undefined ? p.metric : resolved.scan.metric;
    const threshold = raw.metric === undefined && raw.threshold === undefined ? p.threshold : resolved.scan.threshold;
    const options: ScanOptions = { ...resolved.scan, seed: p.seed, numPerm: p.numPerm, shingleSize: p.shingleSize, metric, threshold, banding: { bands: p.bands, rows: p.rows } };
    if (lshThreshold(options) < lshThreshold(p) - 1e-9) {
      warn(`the index was tuned to ${p.metric} ${p.threshold}: copies less similar than that may be missed at ${metric} ${threshold}`);
    }
    const result = await checkAgainstIndex(store, readInputs(resolved.scan.paths, nodeFileSystem(context.stdin), options.read), nodeOriginalReader(), options, {
      skipped: (s) => warn(`skipped ${s.path}: ${s.reason}`),
    });
    if (result.checked === 0) {
      throw new NoInputError(`no readable articles in ${paths.join(', ')}${result.skipped.length ? ` (${result.skipped.length} skipped)` : ''}`);
    }
    const report = buildCheckReport(result);
    const f = format(raw);
    const colors = palette(f === 'table' && colorEnabled(raw.color ?? true, context.env, context.stdout.isTTY === true));
    context.stdout.write(checkReporters[f](report, colors));
    return raw.failOnDuplicates && report.summary.matches > 0 ? ExitCode.duplicatesFound : ExitCode.ok;
  });
}

async function runStats(raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const path = dbPath(raw, context);
  const f = format(raw);
  const store = openIndex(path, { readonly: true });
  return withStore(store, async () => {
    const s = store.stats();
    const integrity = raw.integrity ? store.integrityCheck() : undefined;
    const bytes = { database: fileSize(path), wal: fileSize(`${path}-wal`) };
    const p = s.params;
    if (f === 'json') {
      context.stdout.write(
        json({
          schemaVersion: 1,
          kind: 'stats',
          path,
          format: INDEX_FORMAT_VERSION,
          documents: s.documents,
          sources: s.sources,
          bandRows: s.bandRows,
          ...(s.dates ? { dates: s.dates } : {}),
          params: {
            seed: p.seed,
            numPerm: p.numPerm,
            shingleSize: p.shingleSize,
            normalizationVersion: p.normalizationVersion,
            bands: p.bands,
            rows: p.rows,
            rewriteBands: p.rewriteBands,
            rewriteRows: p.rewriteRows,
            metric: p.metric,
            threshold: p.threshold,
          },
          created: s.created,
          ...(s.lastWrite ? { lastWrite: s.lastWrite } : {}),
          bytes,
          ...(integrity ? { integrity } : {}),
        }),
      );
    } else {
      const lines = [
        `index: ${path} (neardup index format ${INDEX_FORMAT_VERSION})`,
        `articles: ${s.documents} from ${plural(s.sources, 'source')}`,
        ...(s.dates ? [`dates: ${s.dates.earliest} to ${s.dates.latest}`] : []),
        `parameters: seed ${p.seed}, ${p.numPerm} permutations, ${p.shingleSize}-word shingles, normalisation version ${p.normalizationVersion}, ` +
          `${p.bands} bands × ${p.rows} rows (tuned to ${p.metric} ${p.threshold})`,
        `re-worded copies: ${p.rewriteBands ? `${p.rewriteBands} bands × ${p.rewriteRows} rows over content stems` : 'not indexed (built with --no-rewrites)'}`,
        `created: ${s.created}${s.lastWrite ? `, last written: ${s.lastWrite}` : ''}`,
        `size: ${megabytes(bytes.database)}${bytes.wal ? ` + ${megabytes(bytes.wal)} write-ahead log` : ''}`,
        ...(integrity ? [`integrity: ${integrity.join('; ')}`] : []),
      ];
      context.stdout.write(`${lines.join('\n')}\n`);
    }
    if (integrity && !(integrity.length === 1 && integrity[0] === 'ok')) throw new IndexError(`${path} failed its integrity check`);
    return ExitCode.ok;
  });
}

async function runRemove(ids: string[], raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const path = dbPath(raw, context);
  const f = format(raw);
  const sources = (raw.source ?? []).map((s) => resolve(context.cwd, s));
  if (ids.length === 0 && sources.length === 0) throw new UsageError('index remove needs article ids, or --source with a file or folder');
  const store = openIndex(path, {});
  return withStore(store, async () => {
    const fromSources = sources.flatMap((s) => store.idsFromSource(s));
    const wanted = [...new Set([...ids, ...fromSources])];
    const present = store.contentHashes(wanted);
    const notFound = ids.filter((id) => !present.has(id));
    const removed = store.remove(wanted);
    for (const id of notFound) warner(raw, context)(`not in the index: ${id}`);
    const documents = store.count();
    context.stdout.write(
      f === 'json'
        ? json({ schemaVersion: 1, kind: 'remove', removed, notFound, documents })
        : `${plural(removed, 'article')} removed. The index holds ${plural(documents, 'article')}.\n`,
    );
    return ExitCode.ok;
  });
}

async function runVacuum(raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const path = dbPath(raw, context);
  const store = openIndex(path, {});
  return withStore(store, async () => {
    const before = fileSize(path) + fileSize(`${path}-wal`);
    store.compact();
    const after = fileSize(path) + fileSize(`${path}-wal`);
    context.stdout.write(`${path}: ${megabytes(before)} before, ${megabytes(after)} after.\n`);
    return ExitCode.ok;
  });
}

const dbOption = () => new Option('--db <file>', 'the index file (SQLite), e.g. corpus.neardup.db').makeOptionMandatory();
const formatOption = () => new Option('--format <format>', 'output format').choices(['table', 'json']).default('table');

/** Options every index command has. */
function common(command: Command, context: CliContext): Command {
  return command
    .option('-q, --quiet', 'no warnings on stderr', false)
    .option('--debug', 'show stack traces of unexpected errors', false)
    .addHelpText('after', EXIT_CODES_HELP)
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) })
    .exitOverride();
}

/** The reading and hashing options shared by `index add` and `check`. */
function pipelineOptions(command: Command): Command {
  return command
    .option('--shingle-size <n>', `words per shingle (default ${DEFAULT_OPTIONS.shingleSize}, or the index's)`)
    .option('--num-perm <n>', `MinHash permutations (default ${DEFAULT_OPTIONS.numPerm}, or the index's)`)
    .option('--seed <n>', `MinHash seed (default ${DEFAULT_OPTIONS.seed}, or the index's)`)
    .option('--bands <n>', 'LSH bands (with --rows; default: derived from the threshold, or the index\'s)')
    .option('--rows <n>', 'LSH rows per band (with --bands)')
    .option('--id-field <name>', 'JSONL field holding the article id', DEFAULT_OPTIONS.read.idField)
    .option('--text-field <name>', 'JSONL field holding the article text', DEFAULT_OPTIONS.read.textField)
    .option('--date-field <name>', 'JSONL field holding the publication date', DEFAULT_OPTIONS.read.dateField);
}

/** `neardup index add|stats|remove|vacuum`. */
export function indexCommand(context: CliContext, done: Done): Command {
  const index = new Command('index').description('keep a persistent index of articles to check new ones against (see "check")');
  index.configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) }).exitOverride();

  const add = pipelineOptions(
    new Command('add')
      .description('add articles to the index (created if missing); unchanged articles are skipped, changed ones replaced')
      .argument('<paths...>', 'files or folders to read: .txt .md .text (one article each), .jsonl .ndjson (one per line), - for stdin')
      .addOption(dbOption())
      .addOption(new Option('--metric <metric>', 'metric the LSH banding is tuned to (when creating the index)').choices(['containment', 'jaccard']))
      .option('--threshold <number>', `threshold the LSH banding is tuned to (when creating; default ${DEFAULT_THRESHOLD.containment} for containment)`),
  )
    .option('--no-rewrites', 'when creating the index, leave out the content-stem bands that find re-worded copies (a smaller, faster index)')
    .option('--batch-size <n>', 'articles written per transaction', String(DEFAULT_BATCH_SIZE))
    .addOption(formatOption())
    .action(async (paths: string[], raw: RawIndexOptions) => done(await runAdd(paths, raw, context)));
  index.addCommand(common(add, context));

  const stats = new Command('stats')
    .description('what the index holds, its parameters and its size')
    .addOption(dbOption())
    .addOption(formatOption())
    .option('--integrity', 'also run SQLite\'s integrity check over the whole file (exit 4 if it fails)', false)
    .action(async (raw: RawIndexOptions) => done(await runStats(raw, context)));
  index.addCommand(common(stats, context));

  const remove = new Command('remove')
    .description('remove articles from the index by id, or all those read from a file or folder')
    .argument('[ids...]', 'article ids, as check and scan report them')
    .addOption(dbOption())
    .option('--source <path...>', 'remove every article indexed from this file, or from files under this folder')
    .addOption(formatOption())
    .action(async (ids: string[], raw: RawIndexOptions) => done(await runRemove(ids, raw, context)));
  index.addCommand(common(remove, context));

  const vacuum = new Command('vacuum')
    .description('give back the space of removed and replaced articles, and fold the write-ahead log into the file')
    .addOption(dbOption())
    .action(async (raw: RawIndexOptions) => done(await runVacuum(raw, context)));
  index.addCommand(common(vacuum, context));
  return index;
}

/** `neardup check <paths...> --db FILE`. */
export function checkCommand(context: CliContext, done: Done): Command {
  const check = pipelineOptions(
    new Command('check')
      .description('for each article read, the indexed articles it copies, with the figures and divergence scan reports')
      .argument('<paths...>', 'files or folders to read: .txt .md .text (one article each), .jsonl .ndjson (one per line), - for stdin')
      .addOption(dbOption())
      .addOption(formatOption())
      .addOption(new Option('--metric <metric>', "how copies are measured (default: the index's)").choices(['containment', 'jaccard']))
      .option('--threshold <number>', "a copy when the metric reaches this (default: the index's)")
      .option('--no-rewrites', 'do not link re-worded copies by aligning their sentences')
      .option('--rewrite-threshold <number>', "share of the shorter article's sentences that must align, in order, for a rewrite", String(DEFAULT_OPTIONS.rewriteThreshold))
      .option('--min-aligned <n>', 'fewest aligned sentences for a rewrite', String(DEFAULT_OPTIONS.minAlignedSentences))
      .option('--fail-on-duplicates', 'exit with 1 when any article copies an indexed one (for CI)', false)
      .option('--no-color', 'no colour in the table (also NO_COLOR=1)'),
  ).action(async (paths: string[], raw: RawIndexOptions) => done(await runCheck(paths, raw, context)));
  return common(check, context);
}
