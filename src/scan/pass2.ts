/**
 * Pass 2 of a scan: candidate groups verified on exact sets (documents read again as pairs need them) and clustered,
 * batches of groups on worker threads where there are any, results taken back in order.
 */
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import type { FileSystem } from '../input/file-system.js';
import { placeOf, type SkippedInput } from '../input/read.js';
import type { ScanOptions } from '../options.js';
import type { CorpusTable, LineKeyStore } from '../sketch/sketch-table.js';
import type { AnalyzedDocument } from '../text/analyze.js';
import type { SentenceFeatures } from '../text/sentences.js';
import { type CandidateGroup, clusterGroups, type ClusterResult, linkedGroups } from './groups.js';
import { clusterOfPacked, memberCount, type PackedClusteredGroups, packedGroups } from './packed-members.js';
import { verifyCandidates } from './verify-candidates.js';
import { directoryEntries, DocumentLoader } from './loader.js';
import { PROGRESS_EVERY, type ScanObserver } from './observer.js';
import { InOrder, MAX_HELD_PIECES, QUEUED_PER_WORKER, type ScanPool } from './worker-pool.js';

/** Documents in a batch of groups clustered together, at least (a group is never split): a worker's task. */
const CLUSTER_BATCH_DOCUMENTS = 64;

/** Documents in a group of candidates above which it is verified on the scan's thread, not as one task. */
const LARGE_GROUP_DOCUMENTS = 1024;

/**
 * Consecutive groups in batches of at least CLUSTER_BATCH_DOCUMENTS documents (the last may have fewer), taken out of
 * `groups` as they are batched: a batch clustered is let go of, not held with the groups still to come.
 */
