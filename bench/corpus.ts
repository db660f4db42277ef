/**
 * Deterministic synthetic corpus with planted near-duplicates, and its ground truth.
 *
 * Documents are ~600 words drawn from a Zipf-distributed vocabulary of synthetic words. About a tenth of them are
 * edited copies of a base document (groups of one base and 1–4 copies). Edits come as single words and as
 * sentence-sized runs (substituted, inserted or deleted), which is how wire copy is re-edited, so the planted pairs
 * spread across the 0.8 Jaccard threshold instead of all falling far below it.
 *
 * Generation streams: memory holds one group and a small shuffle window, whatever the corpus size. The ground truth
 * is the exact 5-word-shingle Jaccard of every planted pair, computed with the library's own analyze() on the very
 * text written, so normalisation and tokenisation cannot differ from what scan() sees.
 */
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { analyze } from '../src/text/analyze.js';
import { seededRandom } from '../src/sketch/minhash.js';
import { NORMALIZATION_VERSION } from '../src/text/normalize.js';
import { intersectionSize } from '../src/text/shingle.js';

/** Bumped whenever the generator's output changes, so cached corpora of an older generator are not reused. */
export const GENERATOR_VERSION = 1;

export interface CorpusSpec {
  /** Documents written; default 20,000. */
  readonly docs: number;
  /** Seed of everything random; default 42. */
  readonly seed: number;
  /** Distinct synthetic words; default 20,000. */
  readonly vocabulary: number;
  /** Zipf exponent of word frequencies; default 1.0. */
  readonly zipf: number;
  /** Words of a base document, drawn uniformly from this range; default 400–800 (mean 600). */
  readonly words: readonly [number, number];
  /** Share of documents that are edited copies of a base; default 0.1. */
  readonly copyShare: number;
  /** Share of a copy's words edited, from min to max, skewed towards light edits; default 0.05–0.20. */
  readonly editRate: readonly [number, number];
  /** Words per shingle for the ground truth; default 5 (scan's default). */
  readonly shingleSize: number;
}

export const DEFAULT_SPEC: CorpusSpec = {
  docs: 20_000,
  seed: 42,
  vocabulary: 20_000,
  zipf: 1.0,
  words: [400, 800],
  copyShare: 0.1,
  editRate: [0.05, 0.2],
  shingleSize: 5,
};

export interface CorpusDocument {
  readonly id: string;
  readonly text: string;
}

/** Two documents of one planted group and their exact shingle Jaccard. */
export interface PlantedPair {
  readonly a: string;
  readonly b: string;
  readonly kind: 'base-copy' | 'copy-copy';
  readonly jaccard: number;
}

/** Written next to the corpus once it is complete; its presence marks a usable cached corpus. */
export interface CorpusMeta {
  readonly generatorVersion: number;
  /** The library's NORMALIZATION_VERSION the ground truth was computed under: a change re-generates it. */
  readonly normalizationVersion: number;
  readonly spec: CorpusSpec;
  readonly documents: number;
  readonly bytes: number;
  readonly groups: number;
  readonly copies: number;
  readonly pairs: number;
  /** Planted pairs with exact Jaccard at or above 0.5, 0.8 and 0.9. */
  readonly pairsAtLeast: { readonly '0.5': number; readonly '0.8': number; readonly '0.9': number };
  readonly generationSeconds: number;
}

export interface CorpusFiles {
  /** JSONL, one `{"id","text"}` object a line. */
  readonly corpus: string;
  /** JSONL, one PlantedPair a line. */
  readonly truth: string;
  readonly meta: string;
}

/** Uniform draws from the library's mulberry32 generator, so no Math.random anywhere. */
export class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** Uniform in [0, 1). */
  float(): number {
    return (this.next() >>> 0) / 4294967296;
  }
  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }
  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'dr', 'fl', 'gr', 'pl', 'pr', 'sh', 'st', 'th', 'tr', ''];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ou', 'io'];
const CODAS = ['', '', '', '', 'n', 'r', 's', 'l', 't', 'm', 'nd', 'st', 'ck'];

/**
 * Distinct lower-case ASCII words, most frequent first. Frequent words are short, as in real text: syllable counts
 * grow with the logarithm of the rank.
 */
