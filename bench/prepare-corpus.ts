/** The corpora the benchmark scans, made (or found cached) under its output folder. */
import { ensureCorpus, type CorpusSpec } from './corpus.js';
import { log } from './log.js';
import type { CorpusInfo } from './report.js';
import { int } from './table.js';

/** The seeded synthetic corpus of `spec` and its planted pairs (`truth`, JSONL), generated once and cached in `dir`. */
export function syntheticCorpus(dir: string, spec: CorpusSpec): { info: CorpusInfo; truth: string } {
  const t = process.hrtime.bigint();
  const { files, meta, cached } = ensureCorpus(dir, spec, (done) => log(`  … ${int(done)} of ${int(spec.docs)} documents written`));
  const how = cached ? 'cached' : `generated in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`;
  log(`corpus of ${int(meta.documents)} documents (${(meta.bytes / 1e6).toFixed(1)} MB) ${how}: ${files.corpus}`);
  return { info: { ...meta, path: files.corpus }, truth: files.truth };
}
