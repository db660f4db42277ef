import { parseDateValue } from './dates.js';
import { NOT_PUBLICATION } from './dateline.js';
import type { DomDocument, DomElement } from './dom.js';
import { textBlocks, wordCount } from './text.js';

/** `<meta name>` values that carry the publication date (compared case-insensitively). */
const DATE_META_NAMES = ['date', 'pubdate', 'publish-date', 'dc.date.issued'];

/** schema.org types of an article: NewsArticle, ReportageNewsArticle, BlogPosting, Report … */
const ARTICLE_TYPES = /(?:Article|Posting|Report)$/;

function metaDate(document: DomDocument, attribute: 'property' | 'name', names: readonly string[]): string | undefined {
  for (const meta of document.querySelectorAll(`meta[${attribute}]`)) {
    const name = meta.getAttribute(attribute)?.trim().toLowerCase() ?? '';
    if (!names.includes(name)) continue;
    const date = parseDateValue(meta.getAttribute('content') ?? '');
    if (date !== undefined) return date;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Objects of a JSON-LD value in document order: the value itself, array items, `@graph` members and a page's
 * `mainEntity` (a WebPage whose article is nested in it), recursively.
 */
function* ldObjects(value: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const item of value) yield* ldObjects(item, depth + 1);
  } else if (isObject(value)) {
    yield value;
    if ('@graph' in value) yield* ldObjects(value['@graph'], depth + 1);
    if ('mainEntity' in value) yield* ldObjects(value['mainEntity'], depth + 1);
  }
}

function isArticleType(object: Record<string, unknown>): boolean {
  const type = object['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t));
}

/** The objects of each page's JSON-LD, parsed once: its date and its articleBody both read them. */
const parsedLd = new WeakMap<DomDocument, Array<Record<string, unknown>>>();

/** The objects of the page's JSON-LD blocks, in document order (see ldObjects). */
function jsonLdObjects(document: DomDocument): Array<Record<string, unknown>> {
  const known = parsedLd.get(document);
  if (known !== undefined) return known;
  const objects: Array<Record<string, unknown>> = [];
  parsedLd.set(document, objects);
  for (const script of document.querySelectorAll('script[type]')) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      objects.push(...ldObjects(JSON.parse(script.textContent ?? '')));
    } catch {
      // A malformed block is common enough on the web; the other sources still count.
    }
  }
  return objects;
}

/** The longest `articleBody` an article object of the page's JSON-LD gives, or undefined. */
export function jsonLdArticleBody(document: DomDocument): string | undefined {
  let longest: string | undefined;
  for (const object of jsonLdObjects(document)) {
    const body = object['articleBody'];
    if (isArticleType(object) && typeof body === 'string' && body.trim().length > (longest?.length ?? 0)) longest = body.trim();
  }
  return longest;
}

/** `datePublished` of the page's JSON-LD, an article's before any other object's (a WebPage's, say). */
function jsonLdDate(document: DomDocument): string | undefined {
  const objects = jsonLdObjects(document);
  const ordered = [...objects.filter(isArticleType), ...objects.filter((o) => !isArticleType(o))];
  for (const object of ordered) {
    const value = object['datePublished'];
    const date = typeof value === 'string' ? parseDateValue(value) : undefined;
    if (date !== undefined) return date;
  }
  return undefined;
}

/**
 * The page's main <article>: the one with the most text that is not inside page furniture. Teaser cards in a
 * "Latest stories" column are often <article>s too, each with its own <time>.
 */
function mainArticle(document: DomDocument): DomElement | undefined {
  let best: DomElement | undefined;
  let bestWords = 0;
  for (const article of document.querySelectorAll('article, [itemprop="articleBody"]')) {
    if (article.closest('aside, nav, footer') !== null) continue;
    const words = wordCount(textBlocks(article).join(' '));
    if (words > bestWords) {
      best = article;
      bestWords = words;
    }
  }
  return best;
}

/** Whether a <time> is not the publication's (an update, a scrape date): by its markup or the words before it. */
function isModification(time: DomElement): boolean {
  const marks = `${time.getAttribute('itemprop') ?? ''} ${time.getAttribute('class') ?? ''} ${time.getAttribute('id') ?? ''}`;
  if (/modified|updated/i.test(marks)) return true;
  const parent = time.parentNode;
  if (parent === null) return false;
  let before = '';
  for (const node of parent.childNodes) {
    if (node === time) break;
    before += node.textContent ?? '';
  }
  // The label just before it, read as a dateline's ("Updated 7 March · Published 5 March"), not a word further back.
  return NOT_PUBLICATION.test(before.slice(-24).split(/[·|•—]/).at(-1) ?? '');
}

/** The first <time datetime> outside page furniture that gives the publication date (another date only failing that). */
function timeDate(root: DomElement): string | undefined {
  let changed: string | undefined;
  for (const time of root.querySelectorAll('time[datetime]')) {
    if (time.closest('aside, nav, footer') !== null) continue;
    const date = parseDateValue(time.getAttribute('datetime') ?? '');
    if (date === undefined) continue;
    if (!isModification(time)) return date;
    changed ??= date;
  }
  return changed;
}

/** A date in a URL path: /2023/09/12/ or /2023-09-12-slug. */
function urlDate(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?=[/-]|$)/.exec(path);
  return m ? parseDateValue(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

/**
 * The publication date a page states, as ISO 8601 UTC. Read in this order:
 * `<meta property="article:published_time">`; `<meta name="date" | "pubdate" | "publish-date" | "DC.date.issued">`;
 * JSON-LD `datePublished`; `<time datetime>` inside the main article (or, failing that, inside `content`, the
 * article Readability found); a date in the URL's path.
 */
export function pageDate(document: DomDocument, content?: DomElement, url?: string): string | undefined {
  const article = mainArticle(document);
  return (
    metaDate(document, 'property', ['article:published_time']) ??
    metaDate(document, 'name', ['article:published_time', ...DATE_META_NAMES]) ??
    jsonLdDate(document) ??
    (article && timeDate(article)) ??
    (content && timeDate(content)) ??
    (url === undefined ? undefined : urlDate(url))
  );
}
