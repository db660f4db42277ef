/**
 * Signature stage: neardup's MinHasher against the `minhash` npm package on the same documents. Shingling happens
 * beforehand and is not timed: neardup gets each document's distinct 5-word-shingle hashes (analyze().shingleSet),
 * the peer the distinct 5-word-shingle strings of the same tokens, which is what its update(string) API takes.
 */
import { createRequire } from 'node:module';
import minhash from 'minhash';
import { analyze } from '../src/text/analyze.js';
import { estimateJaccard, MinHasher } from '../src/sketch/minhash.js';
import { type CorpusDocument, type PlantedPair, readJsonLines } from './corpus.js';
import { type Contender, measureRates, median, type Rate } from './measure.js';

export interface SignatureStageOptions {
  readonly corpus: string;
  readonly truth: string;
  /** Documents whose shingle sets are timed for neardup (signature speed does not depend on corpus size). */
  readonly maxDocs: number;
  /** Documents of the subsample both libraries sign. */
  readonly sampleDocs: number;
  readonly skipPeer: boolean;
  readonly numPerm: number;
  readonly shingleSize: number;
}

export interface EstimateError {
  /** Planted pairs with both documents in the subsample. */
  readonly pairs: number;
  /** Mean |estimated − exact Jaccard| over those pairs. */
  readonly neardup: number;
  readonly peer: number;
}

export interface SignatureStage {
  readonly numPerm: number;
  readonly shingleSize: number;
  /** What MinHasher chose by default ("wasm-simd" or "scalar"). */
  readonly backend: string;
  /** Whether the default and the scalar backend gave identical signatures on the subsample. */
  readonly backendsAgree: boolean;
  readonly corpusDocs: number;
  readonly corpusMeanShingles: number;
  readonly neardupCorpus: Rate;
  readonly sampleDocs: number;
  readonly sampleMeanShingles: number;
  readonly neardupSample: Rate;
  /** The scalar JavaScript backend on the same subsample. */
  readonly scalarSample: Rate;
  readonly peer?: { readonly package: string; readonly sample: Rate; readonly estimateError: EstimateError | null };
  /** neardup / peer signatures per second on the same subsample: the median of the rounds' ratios (rounds alternate). */
  readonly ratio?: number;
  readonly scalarRatio?: number;
}

/** Distinct shingle strings of a token list, windowed exactly as shingleHashes windows token hashes. */
function shingleStrings(words: readonly string[], k: number): string[] {
  if (words.length === 0) return [];
  const width = Math.min(k, words.length);
  const out = new Set<string>();
  for (let i = 0; i + width <= words.length; i++) out.add(words.slice(i, i + width).join(' '));
  return [...out];
}

/** Median of the per-round ratios of two contenders measured in alternating rounds. */
const roundRatio = (x: Rate, y: Rate) => median(x.rounds.map((v, r) => v / y.rounds[r]!));

const mean = (values: readonly number[]) => values.reduce((s, x) => s + x, 0) / Math.max(1, values.length);

export async function signatureStage(options: SignatureStageOptions): Promise<SignatureStage> {
  const { numPerm, shingleSize } = options;
  const sets: Int32Array[] = [];
  const sampleIds: string[] = [];
  const sampleStrings: string[][] = [];
  for await (const doc of readJsonLines<CorpusDocument>(options.corpus)) {
    const analyzed = analyze({ id: doc.id, text: doc.text, source: options.corpus }, shingleSize);
    sets.push(analyzed.shingleSet);
    if (sampleIds.length < options.sampleDocs) {
      sampleIds.push(doc.id);
      sampleStrings.push(shingleStrings(analyzed.tokens.words, shingleSize));
    }
    if (sets.length >= options.maxDocs) break;
  }
  const sample = sets.slice(0, sampleIds.length);

  const hasher = new MinHasher({ numPerm, seed: 1 });
  const scalar = new MinHasher({ numPerm, seed: 1 }, 'scalar');
  const corpusOut = new Int32Array(sets.length * numPerm);
  const sampleOut = new Int32Array(sample.length * numPerm);
  const scalarOut = new Int32Array(sample.length * numPerm);
  const neardupCorpus: Contender = {
    items: sets.length,
    batch: () => {
      for (let i = 0; i < sets.length; i++) hasher.signatureInto(sets[i]!, corpusOut, i * numPerm);
    },
  };
  const neardupSample: Contender = {
    items: sample.length,
    batch: () => {
      for (let i = 0; i < sample.length; i++) hasher.signatureInto(sample[i]!, sampleOut, i * numPerm);
    },
  };
  const scalarSample: Contender = {
    items: sample.length,
    batch: () => {
      for (let i = 0; i < sample.length; i++) scalar.signatureInto(sample[i]!, scalarOut, i * numPerm);
    },
  };
  let peerSignatures: Array<InstanceType<typeof minhash.Minhash>> = [];
  const peerSample: Contender = {
    items: sampleStrings.length,
    batch: () => {
      // A new Minhash per document is the package's API; its constructor draws 2 × numPerm numbers, noise beside the updates.
      peerSignatures = sampleStrings.map((strings) => {
        const m = new minhash.Minhash({ numPerm, seed: 1 });
        for (const s of strings) m.update(s);
        return m;
      });
    },
  };

  const stage = (rates: { neardupCorpus: Rate; neardupSample: Rate; scalarSample: Rate }) => ({
    numPerm,
    shingleSize,
    backend: hasher.backend,
    backendsAgree: sampleOut.every((v, i) => v === scalarOut[i]),
    corpusDocs: sets.length,
    corpusMeanShingles: mean(sets.map((s) => s.length)),
    neardupCorpus: rates.neardupCorpus,
    sampleDocs: sample.length,
    sampleMeanShingles: mean(sample.map((s) => s.length)),
    neardupSample: rates.neardupSample,
    scalarSample: rates.scalarSample,
  });
  if (options.skipPeer) return stage(measureRates({ neardupCorpus, neardupSample, scalarSample }));
  const rates = measureRates({ neardupCorpus, neardupSample, scalarSample, peerSample });

  const index = new Map(sampleIds.map((id, i) => [id, i]));
  const errors = { neardup: [] as number[], peer: [] as number[] };
  const signatureOf = (i: number) => ({ numPerm, seed: 1, values: sampleOut.subarray(i * numPerm, (i + 1) * numPerm) });
  for await (const pair of readJsonLines<PlantedPair>(options.truth)) {
    const i = index.get(pair.a);
    const j = index.get(pair.b);
    if (i === undefined || j === undefined) continue;
    errors.neardup.push(Math.abs(estimateJaccard(signatureOf(i), signatureOf(j)) - pair.jaccard));
    errors.peer.push(Math.abs(peerSignatures[i]!.jaccard(peerSignatures[j]!) - pair.jaccard));
  }
  return {
    ...stage(rates),
    peer: {
      package: `minhash@${(createRequire(import.meta.url)('minhash/package.json') as { version: string }).version}`,
      sample: rates.peerSample,
      estimateError: errors.neardup.length === 0 ? null : { pairs: errors.neardup.length, neardup: mean(errors.neardup), peer: mean(errors.peer) },
    },
    ratio: roundRatio(rates.neardupSample, rates.peerSample),
    scalarRatio: roundRatio(rates.scalarSample, rates.peerSample),
  };
}
