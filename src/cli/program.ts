import { realpathSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { nodeFileSystem } from '../io.js';
import { isArticleFile } from '../read.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD } from '../options.js';
import { buildReport } from '../report.js';
import { colorEnabled, palette } from '../reporters/color.js';
import { reporters } from '../reporters/index.js';
import { scan } from '../scan.js';
import { ExitCode, type ExitCodeValue, exitCodeFor } from './exit-codes.js';
import { checkCommand, indexCommand } from './index-commands.js';
import { type CliOptions, type RawScanOptions, resolveOptions } from './options.js';

/** What the CLI needs from its surroundings, injected so tests can run it in-process. */
export interface CliContext {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

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

/** Writes the report next to its destination first, then renames it in place, so a failed run never leaves half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = resolve(dirname(path), `.${process.pid}.neardup-${Date.now()}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function runScan(paths: string[], options: CliOptions, context: CliContext): Promise<ExitCodeValue> {
  const warn = (line: string) => {
    if (!options.quiet) context.stderr.write(`neardup: ${line}\n`);
  };
  if (options.output !== undefined && isInput(options.output, paths, context.cwd)) {
    throw new UsageError(`--output ${options.output} is one of the inputs; refusing to overwrite it`);
  }
  const result = await scan(options.scan, nodeFileSystem(context.stdin), {
    skipped: (s) => warn(`skipped ${s.path}: ${s.reason}`),
    note: (n) => warn(`${n.path}: ${n.note}`),
  });
  const report = buildReport(result);
  const toTerminal = options.output === undefined && context.stdout.isTTY === true;
  const colors = palette(options.format === 'table' && colorEnabled(options.color, context.env, toTerminal));
  const text = reporters[options.format](report, colors);
  if (options.output === undefined) context.stdout.write(text);
  else {
    await writeAtomically(resolve(context.cwd, options.output), text);
    warn(`report written to ${options.output}`);
  }
  return options.failOnDuplicates && report.summary.duplicates > 0 ? ExitCode.duplicatesFound : ExitCode.ok;
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
    .option('--rewrite-threshold <number>', 'share of the shorter article\'s sentences that must align, in order, for a rewrite', String(DEFAULT_OPTIONS.rewriteThreshold))
    .option('--min-aligned <n>', 'fewest aligned sentences for a rewrite', String(DEFAULT_OPTIONS.minAlignedSentences))
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
    .option('--within <days>', 'never link dated copies published more than this many days apart (default: no limit)')
    .option('--fail-on-duplicates', 'exit with 1 when any duplicates are found (for CI)', false)
    .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
    .option('-q, --quiet', 'no warnings on stderr', false)
    .option('--debug', 'show stack traces of unexpected errors', false)
    .addHelpText('after', '\nExit codes: 0 ran fine, 1 duplicates found with --fail-on-duplicates, 2 usage error or no readable input, 3 unexpected error.')
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
