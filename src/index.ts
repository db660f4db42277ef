/** neardup's library API: the same code the CLI runs. */
export { analyze, type AnalyzedDocument } from './text/analyze.js';
export {
  assertSameParams,
  type Baseline,
  BASELINE_VERSION,
  type BaselineCluster,
  type BaselineComparison,
  baselineFromReport,
  type BaselineParams,
  compareWithBaseline,
  parseBaseline,
  serializeBaseline,
} from './report/baseline.js';
export { type CanonicalReason, rankCanonicalCandidates } from './judge/canonical.js';
export { planClusters } from './judge/cluster.js';
export { type Divergence, divergence, type Passage } from './judge/divergence.js';
export { BaselineError, NeardupError, NoInputError, SignatureMismatchError, UsageError } from './errors.js';
export { type FileSystem, type LinePiece, memoryFileSystem, nodeFileSystem, wholeLinePieces } from './input/file-system.js';
export { type Banding, candidatePairs, optimalBanding } from './sketch/lsh.js';
export { estimateJaccard, MinHasher, type MinHashParams, type Signature } from './sketch/minhash.js';
export { NORMALIZATION_VERSION } from './text/normalize.js';
export { DEFAULT_OPTIONS, DEFAULT_THRESHOLD, type Metric, type ScanOptions, withDefaults } from './options.js';
export { type ReadOptions, readInputs, type SkippedInput, type SourceDocument } from './input/read.js';
export { type Relation, relationOf } from './judge/relation.js';
export { buildReport, type Report, SCHEMA_VERSION } from './report/scan-report.js';
export { type Reporter, reporters } from './report/render/index.js';
export { canonicalMember, compareWithCanonical, type MemberResult } from './judge/member.js';
export { type ArticleNote, type ClusterResult, scan, type ScanObserver, type ScanResult, type ScanStage, type StoredFingerprints } from './scan/scan.js';

// The persistent index beside scan(): open, add, check, stats, remove.
export { indexLocation, indexName, openIndex } from './corpus/open.js';
export { type AddObserver, type AddOptions, type AddProgress, type AddResult, addToIndex, DEFAULT_BATCH_SIZE } from './corpus/add.js';
export {
  type CheckedDocument,
  type CheckMatch,
  type CheckObserver,
  type CheckResult,
  checkAgainstIndex,
  type Estimate,
  type MatchedOriginal,
  ORIGINAL_CHANGED,
  type OriginalReader,
} from './corpus/check.js';
export { type IndexBytes, indexStats, type IndexStatsResult, removeFromIndex, type RemoveResult } from './corpus/maintain.js';
export { hashingProbe, indexParams } from './corpus/params.js';
export { nodeOriginalReader, ORIGINAL_FROM_STDIN, ORIGINAL_NOT_FOUND } from './corpus/store/originals.js';
export { MemoryStore } from './corpus/store/memory.js';
export { type SqliteOpenOptions, SqliteStore } from './corpus/store/sqlite.js';
export { type PostgresStore } from './corpus/store/postgres.js';
export { type OpenedStore, openStore, type OpenStoreOptions } from './corpus/store/open.js';
export type { DocumentLocation, IndexedDocument, IndexParams, IndexStats, SignatureStore, StoredDocument } from './corpus/store/store.js';
export { buildCheckReport, CHECK_SCHEMA_VERSION, type CheckReport } from './report/check-report.js';
export { compareArticles, COMPARE_SCHEMA_VERSION, type CompareReport } from './report/compare-report.js';
export { type AlignedSentence, type PairFigures, pairFigures, type PairRelation } from './judge/pair-figures.js';
export { type AddReport, buildAddReport, buildRemoveReport, buildStatsReport, INDEX_SCHEMA_VERSION, type RemoveReport, type StatsReport } from './report/index-report.js';
export { type CheckReporter, checkReporters, type CompareReporter, compareReporters, type IndexReporter, indexReporters } from './report/render/index.js';