export function syntheticVocabulary(size: number, random: Random): string[] {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < size) {
    const rank = words.length;
    const syllables = Math.min(4, 1 + Math.floor(Math.log10(rank + 1) / 3.5 + random.float() * 0.5));
    let word = '';
    for (let s = 0; s < syllables; s++) {
      word += ONSETS[random.below(ONSETS.length)]! + NUCLEI[random.below(NUCLEI.length)]!;
      if (s === syllables - 1) word += CODAS[random.below(CODAS.length)]!;
    }
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/**
 * Draws ranks 0 … size-1 with Zipf weights 1/(r+1)^exponent in constant time (Walker's alias method): one uniform
 * draw picks a column and, by its fractional part, either the column's rank or its alias.
 */
export class ZipfSampler {
  private readonly keep: Float64Array;
  private readonly alias: Int32Array;
  constructor(size: number, exponent: number) {
    const weights = new Float64Array(size);
    let total = 0;
    for (let r = 0; r < size; r++) total += weights[r] = 1 / (r + 1) ** exponent;
    for (let r = 0; r < size; r++) weights[r] = (weights[r]! * size) / total;
    this.keep = new Float64Array(size);
    this.alias = new Int32Array(size);
    const small: number[] = [];
    const large: number[] = [];
    for (let r = size - 1; r >= 0; r--) (weights[r]! < 1 ? small : large).push(r);
    // Invariant: every column on the stacks still needs filling up to (or holds more than) one unit of weight.
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.keep[s] = weights[s]!;
      this.alias[s] = l;
      weights[l] = weights[l]! + weights[s]! - 1;
      (weights[l]! < 1 ? small : large).push(l);
    }
    for (const r of [...small, ...large]) {
      this.keep[r] = 1;
      this.alias[r] = r;
    }
  }
  draw(random: Random): number {
    const u = random.float() * this.keep.length;
    const column = Math.floor(u);
    return u - column < this.keep[column]! ? column : this.alias[column]!;
  }
}

interface Group {
  readonly ids: Array<string | undefined>;
  remaining: number;
  readonly pairs: ReadonlyArray<{ readonly i: number; readonly j: number; readonly jaccard: number }>;
}

interface Pending {
  readonly text: string;
  readonly group?: Group;
  readonly member: number;
}

/** Documents shuffle through a window this large, so copies land near, not next to, their base. */
const SHUFFLE_WINDOW = 64;

/**
 * The corpus, document by document, each with the planted pairs completed by it (pairs are reported once both
 * their documents have ids). Pure: no I/O.
 */
export function* corpusDocuments(spec: CorpusSpec): Generator<{ document: CorpusDocument; pairs: PlantedPair[] }> {
  const random = new Random(spec.seed);
  const vocabulary = syntheticVocabulary(spec.vocabulary, random);
  const zipf = new ZipfSampler(spec.vocabulary, spec.zipf);
  const word = () => zipf.draw(random);
  const words = (count: number): number[] => {
    const out: number[] = [];
    for (let k = 0; k < count; k++) out.push(word());
    return out;
  };
  // P(a base gets copies) so that copies make up copyShare of all documents, with 2.5 copies per group on average.
  const groupChance = spec.copyShare / (1 - spec.copyShare) / 2.5;
  const width = String(Math.max(spec.docs, 1)).length;
  const window: Pending[] = [];
  let generated = 0;
  let emitted = 0;

  const render = (ranks: readonly number[]) => {
    // Punctuation and paragraphing vary per copy, as between outlets; tokens ignore both.
    let text = '';
    let sentenceLeft = 0;
    let sentencesInParagraph = random.between(2, 5);
    for (let i = 0; i < ranks.length; i++) {
      let w = vocabulary[ranks[i]!]!;
      if (sentenceLeft === 0) {
        if (i > 0) {
          text += '.';
          if (--sentencesInParagraph === 0) {
            text += '\n\n';
            sentencesInParagraph = random.between(2, 5);
          } else text += ' ';
        }
        sentenceLeft = random.between(8, 28);
        w = w[0]!.toUpperCase() + w.slice(1);
      } else {
        text += random.float() < 0.06 ? ', ' : ' ';
      }
      text += w;
      sentenceLeft--;
    }
    return `${text}.`;
  };

  const edit = (base: readonly number[]) => {
    const [lo, hi] = spec.editRate;
    const rate = lo + (hi - lo) * random.float() ** 2;
    const copy = [...base];
    let budget = Math.max(1, Math.round(rate * base.length));
    while (budget > 0) {
      // A third of the edits touch one word (a typo fixed, a name changed), the rest a sentence-sized run.
      const run = Math.min(budget, random.float() < 1 / 3 ? 1 : random.between(5, 25));
      const op = random.below(3);
      if (op === 0) {
        const at = random.below(copy.length - run + 1);
        for (let k = 0; k < run; k++) copy[at + k] = word();
      } else if (op === 1 || copy.length - run < spec.words[0] / 2) {
        const at = random.below(copy.length + 1);
        copy.splice(at, 0, ...words(run));
      } else {
        copy.splice(random.below(copy.length - run + 1), run);
      }
      budget -= run;
    }
    return copy;
  };

  const newStory = (): Pending[] => {
    const base = words(random.between(spec.words[0], spec.words[1]));
    const copies = random.float() < groupChance ? Math.min(random.between(1, 4), spec.docs - generated - 1) : 0;
    if (copies <= 0) return [{ text: render(base), member: 0 }];
    const texts = [render(base), ...Array.from({ length: copies }, () => render(edit(base)))];
    const sets = texts.map((text) => analyze({ id: '', text, source: '' }, spec.shingleSize).shingleSet);
    const pairs: Array<{ i: number; j: number; jaccard: number }> = [];
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        const shared = intersectionSize(sets[i]!, sets[j]!);
        pairs.push({ i, j, jaccard: shared / (sets[i]!.length + sets[j]!.length - shared) });
      }
    }
    const group: Group = { ids: texts.map(() => undefined), remaining: texts.length, pairs };
    return texts.map((text, member) => ({ text, group, member }));
  };

  const emit = (pending: Pending) => {
    const id = `syn-${String(++emitted).padStart(width, '0')}`;
    const pairs: PlantedPair[] = [];
    const group = pending.group;
    if (group) {
      group.ids[pending.member] = id;
      if (--group.remaining === 0) {
        for (const { i, j, jaccard } of group.pairs) {
          pairs.push({ a: group.ids[i]!, b: group.ids[j]!, kind: i === 0 ? 'base-copy' : 'copy-copy', jaccard });
        }
      }
    }
    return { document: { id, text: pending.text }, pairs };
  };

  while (generated < spec.docs) {
    const story = newStory();
    generated += story.length;
    window.push(...story);
    while (window.length > SHUFFLE_WINDOW) {
      const k = random.below(window.length);
      const [pending] = window.splice(k, 1);
      yield emit(pending!);
    }
  }
  while (window.length > 0) {
    const [pending] = window.splice(random.below(window.length), 1);
    yield emit(pending!);
  }
}

