/** What the index commands and `check` do once commander has parsed them: resolve options, call the library, render. */
import { resolve } from 'node:path';
import { addToIndex, DEFAULT_BATCH_SIZE } from '../corpus/add.js';
import { checkAgainstIndex, type CheckResult, type OriginalReader } from '../corpus/check.js';
import { indexBytes, indexStats, removeFromIndex } from '../corpus/maintain.js';
import { indexLocation, indexName, openIndex } from '../corpus/open.js';
import { indexParams } from '../corpus/params.js';
import { nodeOriginalReader } from '../corpus/store/originals.js';
import type { OpenedStore } from '../corpus/store/open.js';
import { isPostgresUrl } from '../corpus/store/postgres.js';
import type { IndexParams } from '../corpus/store/store.js';
import { IndexError, NoInputError, UsageError } from '../errors.js';
import { nodeFileSystem } from '../input/file-system.js';
import { readInputs } from '../input/read.js';
import type { ScanOptions } from '../options.js';
import { buildCheckReport } from '../report/check-report.js';
import { checkPageTexts } from '../report/article-texts.js';
import { buildAddReport, buildRemoveReport, buildStatsReport } from '../report/index-report.js';
import { colorEnabled, palette } from '../report/render/color.js';
import { checkReporters, indexReporters, renderVacuum } from '../report/render/index.js';
import { lshThreshold, scanBandings } from '../sketch/lsh.js';
import { type CliContext, warner } from './context.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { type RawScanOptions, resolveOptions } from './options.js';
import { assertWritable, onInterrupt, refuseOverwritingReads } from './output-file.js';
import { SkipWarnings } from './skip-warnings.js';

/** Commander's values for the index commands: strings and booleans, nothing checked. */
export interface RawIndexOptions extends RawScanOptions {
  db?: string;
  batchSize?: string;
  integrity?: boolean;
  source?: string[];
  storeText?: boolean;
}

/** The index: --db, else NEARDUP_DB; a postgres:// URL as given, a file resolved against the working directory. */
function dbPath(raw: RawIndexOptions, context: CliContext): string {
  const db = raw.db ?? context.env.NEARDUP_DB;
  if (db === undefined || db.trim() === '') throw new UsageError('--db needs the index file or server, e.g. --db corpus.neardup.db or --db postgres://host/db (or set NEARDUP_DB)');
  return isPostgresUrl(db) ? db : resolve(context.cwd, db);
}

function format(raw: RawIndexOptions): 'table' | 'json' {
  const f = raw.format ?? 'table';
  if (f !== 'table' && f !== 'json') throw new UsageError(`--format takes table or json, got "${f}"`);
  return f;
}

/**
 * Binding params the user set explicitly (the rest come from the index, or from defaults when it is created). A
 * threshold or metric binds the banding only where it builds one (index add); check measures with the index's bands.
 */
function explicitParams(raw: RawIndexOptions, scan: ScanOptions, thresholdSetsBands = true): Partial<IndexParams> {
  const out: { -readonly [K in keyof IndexParams]?: IndexParams[K] } = {};
  if (raw.seed !== undefined) out.seed = scan.seed;
  if (raw.numPerm !== undefined) out.numPerm = scan.numPerm;
  if (raw.shingleSize !== undefined) out.shingleSize = scan.shingleSize;
  if (raw.bands !== undefined || (thresholdSetsBands && (raw.metric !== undefined || raw.threshold !== undefined))) {
    const { banding } = scanBandings(scan);
    out.bands = banding.bands;
    out.rows = banding.rows;
  }
  return out;
}

function withStore<T>(store: OpenedStore, work: (store: OpenedStore) => Promise<T>): Promise<T> {
  return work(store).finally(() => store.close());
}

