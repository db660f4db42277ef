/**
 * Between the passes: lines shared by many unrelated documents of a site are learned as boilerplate from pass 1's line
 * keys, and the documents holding any are fingerprinted again without them (the only documents pass 1 reads twice).
 */
import type { FileSystem } from '../input/file-system.js';
import type { ScanOptions } from '../options.js';
import { BandSigner, CONTENT_SALT, SHINGLE_SALT } from '../sketch/piece-fingerprints.js';
import { containmentFromJaccard } from '../sketch/estimate.js';
import { MinHasher } from '../sketch/minhash.js';
import type { CorpusTable, LineKeyStore } from '../sketch/sketch-table.js';
import type { AnalyzedDocument } from '../text/analyze.js';
import { abridge, type BoilerplateSummary, learnBoilerplate, lineWithKey } from '../text/boilerplate.js';
import { DocumentLoader, isFailure } from './loader.js';

/** The boilerplate learned, if any: the keys of its lines, and the summary the report shows. */
export interface LearnedBoilerplate {
  readonly keys: ReadonlySet<number>;
  readonly summary: BoilerplateSummary;
}

const EMPTY = new Int32Array(0);

/** Estimated relatedness of two documents, as boilerplate learning needs it: Jaccard 0.3, or the smaller half contained. */
function relatedBySketch(table: CorpusTable) {
  return (a: number, b: number) => {
    const jaccard = table.estimatedJaccard(a, b);
    return jaccard >= 0.3 || containmentFromJaccard(jaccard, table.distinctShingles(a), table.distinctShingles(b)) >= 0.5;
  };
}

/**
 * Learns boilerplate lines from every document's line keys and fingerprints again, in `table`, the documents that hold
 * any. Undefined when no line is common enough.
 */
export async function learnAndRemoveBoilerplate(
  table: CorpusTable,
  lines: LineKeyStore,
  fs: FileSystem,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => { contentSet: Int32Array },
): Promise<LearnedBoilerplate | undefined> {
  const firstHolder = new Map<number, number>();
  const learned = learnBoilerplate(
    {
      lineKeys: lines,
      related: relatedBySketch(table),
      lineText: (doc, key) => {
        firstHolder.set(key, doc);
        return '';
      },
    },
    { minDocuments: options.boilerplateMinDocuments },
  );
  if (learned.lines.length === 0) return undefined;
  const reader = new DocumentLoader({
    directory: table,
    fs,
    read: options.read,
    shingleSize: options.shingleSize,
    withSentences: true,
    capacity: { documentBytes: 4 * 1024 * 1024, sets: 0 },
    boilerplate: learned.keys,
  });
  const refingerprinted = await refingerprint(table, lines, learned.keys, reader, options, featuresOf);
  const shown: Array<{ text: string; documents: number }> = [];
  for (const line of learned.lines) {
    const doc = await reader.load(firstHolder.get(line.key)!);
    shown.push({ text: isFailure(doc) ? `(line ${line.key >>> 0})` : abridge(lineWithKey(doc.text, line.key) ?? ''), documents: line.documents });
  }
  shown.sort((a, b) => b.documents - a.documents || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { keys: learned.keys, summary: { minDocuments: options.boilerplateMinDocuments, lines: shown, removedLines: refingerprinted.removedLines } };
}

/**
 * Fingerprints again, without their learned boilerplate lines, the documents that hold any: signatures, band keys and
 * counts. A document left with no shingles gets band keys of its own, so such documents do not all meet in one bucket.
 */
async function refingerprint(
  table: CorpusTable,
  lines: LineKeyStore,
  keys: ReadonlySet<number>,
  loader: DocumentLoader,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => { contentSet: Int32Array },
): Promise<{ removedLines: number }> {
  const hasher = new MinHasher({ numPerm: options.numPerm, seed: options.seed });
  const shingleSigner = new BandSigner(hasher, table.banding, SHINGLE_SALT);
  const contentSigner = table.contentBanding && new BandSigner(hasher, table.contentBanding, CONTENT_SALT);
  let removedLines = 0;
  for (let i = 0; i < table.count; i++) {
    let held = 0;
    for (const key of lines.of(i)) if (keys.has(key)) held++;
    if (held === 0) continue;
    const doc = await loader.load(i);
    // A document that cannot be read again keeps its first fingerprints; pass 2 reports it when it needs it.
    if (isFailure(doc)) continue;
    removedLines += held;
    shingleSigner.sign(doc.shingleSet, i);
    const contentSet = contentSigner ? featuresOf(doc).contentSet : EMPTY;
    contentSigner?.sign(contentSet, i);
    table.update(i, { shingles: doc.shingleSet.length, contentStems: contentSet.length }, shingleSigner.signature, shingleSigner.keys, contentSigner?.signature, contentSigner?.keys);
  }
  return { removedLines };
}