export function corpusFiles(dir: string, spec: CorpusSpec): CorpusFiles {
  const stem = join(dir, `corpus-v${GENERATOR_VERSION}-seed${spec.seed}-${spec.docs}`);
  return { corpus: `${stem}.jsonl`, truth: `${stem}.truth.jsonl`, meta: `${stem}.meta.json` };
}

/** The cached corpus's meta data, if a complete corpus of this very spec is on disk. */
export function cachedCorpus(files: CorpusFiles, spec: CorpusSpec): CorpusMeta | undefined {
  if (!existsSync(files.meta) || !existsSync(files.corpus) || !existsSync(files.truth)) return undefined;
  const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as CorpusMeta;
  const same =
    meta.generatorVersion === GENERATOR_VERSION &&
    meta.normalizationVersion === NORMALIZATION_VERSION &&
    JSON.stringify(meta.spec) === JSON.stringify(spec);
  return same && statSync(files.corpus).size === meta.bytes ? meta : undefined;
}

/** Buffers text and writes it in large synchronous chunks, so memory stays flat however much is written. */
class ChunkedWriter {
  private readonly fd: number;
  private buffer = '';
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 22) this.flush();
  }
  flush(): void {
    if (this.buffer === '') return;
    const chunk = Buffer.from(this.buffer, 'utf8');
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.buffer = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes the corpus and its ground truth (unless a complete one of this spec is cached) and returns its meta data.
 * Files are written under temporary names and renamed at the end, so an interrupted run leaves nothing reusable.
 */
export function ensureCorpus(dir: string, spec: CorpusSpec, progress: (done: number) => void = () => {}): { files: CorpusFiles; meta: CorpusMeta; cached: boolean } {
  const files = corpusFiles(dir, spec);
  const cached = cachedCorpus(files, spec);
  if (cached) return { files, meta: cached, cached: true };
  mkdirSync(dir, { recursive: true });
  const start = process.hrtime.bigint();
  const corpus = new ChunkedWriter(`${files.corpus}.part`);
  const truth = new ChunkedWriter(`${files.truth}.part`);
  let documents = 0;
  let groups = 0;
  let copies = 0;
  let pairs = 0;
  const atLeast = { '0.5': 0, '0.8': 0, '0.9': 0 };
  for (const { document, pairs: completed } of corpusDocuments(spec)) {
    corpus.write(`${JSON.stringify(document)}\n`);
    if (++documents % 50_000 === 0) progress(documents);
    for (const pair of completed) {
      truth.write(`${JSON.stringify(pair)}\n`);
      pairs++;
      if (pair.kind === 'base-copy') copies++;
      if (pair.jaccard >= 0.5) atLeast['0.5']++;
      if (pair.jaccard >= 0.8) atLeast['0.8']++;
      if (pair.jaccard >= 0.9) atLeast['0.9']++;
    }
    if (completed.length > 0) groups++;
  }
  corpus.close();
  truth.close();
  renameSync(`${files.corpus}.part`, files.corpus);
  renameSync(`${files.truth}.part`, files.truth);
  const meta: CorpusMeta = {
    generatorVersion: GENERATOR_VERSION,
    normalizationVersion: NORMALIZATION_VERSION,
    spec,
    documents,
    bytes: corpus.bytes,
    groups,
    copies,
    pairs,
    pairsAtLeast: atLeast,
    generationSeconds: Number(process.hrtime.bigint() - start) / 1e9,
  };
  writeFileSync(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
  return { files, meta, cached: false };
}

/** Lines of a JSONL file, parsed, streamed. */
export async function* readJsonLines<T>(path: string): AsyncGenerator<T> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line !== '') yield JSON.parse(line) as T;
  }
}
