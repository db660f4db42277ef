import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { assertSameParams, type Baseline, baselineFromReport, type BaselineComparison, compareWithBaseline, parseBaseline, serializeBaseline } from '../report/baseline.js';
import { BaselineError, NeardupError, OutputError, UsageError } from '../errors.js';
import { nodeFileSystem } from '../input/file-system.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../input/read.js';
import { ignoringFileSystem } from '../input/ignore.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD } from '../options.js';
import { buildReport } from '../report/scan-report.js';
import { colorEnabled, palette } from '../report/render/color.js';
import { NEEDS_TEXTS, reporters } from '../report/render/index.js';
import { safeText } from '../report/render/safe-text.js';
import { scanPageTexts } from '../report/article-texts.js';
import { plural } from '../report/render/words.js';
import { indexLocation, openIndex } from '../corpus/open.js';
import { indexParams } from '../corpus/params.js';
import { isPostgresUrl, redactedUrl } from '../corpus/store/postgres.js';
import type { SkippedInput } from '../input/read.js';
import { type ArticleNote, scan, type ScanResult, type ScanStage } from '../scan/scan.js';
import { type CliContext, warner } from './context.js';
import { blamingConfig, configInReport, loadConfig, withConfig } from './config.js';
import { ProgressLine, showProgress } from './progress.js';
import { ExitCode, type ExitCodeValue, exitCodeFor } from './exit-codes.js';
import { checkCommand, indexCommand } from './index-commands.js';
import { compareCommand } from './compare-command.js';
import { withRecordFieldOptions, withRewriteOptions } from './option-groups.js';
import { assertWritable, refuseOverwritingReads, sameFile, writeOutputFile } from './output-file.js';
import { type CliOptions, DEFAULT_JOBS, type RawScanOptions, resolveOptions } from './options.js';
import { SkipWarnings } from './skip-warnings.js';

export type { CliContext } from './context.js';

import { VERSION } from '../version.js';