export async function runAdd(paths: string[], raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const resolved = resolveOptions(paths, raw, context.cwd);
  const out = format(raw);
  const batchSize = raw.batchSize === undefined ? DEFAULT_BATCH_SIZE : Number(raw.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) throw new UsageError(`--batch-size takes a whole number from 1 to 1000000, got "${raw.batchSize}"`);
  const path = dbPath(raw, context);
  const warn = warner(raw, context);
  // A server's index is shared by machines that do not have each other's files: it always keeps the texts.
  const storedText = raw.storeText === true || isPostgresUrl(path);
  const store = await openIndex(path, { create: { ...indexParams(resolved.scan), storedText }, require: explicitParams(raw, resolved.scan, false) });
  // --threshold and --metric choose the bands when an index is made; an index that exists was made for its own.
  const { metric, threshold } = store.params;
  if ((raw.metric !== undefined && resolved.scan.metric !== metric) || (raw.threshold !== undefined && resolved.scan.threshold !== threshold)) {
    await store.close();
    throw new IndexError(
      `${indexName(store)} was built for ${metric} ${threshold}: --metric and --threshold choose an index's bands when it is created; leave them out to add to this index, or build a new one`,
    );
  }
  if (raw.storeText && !store.params.storedText) warn(`${indexName(store)} was created without --store-text: texts are kept only in an index created with it`);
  return withStore(store, async () => {
    const fs = nodeFileSystem(context.stdin);
    const { textField } = resolved.scan.read;
    let stored = 0;
    // Said even with --quiet: the user ended the run and should know what it left.
    const stopWatching = onInterrupt(() =>
      context.stderr.write(`neardup: interrupted: the batches committed before are kept in ${indexName(store)} (${stored} articles added or replaced); run the same command again to add the rest\n`),
    );
    const skips = new SkipWarnings(warn);
    const result = await addToIndex(
      store,
      readInputs(resolved.scan.paths, fs, resolved.scan.read),
      { batchSize, locate: indexLocation(context.cwd, textField) },
      {
        skipped: (s) => skips.skipped(s),
        note: (n) => warn(`${n.path}: ${n.note}`),
        committed: (progress) => {
          stored = progress.added + progress.replaced;
        },
      },
    ).finally(stopWatching);
    skips.finish();
    const documents = await store.count();
    if (result.read === 0) {
      throw new NoInputError(`no readable articles in ${paths.join(', ')}${result.skipped.length ? ` (${result.skipped.length} skipped)` : ''}`);
    }
    context.stdout.write(indexReporters.add[out](buildAddReport(result, documents)));
    return ExitCode.ok;
  });
}

/**
 * Reads the originals of a check's verified matches for its review page: from the texts the index keeps, where it
 * keeps them (as the check itself verified them), else from their files.
 */
async function pageOriginalsReader(store: OpenedStore, result: CheckResult, htmlField: string): Promise<OriginalReader> {
  const files = nodeOriginalReader(nodeFileSystem(), htmlField);
  if (!store.params.storedText) return files;
  const at = (l: { readonly source: string; readonly line?: number | undefined }) => `${l.line ?? ''}:${l.source}`;
  const kept = new Map<string, string>();
  for (const d of result.documents) {
    for (const m of d.matches) {
      if (!m.verified || kept.has(at(m.original))) continue;
      const doc = await store.byId(m.original.id);
      const text = doc && (await store.text(doc.key));
      if (text !== undefined) kept.set(at(m.original), text);
    }
  }
  return {
    read: async (location) => {
      const text = kept.get(at(location));
      return text === undefined ? files.read(location) : { text };
    },
  };
}

/** Writes a report to a file given with -o, the path as the user gave it (the scan's writer, writeOutputFile, so both commands write files alike). */
export type ReportWriter = (path: string, text: string) => Promise<void>;

function checkFormat(raw: RawIndexOptions): keyof typeof checkReporters {
  const f = raw.format ?? 'table';
  if (!Object.hasOwn(checkReporters, f)) throw new UsageError(`--format takes ${Object.keys(checkReporters).join(', ')}, got "${f}"`);
  if (raw.output !== undefined && raw.output.trim() === '') throw new UsageError('--output needs a file name');
  return f as keyof typeof checkReporters;
}

