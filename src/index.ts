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
export { type ClusterResult, scan, type ScanResult } from './scan/scan.js';
