/**
 * Between the passes: lines shared by many unrelated documents of a site are learned as boilerplate from pass 1's line
 * keys, and the documents holding any are fingerprinted again without them (the only documents pass 1 reads twice).
 */
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import type { FileSystem } from '../input/file-system.js';
import type { ScanOptions } from '../options.js';
import { containmentFromJaccard } from '../sketch/estimate.js';
import type { CorpusTable, LineKeyStore } from '../sketch/sketch-table.js';
import { abridge, type BoilerplateSummary, learnBoilerplate, lineWithKey } from '../text/boilerplate.js';
import { directoryEntries, type DocumentLoader, isFailure } from './loader.js';
import { holdersLoader, type ShingleSigning, type ShinglesAgain, shinglesAgain } from './refingerprint.js';
import { InOrder, MAX_HELD_PIECES, QUEUED_PER_WORKER, type ScanPool } from './worker-pool.js';

/** The boilerplate learned, if any: the keys of its lines, and the summary the report shows. */
export interface LearnedBoilerplate {
  readonly keys: ReadonlySet<number>;
  readonly summary: BoilerplateSummary;
}

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
  /** Worker threads started by pass 1, if any: they read the documents that hold learned lines again, in batches. */
  pool?: ScanPool,
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
  const reader = holdersLoader(table, fs, options.read, options.shingleSize, learned.keys);
  // Worker threads read documents through files of their own, so only from the real file system.
  const refingerprinted = await refingerprint(table, lines, learned.keys, reader, options, fs.sharedWithWorkers ? pool : undefined);
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
 * counts, in batches (on worker threads when given) taken back in document order. A document left with no shingles
 * gets band keys of its own, so such documents do not all meet in one bucket.
 */
async function refingerprint(
  table: CorpusTable,
  lines: LineKeyStore,
  keys: ReadonlySet<number>,
  loader: DocumentLoader,
  options: ScanOptions,
  pool: ScanPool | undefined,
): Promise<{ removedLines: number }> {
  const held = new Map<number, number>();
  let removedLines = 0;
  const take = (batch: ShinglesAgain) => {
    batch.docs.forEach((i, n) => {
      // A document that cannot be read again keeps its first fingerprints; pass 2 reports it when it needs it.
      if (!batch.read[n]) return;
      removedLines += held.get(i)!;
      held.delete(i);
      const signature = batch.signatures.subarray(n * options.numPerm, (n + 1) * options.numPerm);
      const bandKeys = batch.bandKeys.subarray(n * table.banding.bands, (n + 1) * table.banding.bands);
      // A scan's table has no content bands (rewrites are found by sentence keys).
      table.update(i, { shingles: batch.shingles[n]!, contentStems: 0 }, signature, bandKeys, undefined, undefined);
    });
  };
  const batches = new InOrder<ShinglesAgain>(take, MAX_HELD_PIECES);
  const signing: ShingleSigning = { numPerm: options.numPerm, seed: options.seed, banding: table.banding };
  const boilerplate = pool && Int32Array.from(keys);
  let batch: number[] = [];
  const send = async () => {
    const docs = Int32Array.from(batch);
    batch = [];
    const answer = pool?.refingerprint({ docs, entries: directoryEntries(table, docs), boilerplate: boilerplate!, read: options.read, shingleSize: options.shingleSize, signing }, QUEUED_PER_WORKER);
    if (answer) return batches.add(answer);
    await batches.add(await shinglesAgain(docs, loader, signing));
    // Reading again takes no turn of the event loop: give one, or the workers' answers would wait until the end.
    if (pool) await setImmediatePromise();
  };
  for (let i = 0; i < table.count; i++) {
    let count = 0;
    for (const key of lines.of(i)) if (keys.has(key)) count++;
    if (count === 0) continue;
    held.set(i, count);
    batch.push(i);
    if (batch.length === REFINGERPRINT_BATCH) await send();
  }
  if (batch.length > 0) await send();
  await batches.finish();
  return { removedLines };
}

/** Documents fingerprinted again in one task. */
const REFINGERPRINT_BATCH = 256;
