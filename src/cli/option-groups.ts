/**
 * Options that several commands declare alike, declared once so that their names, defaults and words cannot drift
 * apart: how a JSONL line (CSV row, Parquet record) names its fields, and how re-worded copies are linked.
 */
import type { Command } from 'commander';
import { DEFAULT_OPTIONS } from '../options.js';

/** --id-field, --text-field, --date-field and --html-field. */
export function withRecordFieldOptions(command: Command): Command {
  return command
    .option('--id-field <name>', 'JSONL field (CSV, Parquet column) holding the article id', DEFAULT_OPTIONS.read.idField)
    .option('--text-field <name>', 'JSONL field (CSV, Parquet column) holding the article text', DEFAULT_OPTIONS.read.textField)
    .option('--date-field <name>', 'JSONL field (CSV, Parquet column) holding the publication date', DEFAULT_OPTIONS.read.dateField)
    .option('--html-field <name>', 'JSONL field holding the page HTML, read where the text field is absent', DEFAULT_OPTIONS.read.htmlField);
}

/** --no-rewrites, --rewrite-threshold and --min-aligned: the sentence tier. */
export function withRewriteOptions(command: Command): Command {
  return command
    .option('--no-rewrites', 'do not link re-worded copies by aligning their sentences')
    .option('--rewrites', 'link re-worded copies (the default; overrides "rewrites": false in a config file)')
    .option('--rewrite-threshold <number>', "share of a member's sentences that must derive from the canonical's for a rewrite", String(DEFAULT_OPTIONS.rewriteThreshold))
    .option('--min-aligned <n>', 'fewest derived sentences for a rewrite (all of a member with fewer)', String(DEFAULT_OPTIONS.minAlignedSentences));
}
