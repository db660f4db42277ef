import { realpathSync } from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { assertSameParams, type Baseline, baselineFromReport, type BaselineComparison, compareWithBaseline, parseBaseline, serializeBaseline } from '../report/baseline.js';
import { BaselineError, UsageError } from '../errors.js';
import { nodeFileSystem } from '../input/file-system.js';
import { isArticleFile } from '../input/read.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD } from '../options.js';
import { buildReport } from '../report/scan-report.js';
import { colorEnabled, palette } from '../report/render/color.js';
import { reporters } from '../report/render/index.js';
import { indexParams } from '../corpus/corpus-index.js';
import type { SkippedInput } from '../input/read.js';
import { type ArticleNote, scan, type ScanResult, type ScanStage } from '../scan/scan.js';
import type { CliContext } from './context.js';
import { ProgressLine, showProgress } from './progress.js';
import { ExitCode, type ExitCodeValue, exitCodeFor } from './exit-codes.js';
import { checkCommand, indexCommand, indexLocation, openIndex } from './index-commands.js';
import { type CliOptions, DEFAULT_JOBS, type RawScanOptions, resolveOptions } from './options.js';

export type { CliContext } from './context.js';

export const VERSION = '0.1.0';

const sameFile = (a: string, b: string) => {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
};

/** Whether writing to `output` would overwrite an input: a file named as input, or an article file inside an input folder. */
function isInput(output: string, paths: readonly string[], cwd: string): boolean {
  const target = resolve(cwd, output);
  return paths.some((p) => {
    if (p === '-') return false;
    const input = resolve(cwd, p);
    if (sameFile(input, target)) return true;
    const inside = target.startsWith(`${input}/`) || sameFile(dirname(target), input);
    return inside && isArticleFile(target);
  });
}

/**
 * Writes the report next to its destination first, then renames it in place, so a failed run never leaves half a file.
 * The text may come in pieces (a large JSON report does), written one after another.
 */
