/**
 * The texts a review page shows beside the report: the clustered articles and those related to them (partial reuse)
 * only, read back after the scan through the same reading the scan used, and normalised as the report's offsets expect
 * (NFKC).
 */
import type { CheckResult, OriginalReader } from '../corpus/check.js';
import type { FileSystem } from '../input/file-system.js';
import { type ReadOptions, readInputs } from '../input/read.js';
import { foldText, normalizeText } from '../text/normalize.js';
import { tokenizeAndHash } from '../text/tokenize.js';
import type { PageTexts } from './render/html.js';

/** An article the report names, where it was read from, and how many words it had then. */
export interface TextWanted {
  readonly id: string;
  /** File the article came from ("-" for standard input). */
  readonly source: string;
  readonly words: number;
}

/** Texts by article id, and why the others are missing (read from standard input, gone, changed since). */
export interface ArticleTexts {
  readonly texts: ReadonlyMap<string, string>;
  readonly missing: ReadonlyMap<string, string>;
}

export const TEXT_FROM_STDIN = 'read from standard input, not kept';
export const TEXT_CHANGED = 'changed since the scan';
export const TEXT_GONE = 'no longer found in its source';

/** An indexed article a check matched, where the index recorded it (absolute path, JSONL line). */
export interface OriginalWanted {
  readonly id: string;
  readonly source: string;
  readonly line?: number;
  readonly words: number;
}

/** A cluster as the page needs its texts: its members, and the articles that took passages from them (related). */
export interface ClusterTexts {
  readonly members: readonly TextWanted[];
  readonly related?: readonly TextWanted[];
}

/** The clustered members of a scan result and their related articles, each once. */
export function clusteredArticles(clusters: readonly ClusterTexts[]): TextWanted[] {
  // An article related to several clusters, or related to one and a member of another, is read once.
  const wanted = new Map<string, TextWanted>();
  for (const c of clusters) {
    for (const { id, source, words } of [...c.members, ...(c.related ?? [])]) if (!wanted.has(id)) wanted.set(id, { id, source, words });
  }
  return [...wanted.values()];
}

/**
 * Reads the wanted articles again, each source once. A text is kept only if it still has the word count the scan
 * reported, so the report's passage offsets still point at the words they name.
 */
export async function readArticleTexts(wanted: readonly TextWanted[], fs: FileSystem, read: ReadOptions): Promise<ArticleTexts> {
  const texts = new Map<string, string>();
  const missing = new Map<string, string>();
  const keep = keeper(texts, missing);
  const bySource = new Map<string, Map<string, TextWanted>>();
  for (const w of wanted) {
    if (w.source === '-') missing.set(w.id, TEXT_FROM_STDIN);
    else {
      let ids = bySource.get(w.source);
      if (!ids) bySource.set(w.source, (ids = new Map()));
      ids.set(w.id, w);
    }
  }
  for (const source of [...bySource.keys()].sort()) {
    const ids = bySource.get(source)!;
    for await (const event of readInputs([source], fs, read)) {
      if (event.kind !== 'document') continue;
      const w = ids.get(event.document.id);
      if (w === undefined || event.document.source !== source || texts.has(w.id) || missing.has(w.id)) continue;
      keep(w, event.document.text);
    }
    for (const id of ids.keys()) if (!texts.has(id) && !missing.has(id)) missing.set(id, TEXT_GONE);
  }
  return { texts, missing };
}

/** Keeps a text read back, normalised, if it still has the words the report counted; else notes it changed. */
function keeper(texts: Map<string, string>, missing: Map<string, string>) {
  return (w: { readonly id: string; readonly words: number }, raw: string) => {
    const text = normalizeText(raw);
    if (tokenizeAndHash(foldText(text)).tokens.count === w.words) texts.set(w.id, text);
    else missing.set(w.id, TEXT_CHANGED);
  };
}

/** Reads back the indexed originals of verified matches, each once, as a check read them to verify (same word count). */
export async function readOriginalTexts(wanted: readonly OriginalWanted[], reader: OriginalReader, textField: string): Promise<ArticleTexts> {
  const texts = new Map<string, string>();
  const missing = new Map<string, string>();
  const keep = keeper(texts, missing);
  for (const w of wanted) {
    if (texts.has(w.id) || missing.has(w.id)) continue;
    const read = await reader.read({ source: w.source, ...(w.line === undefined ? {} : { line: w.line, field: textField }) });
    if ('reason' in read) missing.set(w.id, read.reason);
    else keep(w, read.text);
  }
  return { texts, missing };
}

/** What a check's review page shows: the new articles that copy indexed ones, and the originals of verified matches. */
export async function checkPageTexts(result: CheckResult, fs: FileSystem, read: ReadOptions, reader: OriginalReader): Promise<PageTexts> {
  const articles = await readArticleTexts(result.documents, fs, read);
  const verified = result.documents.flatMap((d) => d.matches.filter((m) => m.verified).map((m) => m.original));
  const originals = await readOriginalTexts(verified, reader, read.textField);
  return { articles: articles.texts, missing: articles.missing, originals: originals.texts, originalsMissing: originals.missing };
}

/** What a scan's review page shows: the clustered articles and the articles related to them. */
export async function scanPageTexts(clusters: readonly ClusterTexts[], fs: FileSystem, read: ReadOptions): Promise<PageTexts> {
  const articles = await readArticleTexts(clusteredArticles(clusters), fs, read);
  return { articles: articles.texts, missing: articles.missing };
}