/** Commander's parser for an option given once per value: `--prefer a --prefer b` → ['a', 'b']. */
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

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
    if (!options.quiet) context.stderr.write(`neardup: ${safeText(line)}\n`);
  };
  const config = options.config === null ? [] : [{ what: 'config file', path: options.config }];
  const reads = { inputs: paths, ...(options.db === undefined || isPostgresUrl(options.db) ? {} : { index: options.db }), files: config };
  if (options.output !== undefined) {
    const baseline = options.baseline === undefined ? [] : [{ what: 'baseline (--baseline)', path: options.baseline }];
    refuseOverwritingReads('--output', options.output, { ...reads, files: [...baseline, ...config] }, context.cwd);
  }
  if (options.writeBaseline !== undefined) {
    // The baseline read may be written over with the new one: that is how a run accepts what it found.
    refuseOverwritingReads('--write-baseline', options.writeBaseline, reads, context.cwd);
    if (options.writeBaseline === '-' && (options.output === undefined || options.output === '-')) {
      throw new UsageError('--write-baseline - and the report would both go to stdout: write the report elsewhere with -o FILE');
    }
    if (options.output !== undefined && sameFile(resolve(context.cwd, options.output), resolve(context.cwd, options.writeBaseline))) {
      throw new UsageError('--output and --write-baseline name the same file');
    }
  }
  // Where the report and the baseline go is checked before the scan too: a long run must not end on a missing folder.
  if (options.output !== undefined) await assertWritable(options.output, context);
  if (options.writeBaseline !== undefined) await assertWritable(options.writeBaseline, context);
  // Read and check the baseline before the scan, so a bad one fails fast.
  let baseline: { file: string; accepted: Baseline } | undefined;
  if (options.baseline !== undefined) {
    baseline = { file: options.baseline, accepted: await readBaseline(options.baseline, context.cwd) };
    assertSameParams(baseline.accepted, options.scan, baseline.file);
  }
  const skips = new SkipWarnings(warn);
  const observer = {
    skipped: (s: SkippedInput) => skips.skipped(s),
    note: (n: ArticleNote) => warn(`${n.path}: ${n.note}`),
    ...(progress ? { progress: (stage: ScanStage, done: number, total?: number) => progress.update(stage, done, total) } : {}),
  };
  const ignoring = options.ignore.length > 0 || options.gitignore ? ignoringFileSystem(nodeFileSystem(context.stdin), options.scan.paths, { patterns: options.ignore, gitignore: options.gitignore }) : undefined;
  const fs = ignoring?.fs ?? nodeFileSystem(context.stdin);
  let result: ScanResult;
  if (options.db === undefined) result = await scan(options.scan, fs, observer);
  else {
    // The index's banding is its own: the scan derives its band keys from the stored signatures.
    const { seed, numPerm, shingleSize } = options.scan;
    const db = isPostgresUrl(options.db) ? options.db : resolve(context.cwd, options.db);
    const store = await openIndex(db, { create: { ...indexParams(options.scan), storedText: isPostgresUrl(db) }, require: { seed, numPerm, shingleSize } });
    try {
      result = await scan(options.scan, fs, observer, { store, locate: indexLocation(context.cwd, options.scan.read.textField) });
    } finally {
      await store.close();
    }
    const stored = result.storedFingerprints!;
    warn(`fingerprints of ${plural(stored.reused, 'article')} reused from ${isPostgresUrl(db) ? redactedUrl(db) : options.db}, ${stored.stored} computed and stored`);
  }
  progress?.clear();
  skips.finish();
  const built = buildReport(result, { config: options.config, ignoredByPattern: ignoring?.ignored() ?? 0 });
  const comparison = baseline && compareWithBaseline(built, baseline.accepted);
  const report = baseline && comparison ? { ...built, baseline: { file: baseline.file, ...comparison } } : built;
  // Colour only ever goes to stdout (-o - included): FORCE_COLOR forces it on a pipe, never into an --output file.
  const toStdout = options.output === undefined || options.output === '-';
  const toTerminal = toStdout && context.stdout.isTTY === true;
  const colors = palette(options.format === 'table' && toStdout && colorEnabled(options.color, context.env, toTerminal));
  const texts = NEEDS_TEXTS.has(options.format) ? await scanPageTexts(result.clusters, fs, options.scan.read) : undefined;
  const pieces = reporters[options.format](report, colors, { ...(texts && { texts }) });
  // Piece by piece: on Linux writes to a file or pipe on stdout are synchronous, so no piece waits in memory.
  if (toStdout) for (const piece of pieces) context.stdout.write(piece);
  else {
    await writeOutputFile(options.output, pieces, context);
    if (options.output !== '-') warn(`report written to ${options.output}`);
  }
  if (options.writeBaseline !== undefined) {
    await writeOutputFile(options.writeBaseline, serializeBaseline(baselineFromReport(report)), context);
    warn(`baseline of ${plural(report.clusters.length, 'cluster')} written to ${options.writeBaseline}`);
  }
  if (comparison) {
    warn(baselineSummary(comparison));
    // Nothing of the baseline found while clusters were: most likely ids spelled from another folder (ids are paths as given).
    const accepted = baseline!.accepted.clusters;
    if (accepted.length > 0 && comparison.resolved.length === accepted.length && comparison.knownDuplicates === 0 && report.clusters.length > 0) {
      warn(
        `no cluster of the baseline was found: its ids (such as ${accepted[0]!.members[0]}) may name the inputs from another folder than this run's (such as ${report.clusters[0]!.canonical}); ids are paths as given, so run the gate from the folder the baseline was written in`,
      );
    }
  }
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
    .argument('<paths...>', 'files or folders to read: .txt .md .text .html .htm (one article each, also .gz), .jsonl .ndjson (one per line, also .gz), .csv .tsv (one per row, also .gz), .parquet (one per row), - for stdin')
    .addOption(new Option('--format <format>', 'report format: table, json, html (a review page to open in a browser, best with -o), or for CI github (workflow commands), sarif (code scanning), markdown (a PR comment)').choices(Object.keys(reporters)).default('table'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .addOption(new Option('--metric <metric>', 'how copies are measured on 5-word shingles').choices(['containment', 'jaccard']).default(DEFAULT_OPTIONS.metric))
    .option('--threshold <number>', `link two articles when the metric reaches this (default ${DEFAULT_THRESHOLD.containment} for containment, ${DEFAULT_THRESHOLD.jaccard} for jaccard)`);
  withRewriteOptions(scanCommand)
    .option('--shingle-size <n>', 'words per shingle', String(DEFAULT_OPTIONS.shingleSize))
    .option('--num-perm <n>', 'MinHash permutations', String(DEFAULT_OPTIONS.numPerm))
    .option('--seed <n>', 'MinHash seed', String(DEFAULT_OPTIONS.seed))
    .option('--bands <n>', 'LSH bands (with --rows; default: derived from the threshold)')
    .option('--rows <n>', 'LSH rows per band (with --bands)');
  withRecordFieldOptions(scanCommand)
    .option('--max-article-bytes <n>', 'skip, unread, any file or JSONL line larger than this many bytes', String(DEFAULT_MAX_ARTICLE_BYTES))
    .option('--stdin-text', 'read standard input ("-") as one plain-text article instead of JSONL', false)
    .option('--prefer <pattern>', 'a source that wins as canonical: a glob (* and ?) or substring of the id or path, e.g. "*afp.com*"; repeat for more (default: none)', collect)
    .option('--boilerplate-min-docs <n>', 'learn a line as site boilerplate when this many articles that are not otherwise copies hold it', String(DEFAULT_OPTIONS.boilerplateMinDocuments))
    .option('--no-boilerplate', 'learn no boilerplate: compare every line')
    .option('--boilerplate', 'learn boilerplate (the default; overrides "boilerplate": false in a config file)')
    .option('--within <days>', 'never link dated copies published more than this many days apart (default: no limit)')
    .option('--db <file>', 'reuse the fingerprints an index holds for unchanged articles, and store the others there (created if missing; see "neardup index")')
    .option('-j, --jobs <n>', `threads that read and fingerprint the input and cluster the linked groups (up to one per core); the result is the same for any number (default: the cores available, ${DEFAULT_JOBS} here; input under 1 MiB is read on one)`)
    .option('--fail-on-duplicates', 'exit with 1 when any duplicates are found (for CI); with --baseline, only duplicates the baseline does not accept', false)
    .option('--no-fail-on-duplicates', 'exit with 0 whatever is found (overrides "failOnDuplicates": true in a config file)')
    .option('--baseline <file>', 'accept the clusters recorded in this baseline file: report which duplicates are new (default: none)')
    .option('--write-baseline <file>', 'record the clusters found in this file, as the baseline for later runs (default: none)')
    .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
    .option('-q, --quiet', 'no warnings and no progress line on stderr (progress shows only on a terminal, never with CI set)', false)
    .option('--debug', 'show stack traces of unexpected errors', false)
    .addHelpText(
      'after',
      '\nExit codes: 0 ran fine, 1 duplicates found with --fail-on-duplicates (with --baseline: new ones only), 2 usage error, 3 unexpected error, ' +
        '4 the --db index cannot be used (corrupt, foreign, locked, in a missing folder, or built with other parameters), ' +
        '5 input error: no readable article in the inputs, or a --baseline file that is missing, unreadable, not a baseline or made with other parameters.',
    )
    .option('--config <file>', 'read settings from this JSON file (default: neardup.config.json, .neardup.json or a "neardup" key in package.json, here or in a folder above); flags win')
    .option('--ignore <glob>', 'leave out paths under a given folder that match this glob (picomatch, relative to the folder; repeatable)', (glob: string, globs: string[] = []) => [...globs, glob])
    .option('--gitignore', 'also leave out what .gitignore files in the given folders name', false)
    .option('--no-gitignore', 'honour no .gitignore file (overrides "gitignore": true in a config file)')
    .action(async (paths: string[], raw: RawScanOptions & { config?: string }, command: Command) => {
      const config = loadConfig(context.cwd, raw.config, warner(raw, context));
      const options = await blamingConfig(command, config, 'scan', async () => resolveOptions(paths, withConfig(raw, command, config, 'scan'), context.cwd, configInReport(config, context.cwd)));
      done(await runScan(paths, options, context));
    });
  scanCommand.configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) }).exitOverride();
  program.addCommand(scanCommand, { isDefault: true });
  program.addCommand(indexCommand(context, done));
  program.addCommand(checkCommand(context, done, (path, text) => writeOutputFile(path, text, context)));
  program.addCommand(compareCommand(context, done));
  return program;
}

