/** neardup's library API: the same code the CLI runs. */
export { analyze, type AnalyzedDocument } from './analyze.js';
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
} from './baseline.js';
export { type CanonicalReason, rankCanonicalCandidates } from './canonical.js';
export { planClusters } from './cluster.js';
export { type Divergence, divergence, type Passage } from './divergence.js';
export { BaselineError, NeardupError, NoInputError, SignatureMismatchError, UsageError } from './errors.js';
export { type FileSystem, type LinePiece, memoryFileSystem, nodeFileSystem, wholeLinePieces } from './io.js';
export { type Banding, candidatePairs, optimalBanding } from './lsh.js';
export { estimateJaccard, MinHasher, type MinHashParams, type Signature } from './minhash.js';
export { NORMALIZATION_VERSION } from './normalize.js';
export { DEFAULT_OPTIONS, DEFAULT_THRESHOLD, type Metric, type ScanOptions, withDefaults } from './options.js';
export { type ReadOptions, readInputs, type SkippedInput, type SourceDocument } from './read.js';
export { type Relation, relationOf } from './relation.js';
export { buildReport, type Report, SCHEMA_VERSION } from './report.js';
export { type Reporter, reporters } from './reporters/index.js';
export { canonicalMember, compareWithCanonical, type MemberResult } from './compare.js';
export { type ClusterResult, scan, type ScanResult } from './scan.js';
