/** The parameters an index is built with, and the checks that tell whether this code can use an index. */
import { createHash } from 'node:crypto';
import { analyze } from '../text/analyze.js';
import { scanBandings } from '../sketch/lsh.js';
import { MinHasher } from '../sketch/minhash.js';
import { NORMALIZATION_VERSION } from '../text/normalize.js';
import type { ScanOptions } from '../options.js';
import type { IndexParams } from './store/store.js';

/** A fixed text whose signature an index records, to notice hashing that changed without a version bump. */
const PROBE_TEXT =
  'The quick brown fox jumps over the lazy dog near the riverbank, while reporters from Reuters, AFP and AP ' +
  'file 1,234 words on the 2024 summit; Ünïcödé “quotes” — and dashes — are folded too.';

/** Hash of the probe text's signature under these params (16 hex digits). */
export function hashingProbe(params: Pick<IndexParams, 'seed' | 'numPerm' | 'shingleSize'>): string {
  const doc = analyze({ id: 'probe', text: PROBE_TEXT, source: 'probe' }, params.shingleSize);
  const signature = new MinHasher({ numPerm: params.numPerm, seed: params.seed }).signature(doc.shingleSet).values;
  return createHash('sha256').update(new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength)).digest('hex').slice(0, 16);
}

/**
 * The params a new index is built with, from scan options: banding derived from the threshold unless fixed, and the
 * content-stem banding of scan's rewrite pass when `rewrites` is on.
 */
export function indexParams(options: Pick<ScanOptions, 'seed' | 'numPerm' | 'shingleSize' | 'metric' | 'threshold' | 'banding' | 'rewrites'>): IndexParams {
  const bandings = scanBandings(options);
  const banding = bandings.banding;
  const rewriteBanding = options.rewrites ? bandings.rewriteBanding : { bands: 0, rows: 0 };
  return {
    seed: options.seed,
    numPerm: options.numPerm,
    shingleSize: options.shingleSize,
    normalizationVersion: NORMALIZATION_VERSION,
    bands: banding.bands,
    rows: banding.rows,
    rewriteBands: rewriteBanding.bands,
    rewriteRows: rewriteBanding.rows,
    metric: options.metric,
    threshold: options.threshold,
    probe: hashingProbe(options),
  };
}

/** The params of the running code an index must agree with, whatever the caller asked for. */
export function codeParams(params: Pick<IndexParams, 'seed' | 'numPerm' | 'shingleSize'>): Pick<IndexParams, 'normalizationVersion' | 'probe'> {
  return { normalizationVersion: NORMALIZATION_VERSION, probe: hashingProbe(params) };
}
