/**
 * Documents that hold learned boilerplate lines, read again and signed without them: the part of the boilerplate step
 * (boilerplate-step.ts) that worker threads share, a pure function of the documents.
 */
import type { AnalyzedDocument } from '../text/analyze.js';
import type { Banding } from '../sketch/lsh.js';
import { MinHasher } from '../sketch/minhash.js';
import { BandSigner, SHINGLE_SALT } from '../sketch/piece-fingerprints.js';
import { type DocumentLoader, isFailure } from './loader.js';

/** What signing a shingle set needs: the same on every thread. */
export interface ShingleSigning {
  readonly numPerm: number;
  readonly seed: number;
  readonly banding: Banding;
}

/** Documents fingerprinted again: for each, whether it was read, its shingles, signature and band keys (and content's). */
export interface ShinglesAgain {
  readonly docs: Int32Array;
  readonly read: Uint8Array;
  readonly shingles: Int32Array;
  readonly contentStems: Int32Array;
  readonly signatures: Int32Array;
  readonly bandKeys: Int32Array;
  /** Per document, where the table has content bands (read on this thread only). */
  readonly contentSignatures?: Array<Int32Array | undefined>;
  readonly contentKeys?: Array<Int32Array | undefined>;
}

/**
 * `docs` read again through `loader` (which leaves their learned lines out) and signed: a pure function of the
 * documents, run on worker threads as on the scan's. `signContent` (the scan's thread only) signs content stems too.
 */
export async function shinglesAgain(
  docs: Int32Array,
  loader: DocumentLoader,
  signing: ShingleSigning,
  signContent?: (doc: AnalyzedDocument, number: number) => { signature: Int32Array; keys: Int32Array; stems: number },
): Promise<ShinglesAgain> {
  const signer = new BandSigner(new MinHasher({ numPerm: signing.numPerm, seed: signing.seed }), signing.banding, SHINGLE_SALT);
  const out = {
    docs,
    read: new Uint8Array(docs.length),
    shingles: new Int32Array(docs.length),
    contentStems: new Int32Array(docs.length),
    signatures: new Int32Array(docs.length * signing.numPerm),
    bandKeys: new Int32Array(docs.length * signing.banding.bands),
    ...(signContent ? { contentSignatures: [] as Array<Int32Array | undefined>, contentKeys: [] as Array<Int32Array | undefined> } : {}),
  };
  for (let n = 0; n < docs.length; n++) {
    const doc = await loader.load(docs[n]!);
    if (isFailure(doc)) continue;
    out.read[n] = 1;
    signer.sign(doc.shingleSet, docs[n]!);
    out.shingles[n] = doc.shingleSet.length;
    out.signatures.set(signer.signature, n * signing.numPerm);
    out.bandKeys.set(signer.keys, n * signing.banding.bands);
    if (signContent) {
      const content = signContent(doc, docs[n]!);
      out.contentStems[n] = content.stems;
      out.contentSignatures![n] = content.signature.slice();
      out.contentKeys![n] = content.keys.slice();
    }
  }
  return out;
}