async function writeAtomically(path: string, text: string | Iterable<string>): Promise<void> {
  const temp = resolve(dirname(path), `.${process.pid}.neardup-${Date.now()}.tmp`);
  try {
    if (typeof text === 'string') await writeFile(temp, text, { flag: 'wx' });
    else {
      const file = await open(temp, 'wx');
      try {
        for (const piece of text) await file.write(piece);
      } finally {
        await file.close();
      }
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Reads and checks the --baseline file; every failure is a BaselineError naming the file. */
async function readBaseline(file: string, cwd: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file (record one with --write-baseline)' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new BaselineError(file, `cannot read baseline ${file}: ${why}`);
  }
  return parseBaseline(text, file);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const LISTED_CLUSTERS = 10;

/** One stderr line: `baseline: 4 known duplicates, 1 new (cluster 2: a.txt)`. */
function baselineSummary(c: BaselineComparison): string {
  const withNew = c.clusters.filter((k) => k.newMembers.length > 0);
  const listed = withNew.slice(0, LISTED_CLUSTERS).map((k) => `cluster ${k.cluster}: ${k.newMembers.join(', ')}`);
  if (withNew.length > LISTED_CLUSTERS) listed.push(`${withNew.length - LISTED_CLUSTERS} more clusters`);
  const fresh = c.newDuplicates === 0 ? 'no new ones' : `${c.newDuplicates} new (${listed.join('; ')})`;
  const resolved = c.resolved.length === 0 ? '' : `; ${plural(c.resolved.length, 'baseline cluster')} no longer found`;
  return `baseline: ${plural(c.knownDuplicates, 'known duplicate')}, ${fresh}${resolved}`;
}

async function runScan(paths: string[], options: CliOptions, context: CliContext): Promise<ExitCodeValue> {
  const progress = showProgress(context.stderr, context.env, options.quiet) ? new ProgressLine(context.stderr) : undefined;
  const warn = (line: string) => {
    progress?.clear();
    if (!options.quiet) context.stderr.write(`neardup: ${line}\n`);
  };
  if (options.output !== undefined && isInput(options.output, paths, context.cwd)) {
    throw new UsageError(`--output ${options.output} is one of the inputs; refusing to overwrite it`);
  }
  if (options.writeBaseline !== undefined) {
    if (isInput(options.writeBaseline, paths, context.cwd)) {
      throw new UsageError(`--write-baseline ${options.writeBaseline} is one of the inputs; refusing to overwrite it`);
    }
    if (options.output !== undefined && sameFile(resolve(context.cwd, options.output), resolve(context.cwd, options.writeBaseline))) {
      throw new UsageError('--output and --write-baseline name the same file');
    }
  }
  // Read and check the baseline before the scan, so a bad one fails fast.
  let baseline: { file: string; accepted: Baseline } | undefined;
  if (options.baseline !== undefined) {
    baseline = { file: options.baseline, accepted: await readBaseline(options.baseline, context.cwd) };
    assertSameParams(baseline.accepted, options.scan, baseline.file);
  }
  const observer = {
    skipped: (s: SkippedInput) => warn(`skipped ${s.path}: ${s.reason}`),
    note: (n: ArticleNote) => warn(`${n.path}: ${n.note}`),
    ...(progress ? { progress: (stage: ScanStage, done: number, total?: number) => progress.update(stage, done, total) } : {}),
  };
  const fs = nodeFileSystem(context.stdin);
  let result: ScanResult;
  if (options.db === undefined) result = await scan(options.scan, fs, observer);
  else {
    // The index's banding is its own: the scan derives its band keys from the stored signatures.
    const { seed, numPerm, shingleSize } = options.scan;
    const store = openIndex(resolve(context.cwd, options.db), { create: indexParams(options.scan), require: { seed, numPerm, shingleSize } });
    try {
      result = await scan(options.scan, fs, observer, { store, locate: indexLocation(context.cwd, options.scan.read.textField) });
    } finally {
      store.close();
    }
    const kept = result.keptFingerprints!;
    warn(`fingerprints of ${plural(kept.reused, 'article')} reused from ${options.db}, ${kept.stored} computed and stored`);
  }
  progress?.clear();
  const built = buildReport(result);
  const comparison = baseline && compareWithBaseline(built, baseline.accepted);
  const report = baseline && comparison ? { ...built, baseline: { file: baseline.file, ...comparison } } : built;
  const toTerminal = options.output === undefined && context.stdout.isTTY === true;
  const colors = palette(options.format === 'table' && colorEnabled(options.color, context.env, toTerminal));
  const pieces = reporters[options.format](report, colors);
  // Piece by piece: on Linux writes to a file or pipe on stdout are synchronous, so no piece waits in memory.
  if (options.output === undefined) for (const piece of pieces) context.stdout.write(piece);
  else {
    await writeAtomically(resolve(context.cwd, options.output), pieces);
    warn(`report written to ${options.output}`);
  }
  if (options.writeBaseline !== undefined) {
    await writeAtomically(resolve(context.cwd, options.writeBaseline), serializeBaseline(baselineFromReport(report)));
    warn(`baseline of ${plural(report.clusters.length, 'cluster')} written to ${options.writeBaseline}`);
  }
  if (comparison) warn(baselineSummary(comparison));
  const failing = comparison ? comparison.newDuplicates : report.summary.duplicates;
  return options.failOnDuplicates && failing > 0 ? ExitCode.duplicatesFound : ExitCode.ok;
}

function buildProgram(context: CliContext, done: (code: ExitCodeValue) => void): Command {
  const program = new Command('neardup')
    .description('Find near-duplicate articles: group the copies of each story, pick the canonical text, report how each copy diverges.')
    .version(VERSION)
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) })
    .exitOverride();

  const scanCommand = new Command('scan')
    .description('scan files, folders (recursively) or - (JSONL on stdin) for near-duplicate articles')
    .argument('<paths...>', 'files or folders to read: .txt .md .text .html .htm (one article each), .jsonl .ndjson (one per line), - for stdin')
    .addOption(new Option('--format <format>', 'report format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .addOption(new Option('--metric <metric>', 'how copies are measured on 5-word shingles').choices(['containment', 'jaccard']).default(DEFAULT_OPTIONS.metric))
    .option('--threshold <number>', `link two articles when the metric reaches this (default ${DEFAULT_THRESHOLD.containment} for containment, ${DEFAULT_THRESHOLD.jaccard} for jaccard)`)
    .option('--no-rewrites', 'do not link re-worded copies by aligning their sentences')
    .option('--rewrite-threshold <number>', "share of a member's sentences that must derive from the canonical's for a rewrite", String(DEFAULT_OPTIONS.rewriteThreshold))
    .option('--min-aligned <n>', "fewest derived sentences for a rewrite (all of a member with fewer)", String(DEFAULT_OPTIONS.minAlignedSentences))
    .option('--shingle-size <n>', 'words per shingle', String(DEFAULT_OPTIONS.shingleSize))
    .option('--num-perm <n>', 'MinHash permutations', String(DEFAULT_OPTIONS.numPerm))
    .option('--seed <n>', 'MinHash seed', String(DEFAULT_OPTIONS.seed))
    .option('--bands <n>', 'LSH bands (with --rows; default: derived from the threshold)')
    .option('--rows <n>', 'LSH rows per band (with --bands)')
    .option('--id-field <name>', 'JSONL field holding the article id', DEFAULT_OPTIONS.read.idField)
    .option('--text-field <name>', 'JSONL field holding the article text', DEFAULT_OPTIONS.read.textField)
    .option('--date-field <name>', 'JSONL field holding the publication date', DEFAULT_OPTIONS.read.dateField)
    .option('--html-field <name>', 'JSONL field holding the page HTML, read where the text field is absent', DEFAULT_OPTIONS.read.htmlField)
    .option('--prefer <pattern...>', 'sources that win as canonical: a glob (* and ?) or substring of the id or path, e.g. "*afp.com*" (default: none)')
    .option('--boilerplate-min-docs <n>', 'learn a line as site boilerplate when this many articles that are not otherwise copies hold it', String(DEFAULT_OPTIONS.boilerplateMinDocuments))
    .option('--no-boilerplate', 'learn no boilerplate: compare every line')
    .option('--within <days>', 'never link dated copies published more than this many days apart (default: no limit)')
    .option('--db <file>', 'reuse the fingerprints an index holds for unchanged articles, and store the others there (created if missing; see "neardup index")')
    .option('-j, --jobs <n>', `threads that read and fingerprint the input and cluster the linked groups (up to one per core); the result is the same for any number (default: ${DEFAULT_JOBS})`)
    .option('--fail-on-duplicates', 'exit with 1 when any duplicates are found (for CI); with --baseline, only duplicates the baseline does not accept', false)
    .option('--baseline <file>', 'accept the clusters recorded in this baseline file: report which duplicates are new (default: none)')
    .option('--write-baseline <file>', 'record the clusters found in this file, as the baseline for later runs (default: none)')
    .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
    .option('-q, --quiet', 'no warnings and no progress line on stderr (progress shows only on a terminal, never with CI set)', false)
    .option('--debug', 'show stack traces of unexpected errors', false)
    .addHelpText(
      'after',
      '\nExit codes: 0 ran fine, 1 duplicates found with --fail-on-duplicates (with --baseline: new ones only), 2 usage error, 3 unexpected error, ' +
        '5 input error: no readable article in the inputs, or a --baseline file that is missing, unreadable, not a baseline or made with other parameters.',
    )
    .action(async (paths: string[], raw: RawScanOptions) => {
      done(await runScan(paths, resolveOptions(paths, raw), context));
    });
  scanCommand.configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) }).exitOverride();
  program.addCommand(scanCommand, { isDefault: true });
  program.addCommand(indexCommand(context, done));
  program.addCommand(checkCommand(context, done));
  return program;
}

/** Runs the CLI on argv (without the node and script entries) and returns the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCodeValue> {
  let code: ExitCodeValue = ExitCode.ok;
  const program = buildProgram(context, (c) => (code = c));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; help and version are not errors.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const exit = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`neardup: ${exit === ExitCode.internal ? 'error: ' : ''}${message}\n`);
    if (debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    else if (exit === ExitCode.internal) context.stderr.write('neardup: run again with --debug for the stack trace\n');
    return exit;
  }
}
