/**
 * The texts a review page shows beside the report: the clustered articles only, read back after the scan through the
 * same reading the scan used, and normalised as the report's offsets expect (NFKC).
 */
import type { FileSystem } from '../input/file-system.js';
import { type ReadOptions, readInputs } from '../input/read.js';
import { foldText, normalizeText } from '../text/normalize.js';
import { tokenizeAndHash } from '../text/tokenize.js';

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

/** The clustered members of a scan result, each once. */
export function clusteredArticles(clusters: ReadonlyArray<{ readonly members: readonly TextWanted[] }>): TextWanted[] {
  return clusters.flatMap((c) => c.members.map(({ id, source, words }) => ({ id, source, words })));
}

/**
 * Reads the wanted articles again, each source once. A text is kept only if it still has the word count the scan
 * reported, so the report's passage offsets still point at the words they name.
 */
export async function readArticleTexts(wanted: readonly TextWanted[], fs: FileSystem, read: ReadOptions): Promise<ArticleTexts> {
  const texts = new Map<string, string>();
  const missing = new Map<string, string>();
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
      if (w === undefined || event.document.source !== source || texts.has(w.id)) continue;
      const text = normalizeText(event.document.text);
      if (tokenizeAndHash(foldText(text)).tokens.count === w.words) texts.set(w.id, text);
      else missing.set(w.id, TEXT_CHANGED);
    }
    for (const id of ids.keys()) if (!texts.has(id) && !missing.has(id)) missing.set(id, TEXT_GONE);
  }
  return { texts, missing };
}