function* clusterBatches(groups: CandidateGroup[]): Generator<CandidateGroup[]> {
  groups.reverse();
  let batch: CandidateGroup[] = [];
  let documents = 0;
  for (let group = groups.pop(); group !== undefined; group = groups.pop()) {
    batch.push(group);
    documents += group.docs.length;
    if (documents >= CLUSTER_BATCH_DOCUMENTS) {
      yield batch;
      batch = [];
      documents = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** What pass 2 needs besides the candidates. */
export interface SecondPassInput {
  readonly table: CorpusTable;
  readonly lines: LineKeyStore | undefined;
  /** Keys of learned boilerplate lines, if any were learned. */
  readonly boilerplate: ReadonlySet<number> | undefined;
  readonly fs: FileSystem;
  readonly options: ScanOptions;
  readonly observer: ScanObserver;
  readonly featuresOf: (doc: AnalyzedDocument) => SentenceFeatures;
  /** Records a document that could not be read again. */
  readonly skip: (skipped: SkippedInput) => void;
  /** Worker threads started by pass 1, if any. */
  readonly pool: ScanPool | undefined;
}

/** Clusters, largest first, and how many documents could not be read again. */
export interface SecondPass {
  readonly clusters: ClusterResult[];
  readonly failed: number;
}

/**
 * Verifies the candidate groups (scan/groups.ts candidateGroups) and clusters the documents they link. The groups are
 * taken out of `groups` (left empty), each let go of once clustered: at a million articles their candidate pairs take
 * hundreds of megabytes.
 */
export async function verifyAndCluster(groups: CandidateGroup[], input: SecondPassInput): Promise<SecondPass> {
  const { table, lines, boilerplate, fs, options, observer, featuresOf, skip } = input;
  const holdsBoilerplate = (i: number) => {
    if (!boilerplate || !lines) return false;
    for (const key of lines.of(i)) if (boilerplate.has(key)) return true;
    return false;
  };
  const loader = new DocumentLoader({
    directory: table,
    fs,
    read: options.read,
    shingleSize: options.shingleSize,
    withSentences: options.rewrites,
    ...(boilerplate ? { boilerplate } : {}),
    holdsBoilerplate,
  });
  const failed = new Set<number>();
  const noteFailure = (i: number, reason: string) => {
    if (failed.has(i)) return;
    failed.add(i);
    skip({ path: placeOf(table.meta(i)), reason });
  };
  // A group too large to be one task (the copies of a much-syndicated story, topical neighbours under rewrite bands) is
  // verified here, and the linked groups it falls apart into are clustered as groups of their own.
  const small: CandidateGroup[] = [];
  const large: CandidateGroup[] = [];
  let largestGroup = 0;
  let shinglePairs = 0;
  let rewritePairs = 0;
  for (const group of groups.splice(0)) {
    (group.docs.length > LARGE_GROUP_DOCUMENTS ? large : small).push(group);
    largestGroup = Math.max(largestGroup, group.docs.length);
    shinglePairs += (group.candidates?.shingle.length ?? 0) / 2;
    rewritePairs += (group.candidates?.rewrite.length ?? 0) / 2;
  }
  observer.candidates?.({ shinglePairs, rewritePairs, largestGroup });

  const clusters: ClusterResult[] = [];
  let clustered = 0;
  // Groups to cluster: the small ones, and the linked groups of each large one once it is verified.
  let toCluster = small.length;
  const takeClustered = (groupCount: number, result: PackedClusteredGroups) => {
    for (const cluster of result.clusters) clusters.push(clusterOfPacked(cluster));
    for (const { doc, reason } of result.failures) noteFailure(doc, reason);
    clustered += groupCount;
    observer.progress?.('clustering', clustered, toCluster);
  };
  // Worker threads read documents through files of their own, so only from the real file system.
  const pool = fs.sharedWithWorkers ? input.pool : undefined;
  const boilerplateKeys = pool && boilerplate && Int32Array.from(boilerplate);
  const batches = new InOrder<{ groupCount: number; result: PackedClusteredGroups }>(({ groupCount, result }) => takeClustered(groupCount, result), MAX_HELD_PIECES);
  const cluster = async (batch: CandidateGroup[]) => {
    // What a worker saves is reading and analysing the documents again: a batch whose analyses are all at hand here
    // (verification kept them) is clustered here.
    const atHand = pool !== undefined && batch.every((group) => group.docs.every((doc) => loader.holdsDocument(doc)));
    const docs = pool && !atHand ? batch.flatMap((group) => group.docs) : [];
    const answer = atHand
      ? undefined
      : pool?.cluster(
          {
            groups: batch,
            entries: directoryEntries(table, docs),
            options,
            ...(boilerplateKeys ? { boilerplate: boilerplateKeys, boilerplateHolders: Int32Array.from(docs.filter(holdsBoilerplate)) } : {}),
          },
          QUEUED_PER_WORKER,
        );
    if (answer) {
      // The batch went to the worker as a copy: only its size is kept here.
      const groupCount = batch.length;
      await batches.add(answer.then((result) => ({ groupCount, result })));
      return;
    }
    await batches.add({ groupCount: batch.length, result: packedGroups(await clusterGroups(batch, loader, options, featuresOf)) });
    // Reading again takes no turn of the event loop: give one, or the workers' answers would wait until the end.
    if (pool) await setImmediatePromise();
  };

  observer.progress?.('clustering', 0, toCluster);
  if (large.length > 0) {
    const totalPairs = large.reduce((sum, group) => sum + (group.candidates!.shingle.length + group.candidates!.rewrite.length) / 2, 0);
    let verified = 0;
    const settled = () => {
      if (++verified % PROGRESS_EVERY === 0) observer.progress?.('verifying', verified, totalPairs);
    };
    observer.progress?.('verifying', 0, totalPairs);
    // Each large group is let go of once verified, and its linked groups go to the workers while the next is verified:
    // held until all are, the links of much-copied stories fill the heap, and the workers wait.
    for (let group = large.shift(); group !== undefined; group = large.shift()) {
      const copies: Array<[number, number]> = [];
      const links = await verifyCandidates(group.candidates!, loader, options, featuresOf, noteFailure, settled, undefined, copies);
      // Backwards: verification met the last groups' documents last, so those are the ones still in the loader's cache.
      const linked = linkedGroups(group.docs, links, copies).reverse();
      toCluster += linked.length;
      for (const batch of clusterBatches(linked)) await cluster(batch);
      // Groups share no document: what the loader keeps of this one's (its sets above all, kept by the ten thousand)
      // would only be held while the rest of the pass adds its clusters to the heap.
      loader.release(group.docs);
    }
    observer.progress?.('verifying', totalPairs, totalPairs);
  }
  for (const batch of clusterBatches(small)) await cluster(batch);
  await batches.finish();
  clusters.sort((a, b) => memberCount(b) - memberCount(a) || (a.canonical < b.canonical ? -1 : 1));
  return { clusters, failed: failed.size };
}