/** Commander's own messages ("error: unknown option") take the prefix every other message has: "neardup: ". */
function prefixErrors(command: Command): void {
  // Commander's own line breaks (before "(Did you mean --threshold?)") stay; a control character from the argument is escaped.
  const lines = (text: string) => text.replace(/^error: /, '').trimEnd().split('\n').map(safeText).join('\n');
  command.configureOutput({ outputError: (text, write) => write(`neardup: ${lines(text)}\n`) });
  for (const sub of command.commands) prefixErrors(sub);
}

/**
 * The command a first argument was probably meant to be: one within two edits of a command name, when the argument
 * is not a file or folder (which the default command, scan, would read). Undefined when it names no such command.
 */
export function mistypedCommand(first: string, commands: readonly string[], cwd: string): string | undefined {
  if (first.startsWith('-') || commands.includes(first) || existsSync(resolve(cwd, first))) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of commands) {
    const distance = editDistance(first.toLowerCase(), name);
    if (distance <= Math.min(2, name.length - 2) && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit ("chekc" → "check"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Runs the CLI on argv (without the node and script entries) and returns the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCodeValue> {
  let code: ExitCodeValue = ExitCode.ok;
  const program = buildProgram(context, (c) => (code = c));
  prefixErrors(program);
  const debug = argv.includes('--debug');
  if (argv.length === 0) {
    context.stderr.write(program.helpInformation());
    return ExitCode.usage;
  }
  try {
    const mistyped = mistypedCommand(argv[0]!, program.commands.map((c) => c.name()), context.cwd);
    if (mistyped !== undefined) throw new UsageError(`"${argv[0]}" is neither a command nor a file or folder: did you mean ${mistyped}?`);
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; help and version are not errors.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const exit = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    // A report that cannot be written says so in its own words (exit 3 all the same): it is no bug.
    const unexpected = exit === ExitCode.internal && !(error instanceof OutputError);
    context.stderr.write(`neardup: ${unexpected ? 'unexpected error: ' : ''}${safeText(message)}\n`);
    if (debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    else if (exit === ExitCode.internal && !(error instanceof NeardupError)) context.stderr.write('neardup: run again with --debug for the stack trace\n');
    return exit;
  }
}
