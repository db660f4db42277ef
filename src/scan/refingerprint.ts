/**
 * Documents that hold learned boilerplate lines, read again and signed without them: the part of the boilerplate step
 * (boilerplate-step.ts) that worker threads share, a pure function of the documents.
 */
import type { FileSystem } from '../input/file-system.js';
import type { ReadOptions } from '../input/read.js';
import type { Banding } from '../sketch/lsh.js';
import { MinHasher } from '../sketch/minhash.js';
import { BandSigner, SHINGLE_SALT } from '../sketch/piece-fingerprints.js';
import { DocumentLoader, isFailure, type RereadDirectory } from './loader.js';

/** The reader of documents that hold learned lines, which leaves those lines out: each is read once, so little is kept. */
export function holdersLoader(directory: RereadDirectory, fs: FileSystem, read: ReadOptions, shingleSize: number, boilerplate: ReadonlySet<number>): DocumentLoader {
  return new DocumentLoader({ directory, fs, read, shingleSize, capacity: { documentBytes: 4 * 1024 * 1024, sets: 0 }, boilerplate });
}

/** What signing a shingle set needs: the same on every thread. */
export interface ShingleSigning {
  readonly numPerm: number;
  readonly seed: number;
  readonly banding: Banding;
}

/** Documents fingerprinted again: for each, whether it was read, and its shingles, signature and band keys. */
export interface ShinglesAgain {
  readonly docs: Int32Array;
  readonly read: Uint8Array;
  readonly shingles: Int32Array;
  readonly signatures: Int32Array;
  readonly bandKeys: Int32Array;
}

/**
 * The signer of the last signing asked for on this thread: one scan signs every batch alike, and a signer's MinHasher
 * compiles a kernel of its own. Shared by batches in flight at once: each signs and copies out with no await between.
 */
let threadSigner: { readonly signing: ShingleSigning; readonly signer: BandSigner } | undefined;

function signerFor(signing: ShingleSigning): BandSigner {
  const held = threadSigner?.signing;
  const same = held && held.numPerm === signing.numPerm && held.seed === signing.seed && held.banding.bands === signing.banding.bands && held.banding.rows === signing.banding.rows;
  if (!same) threadSigner = { signing, signer: new BandSigner(new MinHasher({ numPerm: signing.numPerm, seed: signing.seed }), signing.banding, SHINGLE_SALT) };
  return threadSigner!.signer;
}

/** `docs` read again through `loader` (which leaves their learned lines out) and signed: the same on any thread. */
export async function shinglesAgain(docs: Int32Array, loader: DocumentLoader, signing: ShingleSigning): Promise<ShinglesAgain> {
  const signer = signerFor(signing);
  const out = {
    docs,
    read: new Uint8Array(docs.length),
    shingles: new Int32Array(docs.length),
    signatures: new Int32Array(docs.length * signing.numPerm),
    bandKeys: new Int32Array(docs.length * signing.banding.bands),
  };
  for (let n = 0; n < docs.length; n++) {
    const doc = await loader.load(docs[n]!);
    if (isFailure(doc)) continue;
    out.read[n] = 1;
    signer.sign(doc.shingleSet, docs[n]!);
    out.shingles[n] = doc.shingleSet.length;
    out.signatures.set(signer.signature, n * signing.numPerm);
    out.bandKeys.set(signer.keys, n * signing.banding.bands);
  }
  return out;
}
