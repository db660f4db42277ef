/**
 * A scan, stage by stage: pass 1 fingerprints every input, boilerplate is learned between the passes, LSH proposes
 * candidates, and pass 2 verifies them on exact sets and clusters the documents they link.
 */
import { NoInputError } from '../errors.js';
import type { FileSystem } from '../input/file-system.js';
import type { SkippedInput } from '../input/read.js';
import { preferredSourceMatcher } from '../judge/canonical.js';
import { sentenceFeatureCache } from '../judge/member.js';
import type { ScanOptions } from '../options.js';
import { type Banding, scanBandings } from '../sketch/lsh.js';
import type { CorpusTable } from '../sketch/sketch-table.js';
import type { BoilerplateSummary } from '../text/boilerplate.js';
import { learnAndRemoveBoilerplate } from './boilerplate-step.js';
import { candidatePairs } from './candidates.js';
import { candidateGroups, type ClusterResult } from './groups.js';
import type { ArticleNote, ScanObserver } from './observer.js';
import { fingerprintInputs, type StoredFingerprints } from './pass1-fingerprint.js';
import { verifyAndCluster } from './pass2.js';
import type { ScanPool } from './worker-pool.js';

export type { ClusterResult } from './groups.js';
export type { ArticleNote, CandidateSummary, ScanObserver, ScanStage } from './observer.js';
export type { StoredFingerprints } from './pass1-fingerprint.js';

export interface ScanResult {
  /** Parameters in force, for the report. */
  readonly params: ScanOptions & { readonly banding: Banding; readonly rewriteBanding: Banding };
  readonly documents: number;
  readonly clusters: ClusterResult[];
  readonly skipped: SkippedInput[];
  /** Files in folders that were not articles (other extensions). */
  readonly ignoredFiles: number;
  /** Articles read with a caveat (an HTML page whose article was not found, so all its visible text was used). */
  readonly notes: ArticleNote[];
  /** Lines learned as site boilerplate and left out of similarity, when boilerplate was learned. */
  readonly boilerplate?: BoilerplateSummary;
  /** With stored fingerprints (`--db`): articles whose fingerprints were taken from the store, and articles stored. */
  readonly storedFingerprints?: { readonly reused: number; readonly stored: number };
}

/**
 * Reads the inputs and runs the whole pipeline: the function the CLI and other programs call.
 *
 * Two passes. The first streams the inputs once and keeps, per document, its counts, LSH band keys and a byte-wide
 * signature sketch (see CorpusTable). LSH then proposes candidate pairs, and pairs whose sketches put them far below
 * the threshold are dropped. The second pass reads again only the candidates, verifies each pair on exact shingle
 * sets (and aligned sentences, for rewrites), clusters the linked documents and reports on them.
 */
export async function scan(options: ScanOptions, fs: FileSystem, observer: ScanObserver = {}, stored?: StoredFingerprints): Promise<ScanResult> {
  const workers: { pool?: ScanPool } = {};
  try {
    return await scanWith(options, fs, observer, stored, workers);
  } finally {
    await workers.pool?.close();
  }
}

async function scanWith(options: ScanOptions, fs: FileSystem, observer: ScanObserver, stored: StoredFingerprints | undefined, workers: { pool?: ScanPool }): Promise<ScanResult> {
  const { banding, rewriteBanding } = scanBandings(options);

  // Rewrites are found by sentence keys (sketch/sentence-lsh.ts), not by bands on whole documents' content stems.
  const { table, lines, sentences, skipped, ignoredFiles, notes, skip, storeCounts } = await fingerprintInputs(options, fs, observer, banding, undefined, stored, workers);
  if (table.count === 0) {
    throw new NoInputError(`no readable articles in ${options.paths.join(', ')}${skipped.length ? ` (${skipped.length} skipped)` : ''}`);
  }

  for (const note of unmatchedPreferences(options.prefer, table)) {
    notes.push(note);
    observer.note?.(note);
  }

  const featuresOf = sentenceFeatureCache();
  if (lines) observer.progress?.('boilerplate', 0);
  const boilerplate = lines && (await learnAndRemoveBoilerplate(table, lines, fs, options, workers.pool));

  observer.progress?.('candidates', 0);
  // The pairs go on split by group, held nowhere else: pass 2 lets go of each group's as it goes.
  const groups = candidateGroups(table.count, await candidatePairs(table, options, banding, sentences, workers.pool));

  const { clusters, failed } = await verifyAndCluster(groups, {
    table,
    lines,
    boilerplate: boilerplate?.keys,
    fs,
    options,
    observer,
    featuresOf,
    skip,
    pool: workers.pool,
  });

  return {
    params: { ...options, banding, rewriteBanding },
    documents: table.count - failed,
    clusters,
    skipped,
    ignoredFiles,
    notes,
    ...(boilerplate === undefined ? {} : { boilerplate: boilerplate.summary }),
    ...(storeCounts ? { storedFingerprints: storeCounts } : {}),
  };
}

/** A note for each `--prefer` pattern no article read matches, by id or source: a typo would otherwise pass unseen. */
function unmatchedPreferences(patterns: readonly string[], table: CorpusTable): ArticleNote[] {
  const notes: ArticleNote[] = [];
  for (const pattern of patterns) {
    const matches = preferredSourceMatcher([pattern]);
    let found = false;
    for (let i = 0; i < table.count && !found; i++) found = matches({ id: table.id(i), source: table.location(i).source });
    if (!found) {
      const how = /[*?]/.test(pattern) ? 'a glob over the whole of each id and source path' : 'looked for within each id and source path';
      notes.push({ path: '--prefer', note: `${JSON.stringify(pattern)} matches no article read (${how}), so no canonical was chosen by it` });
    }
  }
  return notes;
}
