import { Command, Option } from 'commander';
import { NoInputError, UsageError } from '../errors.js';
import { type FileSystem, nodeFileSystem } from '../input/file-system.js';
import { ArticleNotes, DEFAULT_MAX_ARTICLE_BYTES, placeOf, type ReadOptions, readInputs, type SourceDocument } from '../input/read.js';
import { safeText } from '../report/render/safe-text.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD } from '../options.js';
import { compareArticles } from '../report/compare-report.js';
import { colorEnabled, palette } from '../report/render/color.js';
import { compareReporters } from '../report/render/index.js';
import { blamingConfig, loadConfig, withConfig } from './config.js';
import { type CliContext, warner } from './context.js';
import { ExitCode, type ExitCodeValue, exitCodesHelp } from './exit-codes.js';
import { withRecordFieldOptions, withRewriteOptions } from './option-groups.js';
import { type RawScanOptions, resolveOptions } from './options.js';

type Done = (code: ExitCodeValue) => void;

type RawCompareOptions = RawScanOptions & { idA?: string; idB?: string; config?: string };

/**
 * The one article `path` holds, or the one of id `id` among those it holds, read as scan reads its inputs. `name` (A or
 * B) and `flag` (--id-a, --id-b) are for messages.
 */
async function readArticle(path: string, id: string | undefined, name: string, flag: string, fs: FileSystem, read: ReadOptions): Promise<SourceDocument> {
  let found: SourceDocument | undefined;
  let count = 0;
  const skipped: string[] = [];
  for await (const event of readInputs([path], fs, read)) {
    if (event.kind === 'skipped') skipped.push(event.skipped.path === path ? event.skipped.reason : `${event.skipped.path}: ${event.skipped.reason}`);
    if (event.kind !== 'document' || (id !== undefined && event.document.id !== id)) continue;
    found ??= event.document;
    count++;
  }
  // Of several records of one id, the first is the article, as scan keeps it (and skips the others as duplicate ids).
  if (found && (count === 1 || id !== undefined)) return found;
  if (found) throw new NoInputError(`${name}, ${path}: holds ${count} articles; name the one to compare with ${flag}`);
  const why = skipped.length === 0 ? '' : `: ${skipped.slice(0, 3).join('; ')}${skipped.length > 3 ? ` (and ${skipped.length - 3} more)` : ''}`;
  if (id === undefined) throw new NoInputError(`${name}, ${path}: no readable article${why || ' in it'}`);
  throw new NoInputError(`${name}, ${path}: no article of id "${id}"${why ? ` (skipped${why})` : ''}`);
}

async function runCompare(a: string, b: string, raw: RawCompareOptions, context: CliContext): Promise<ExitCodeValue> {
  const format = raw.format ?? 'table';
  if (!Object.hasOwn(compareReporters, format)) throw new UsageError(`--format takes ${Object.keys(compareReporters).join(', ')}, got "${format}"`);
  for (const [flag, id] of [['--id-a', raw.idA], ['--id-b', raw.idB]] as const) if (id !== undefined && id === '') throw new UsageError(`${flag} needs an article id`);
  const { scan: options } = resolveOptions([a, b], { ...raw, format: 'table' }, context.cwd);
  const fs = nodeFileSystem(context.stdin);
  const [pathA, pathB] = options.paths as [string, string];
  const articleA = await readArticle(pathA, raw.idA, 'A', '--id-a', fs, options.read);
  const articleB = await readArticle(pathB, raw.idB, 'B', '--id-b', fs, options.read);
  // What reading each side noted (a page read as all its visible text, a date field not read) explains its figures.
  // One article compared with itself is noted once.
  const same = placeOf(articleA) === placeOf(articleB);
  for (const [name, article] of same ? ([['A and B', articleA]] as const) : ([['A', articleA], ['B', articleB]] as const)) {
    for (const { note } of new ArticleNotes().of(article, article)) context.stderr.write(`neardup: ${name}, ${safeText(placeOf(article))}: ${safeText(note)}\n`);
  }
  const report = compareArticles(articleA, articleB, options);
  // As a scan skips it: an article without a word has no figure to give (its empty shingle set would "estimate" 1).
  for (const [name, article, words] of [['A', articleA, report.a.words], ['B', articleB, report.b.words]] as const) {
    if (words === 0) throw new NoInputError(`${name}, ${placeOf(article)}: no words to compare`);
  }
  const colors = palette(format === 'table' && colorEnabled(raw.color ?? true, context.env, context.stdout.isTTY === true));
  context.stdout.write(compareReporters[format as keyof typeof compareReporters](report, colors));
  return ExitCode.ok;
}

/** `neardup compare A B`. */
export function compareCommand(context: CliContext, done: Done): Command {
  const command = new Command('compare')
    .description('every figure for one pair of articles: shingle similarity, containment both ways, the sentences of A derived from B, and the relation a scan gives A with B as its canonical')
    .argument('<a>', 'the article judged as the member: a text, Markdown or HTML file, or a JSONL file or folder with --id-a')
    .argument('<b>', 'the article taken as its canonical: as A, with --id-b')
    .option('--id-a <id>', 'the article of A to compare, by its id as scan reports it, where A holds more than one (a JSONL file, a folder)')
    .option('--id-b <id>', 'the article of B to compare, by id')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(compareReporters)).default('table'))
    .addOption(new Option('--metric <metric>', 'how copies are measured on shingles').choices(['containment', 'jaccard']).default(DEFAULT_OPTIONS.metric))
    .option('--threshold <number>', `copies when the metric reaches this (default ${DEFAULT_THRESHOLD.containment} for containment, ${DEFAULT_THRESHOLD.jaccard} for jaccard)`);
  withRewriteOptions(command)
    .option('--shingle-size <n>', 'words per shingle', String(DEFAULT_OPTIONS.shingleSize))
    .option('--num-perm <n>', 'MinHash permutations of the estimate', String(DEFAULT_OPTIONS.numPerm))
    .option('--seed <n>', 'MinHash seed of the estimate', String(DEFAULT_OPTIONS.seed))
    .option('--within <days>', 'never link dated articles published more than this many days apart (default: no limit; rewrites 7 days)');
  return withRecordFieldOptions(command)
    .option('--max-article-bytes <n>', 'refuse an article larger than this many bytes', String(DEFAULT_MAX_ARTICLE_BYTES))
    .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
    .option('--config <file>', "read the scan's settings from this JSON file (default: the nearest neardup.config.json, .neardup.json or package.json \"neardup\" key); flags win")
    .option('--debug', 'show stack traces of unexpected errors', false)
    .addHelpText('after', exitCodesHelp([ExitCode.ok, ExitCode.usage, ExitCode.internal, ExitCode.input]))
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) })
    .exitOverride()
    .action(async (a: string, b: string, raw: RawCompareOptions, command: Command) => {
      const config = loadConfig(context.cwd, raw.config, warner({}, context));
      // The config's settings that change the figures; its format and output are the scan's.
      const { format: _format, output: _output, ...values } = config.values;
      const figures = { ...config, values };
      done(await blamingConfig(command, figures, 'scan', () => runCompare(a, b, withConfig(raw, command, figures, 'scan'), context)));
    });
}
