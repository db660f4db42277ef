/** Worker thread of a FingerprintPool: fingerprints the pieces it is sent, with the settings it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { type FingerprintSettings, PieceFingerprinter, transferablesOf } from './piece-fingerprints.js';
import type { ArticlePiece } from './read.js';

const fingerprinter = new PieceFingerprinter(workerData as FingerprintSettings);
// Modules loaded and the kernel compiled: the pool may send pieces now.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', ({ id, piece }: { id: number; piece: ArticlePiece }) => {
  try {
    const result = fingerprinter.fingerprint(piece);
    parentPort!.postMessage({ id, result }, transferablesOf(result));
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
