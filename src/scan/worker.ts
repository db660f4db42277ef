/**
 * Worker thread of a ScanPool: fingerprints pieces (with the settings it was started with), fingerprints again the
 * documents that hold learned boilerplate lines, makes the meetings of groups of sentence keys, and clusters groups.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { clusterGroups } from './groups.js';
import { sentenceFeatureCache } from '../judge/member.js';
import { nodeFileSystem } from '../input/file-system.js';
import { PieceFingerprinter, transferablesOf } from '../sketch/piece-fingerprints.js';
import { meetingsOfGroup, releaseMeetingMemory } from '../sketch/sentence-lsh.js';
import { DocumentDirectory, DocumentLoader } from './loader.js';
import { adoptKernelModules } from '../text/wasm/modules.js';
import type { ClusterTask, RefingerprintTask, WorkerSetup, WorkerTask } from './worker-pool.js';
import { holdersLoader, shinglesAgain } from './refingerprint.js';
import { packedGroups } from './packed-members.js';

const { settings, modules } = workerData as WorkerSetup;
// The kernels as the scan's thread compiled them, before anything here compiles its own.
adoptKernelModules(modules);
const fingerprinter = new PieceFingerprinter(settings);
const files = nodeFileSystem();
// Modules loaded and the kernel compiled: the pool may send tasks now.
parentPort!.postMessage({ ready: true });

/** Reads the groups' documents again here, from the files the first pass read (or the texts sent, from standard input). */
async function cluster({ groups, entries, options, boilerplate, boilerplateHolders }: ClusterTask) {
  const featuresOf = sentenceFeatureCache();
  const holders = new Set(boilerplateHolders);
  const loader = new DocumentLoader({
    directory: new DocumentDirectory(entries),
    fs: files,
    read: options.read,
    shingleSize: options.shingleSize,
    withSentences: options.rewrites,
    ...(boilerplate ? { boilerplate: new Set(boilerplate) } : {}),
    holdsBoilerplate: (i) => holders.has(i),
  });
  return clusterGroups(groups, loader, options, featuresOf);
}

/** Reads documents that hold learned lines again here, and signs them without those lines. */
async function refingerprint({ docs, entries, boilerplate, read, shingleSize, signing }: RefingerprintTask) {
  return shinglesAgain(docs, holdersLoader(new DocumentDirectory(entries), files, read, shingleSize, new Set(boilerplate)), signing);
}

parentPort!.on('message', async ({ id, task }: { id: number; task: WorkerTask }) => {
  try {
    // The sort's memory and the meetings' scratch, grown to the largest group of sentence keys, are kept while groups
    // come (a new instance per group grew and cleared its memory each time) and let go when the thread turns to other
    // work, not kept through the second pass.
    if (task.kind !== 'meetings') releaseMeetingMemory();
    if (task.kind === 'fingerprint') {
      const result = fingerprinter.fingerprint(task.piece);
      parentPort!.postMessage({ id, result }, transferablesOf(result));
    } else if (task.kind === 'meetings') {
      const result = meetingsOfGroup(task);
      parentPort!.postMessage({ id, result }, [result.first.buffer, result.second.buffer, result.rangeEnds.buffer]);
    } else if (task.kind === 'refingerprint') {
      const result = await refingerprint(task);
      parentPort!.postMessage({ id, result }, [result.read, result.shingles, result.signatures, result.bandKeys].map((column) => column.buffer as ArrayBuffer));
    } else {
      // Packed here, on this thread: the scan's thread only wraps the bytes.
      parentPort!.postMessage({ id, result: packedGroups(await cluster(task)) });
    }
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
