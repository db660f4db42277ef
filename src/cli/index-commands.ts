import { Command, Option } from 'commander';
import { DEFAULT_BATCH_SIZE } from '../corpus/add.js';
import { DEFAULT_OPTIONS, DEFAULT_THRESHOLD } from '../options.js';
import { blamingConfig, loadConfig, withConfig } from './config.js';
import { type CliContext, warner } from './context.js';
import { ExitCode, type ExitCodeValue, exitCodesHelp } from './exit-codes.js';
import { type RawIndexOptions, type ReportWriter, runAdd, runCheck, runRemove, runStats, runVacuum } from './index-actions.js';
import { checkReporters } from '../report/render/index.js';
import { withRecordFieldOptions, withRewriteOptions } from './option-groups.js';

type Done = (code: ExitCodeValue) => void;

/** The exit codes of commands that read articles, and of those that only open the index. */
const READING_EXIT_CODES = [ExitCode.ok, ExitCode.usage, ExitCode.internal, ExitCode.index, ExitCode.input];
const INDEX_EXIT_CODES = [ExitCode.ok, ExitCode.usage, ExitCode.internal, ExitCode.index];

const dbOption = () => new Option('--db <file|url>', 'the index: an SQLite file (e.g. corpus.neardup.db) or a PostgreSQL server (postgres://user@host/db); default $NEARDUP_DB');
const formatOption = () => new Option('--format <format>', 'output format').choices(['table', 'json']).default('table');

/** Options every index command has. */
function common(command: Command, context: CliContext, exitCodes: readonly ExitCodeValue[]): Command {
  return command
    .option('-q, --quiet', 'no warnings on stderr', false)
    .option('--debug', 'show stack traces of unexpected errors', false)
    .addHelpText('after', exitCodesHelp(exitCodes))
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) })
    .exitOverride();
}

/** The reading and hashing options shared by `index add` and `check`. */
function pipelineOptions(command: Command): Command {
  return withRecordFieldOptions(command)
    .option('--shingle-size <n>', `words per shingle (default ${DEFAULT_OPTIONS.shingleSize}, or the index's)`)
    .option('--num-perm <n>', `MinHash permutations (default ${DEFAULT_OPTIONS.numPerm}, or the index's)`)
    .option('--seed <n>', `MinHash seed (default ${DEFAULT_OPTIONS.seed}, or the index's)`)
    .option('--bands <n>', 'LSH bands (with --rows; default: derived from the threshold, or the index\'s)')
    .option('--rows <n>', 'LSH rows per band (with --bands)');
}

/** `neardup index add|stats|remove|vacuum`. */
export function indexCommand(context: CliContext, done: Done): Command {
  const index = new Command('index').description('keep a persistent index of articles to check new ones against (see "check")');
  index.configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) }).exitOverride();

  const add = pipelineOptions(
    new Command('add')
      .description('add articles to the index (created if missing); unchanged articles are skipped, changed ones replaced')
      .argument('<paths...>', 'files or folders to read: .txt .md .text .html .htm (one article each), .jsonl .ndjson (one per line), - for stdin')
      .addOption(dbOption())
      .addOption(new Option('--metric <metric>', 'metric the LSH banding is tuned to (when creating the index)').choices(['containment', 'jaccard']))
      .option('--threshold <number>', `threshold the LSH banding is tuned to (when creating; default ${DEFAULT_THRESHOLD.containment} for containment)`),
  )
    .option('--no-rewrites', 'when creating the index, leave out the content-stem bands that find re-worded copies (a smaller, faster index)')
    .option('--batch-size <n>', 'articles written per transaction', String(DEFAULT_BATCH_SIZE))
    .option('--store-text', 'when creating an SQLite index, keep each article\'s text in it (compressed), so check needs no original file (always on for PostgreSQL)')
    .addOption(formatOption())
    .action(async (paths: string[], raw: RawIndexOptions) => done(await runAdd(paths, raw, context)));
  index.addCommand(common(add, context, READING_EXIT_CODES));

  const stats = new Command('stats')
    .description('what the index holds, its parameters and its size')
    .addOption(dbOption())
    .addOption(formatOption())
    .option('--integrity', 'also check the whole index: SQLite\'s integrity check, or band rows against documents on PostgreSQL (exit 4 if it fails)', false)
    .action(async (raw: RawIndexOptions) => done(await runStats(raw, context)));
  index.addCommand(common(stats, context, INDEX_EXIT_CODES));

  const remove = new Command('remove')
    .description('remove articles from the index by id, or all those read from a file or folder')
    .argument('[ids...]', 'article ids, as check and scan report them')
    .addOption(dbOption())
    .option('--source <path...>', 'remove every article indexed from this file, or from files under this folder')
    .addOption(formatOption())
    .action(async (ids: string[], raw: RawIndexOptions) => done(await runRemove(ids, raw, context)));
  index.addCommand(common(remove, context, INDEX_EXIT_CODES));

  const vacuum = new Command('vacuum')
    .description('give back the space of removed and replaced articles, and fold the write-ahead log into the file')
    .addOption(dbOption())
    .action(async (raw: RawIndexOptions) => done(await runVacuum(raw, context)));
  index.addCommand(common(vacuum, context, INDEX_EXIT_CODES));
  return index;
}

/** `neardup check <paths...> --db FILE`. */
export function checkCommand(context: CliContext, done: Done, writeReport: ReportWriter): Command {
  const check = pipelineOptions(
    withRewriteOptions(
      new Command('check')
        .description('for each article read, the indexed articles it copies, with the figures and divergence scan reports')
        .argument('<paths...>', 'files or folders to read: .txt .md .text .html .htm (one article each), .jsonl .ndjson (one per line), - for stdin')
        .addOption(dbOption().makeOptionMandatory(false))
        .addOption(new Option('--format <format>', 'output format (html: a review page to open in a browser, best with -o)').choices(Object.keys(checkReporters)).default('table'))
        .option('-o, --output <file>', 'write the report to this file instead of stdout')
        .addOption(new Option('--metric <metric>', "how copies are measured (default: the index's)").choices(['containment', 'jaccard']))
        .option('--threshold <number>', "a copy when the metric reaches this (default: the index's)"),
    )
      .option('--fail-on-duplicates', 'exit with 1 when any article copies an indexed one (for CI)', false)
      .option('--no-fail-on-duplicates', 'exit with 0 whatever is found (overrides "failOnDuplicates": true in a config file)')
      .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
      .option('--config <file>', 'read settings from this JSON file (default: the nearest neardup.config.json, .neardup.json or package.json "neardup" key); flags win'),
  ).action(async (paths: string[], raw: RawIndexOptions & { config?: string }, command: Command) => {
    const config = loadConfig(context.cwd, raw.config, warner(raw, context));
    done(await blamingConfig(command, config, 'check', () => runCheck(paths, withConfig(raw, command, config, 'check'), context, writeReport)));
  });
  return common(check, context, [ExitCode.ok, ExitCode.duplicatesFound, ...READING_EXIT_CODES.slice(1)]);
}