export async function runCheck(paths: string[], raw: RawIndexOptions & { readonly config?: string }, context: CliContext, writeReport: ReportWriter): Promise<ExitCodeValue> {
  const resolved = resolveOptions(paths, raw, context.cwd);
  const path = dbPath(raw, context);
  const warn = warner(raw, context);
  // Checked before the index is read: a long check must not end on a missing folder, nor its report replace what it reads.
  if (raw.output !== undefined) {
    const files = raw.config === undefined ? [] : [{ what: 'config file', path: raw.config }];
    refuseOverwritingReads('--output', raw.output, { inputs: paths, ...(isPostgresUrl(path) ? {} : { index: path }), files }, context.cwd);
    await assertWritable(raw.output, context);
  }
  const store = await openIndex(path, { readonly: true, require: explicitParams(raw, resolved.scan, false) });
  return withStore(store, async () => {
    const p = store.params;
    const metric = raw.metric === undefined && raw.threshold === undefined ? p.metric : resolved.scan.metric;
    const threshold = raw.metric === undefined && raw.threshold === undefined ? p.threshold : resolved.scan.threshold;
    const options: ScanOptions = { ...resolved.scan, seed: p.seed, numPerm: p.numPerm, shingleSize: p.shingleSize, metric, threshold, banding: { bands: p.bands, rows: p.rows } };
    if (lshThreshold(options) < lshThreshold(p) - 1e-9) {
      warn(`the index was tuned to ${p.metric} ${p.threshold}: copies less similar than that may be missed at ${metric} ${threshold}`);
    }
    const f = checkFormat(raw);
    const fs = nodeFileSystem(context.stdin);
    const skips = new SkipWarnings(warn);
    const result = await checkAgainstIndex(
      store,
      readInputs(resolved.scan.paths, fs, options.read),
      nodeOriginalReader(nodeFileSystem(), options.read.htmlField),
      options,
      { skipped: (s) => skips.skipped(s), note: (n) => warn(`${n.path}: ${n.note}`) },
      indexLocation(context.cwd, options.read.textField),
    );
    skips.finish();
    if (result.checked === 0) {
      throw new NoInputError(`no readable articles in ${paths.join(', ')}${result.skipped.length ? ` (${result.skipped.length} skipped)` : ''}`);
    }
    const report = buildCheckReport(result);
    const toStdout = raw.output === undefined || raw.output === '-';
    const colors = palette(f === 'table' && toStdout && colorEnabled(raw.color ?? true, context.env, context.stdout.isTTY === true));
    const texts = f === 'html' ? await checkPageTexts(result, fs, options.read, await pageOriginalsReader(store, result, options.read.htmlField)) : undefined;
    const text = checkReporters[f](report, colors, { ...(texts && { texts }) });
    if (toStdout) context.stdout.write(text);
    else {
      await writeReport(raw.output!, text);
      warn(`report written to ${raw.output}`);
    }
    return raw.failOnDuplicates && report.summary.matches > 0 ? ExitCode.duplicatesFound : ExitCode.ok;
  });
}

export async function runStats(raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const path = dbPath(raw, context);
  const f = format(raw);
  const store = await openIndex(path, { readonly: true });
  return withStore(store, async () => {
    const result = await indexStats(store, { integrity: raw.integrity === true });
    context.stdout.write(indexReporters.stats[f](buildStatsReport(result)));
    const { integrity } = result;
    if (integrity && !(integrity.length === 1 && integrity[0] === 'ok')) throw new IndexError(`${result.path} failed its integrity check`);
    return ExitCode.ok;
  });
}

export async function runRemove(ids: string[], raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const path = dbPath(raw, context);
  const f = format(raw);
  const sources = (raw.source ?? []).map((s) => resolve(context.cwd, s));
  if (ids.length === 0 && sources.length === 0) throw new UsageError('index remove needs article ids, or --source with a file or folder');
  const store = await openIndex(path, {});
  return withStore(store, async () => {
    const result = await removeFromIndex(store, ids, sources);
    for (const id of result.notFound) warner(raw, context)(`not in the index: ${id}`);
    context.stdout.write(indexReporters.remove[f](buildRemoveReport(result)));
    return ExitCode.ok;
  });
}

export async function runVacuum(raw: RawIndexOptions, context: CliContext): Promise<ExitCodeValue> {
  const path = dbPath(raw, context);
  const store = await openIndex(path, {});
  return withStore(store, async () => {
    const total = async () => {
      const bytes = await indexBytes(store);
      return bytes.database + bytes.wal;
    };
    const before = await total();
    await store.compact();
    context.stdout.write(renderVacuum(indexName(store), before, await total()));
    return ExitCode.ok;
  });
}
