import { type DomDocument, type DomElement, parseDocument, readabilityClass } from './dom.js';
import { jsonLdArticleBody, pageDate } from './page-date.js';
import { flattenDeepHtml } from './flatten.js';
import { isHidden, joinBlocks, nestingDepth, textBlocks, wordCount } from './text.js';

/** An article's text as taken from an HTML page. */
export interface ExtractedArticle {
  readonly title?: string;
  /** The title, then the body's paragraphs (headings, list items …), separated by blank lines; entities decoded. */
  readonly text: string;
  /** Publication time as ISO 8601 UTC, where the page states one (see {@link pageDate}). */
  readonly date?: string;
  /**
   * `readability`: the article Readability found; `fallback`: all the page's visible text; `json-ld` or `noscript`: the
   * articleBody of the page's JSON-LD, or the text of its <noscript> elements, where the page shows far less (a body
   * drawn by script).
   */
  readonly method: 'readability' | 'fallback' | 'json-ld' | 'noscript';
  /** Why the fallback, the JSON-LD body or the <noscript> text was used. */
  readonly note?: string;
}

/**
 * How many times the words of the text found the page's JSON-LD articleBody (or its <noscript> text) must hold to be
 * read instead: a page whose body is drawn by script shows a title and a footer, and its structured data the story.
 */
const HIDDEN_BODY_FACTOR = 2;
/** Fewest words such a body must hold: a <noscript> that asks for JavaScript is no article. */
const MIN_HIDDEN_BODY_WORDS = 50;

/**
 * Least share of the page's visible words that Readability's article must hold; below it, Readability is taken to
 * have picked a fragment (a teaser, a caption) and the page's visible text is used instead. Articles on the fixture
 * sites hold 40–74% of their pages' words.
 */
export const MIN_ARTICLE_SHARE = 0.2;

/**
 * Deepest nesting of elements a page is read with. Readability's time grows steeply with depth (256 nested <div>s:
 * 0.8 s; 1,000: 30 s) and its recursion overflows the stack further down, and linkedom's parse grows with its square;
 * real pages nest some 20–40 deep. Deeper tags are taken out before parsing (their text kept) and the page's visible
 * text is used, with a note.
 */
export const MAX_HTML_DEPTH = 256;

function sameText(a: string, b: string): boolean {
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return fold(a) === fold(b);
}

function metaTitle(document: DomDocument): string | undefined {
  const og = document.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim();
  const title = og || document.title.trim();
  return title === '' ? undefined : title.replace(/\s+/g, ' ');
}

/**
 * Class and id words of page furniture that Readability's own list of unlikely candidates lacks: cookie and consent
 * banners, newsletter and sign-up prompts. Readability appends such a block to the article when it sits beside the
 * article's container and reads like a paragraph.
 */
const FURNITURE_WORDS = new Set(['cookie', 'cookies', 'consent', 'newsletter', 'newsletters', 'signup', 'subscribe']);
/** A furniture block longer than this is left alone: it may be a wrapper round the article itself. */
const MAX_FURNITURE_WORDS = 80;
/**
 * Elements that hold the article's own prose, never removed for a name: "subscriber-only" paragraphs of a paywalled
 * story, a "pullquote-consent-story", are the article.
 */
const PROSE = new Set(['P', 'BLOCKQUOTE', 'LI', 'PRE', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** Whether a class or id names furniture by one of its words: "cookie-banner", "newsletterSignup", "sign-up". */
function namesFurniture(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/sign[-_ ]up/g, 'signup')
    .split(/[^a-z]+/);
  return words.some((word) => FURNITURE_WORDS.has(word));
}

function removeFurniture(document: DomDocument): DomDocument {
  // Hidden elements first, as a reader never sees them: Readability drops style="display:none" but not its variants
  // ("display: none !important", "Display:None"), which then reached the article.
  for (const element of [...document.body.querySelectorAll('[hidden], [style]')].filter(isHidden)) element.remove();
  const doomed = [...document.body.querySelectorAll('[class], [id]')].filter(
    (element) =>
      !PROSE.has(element.nodeName) &&
      namesFurniture(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`) &&
      element.querySelector('h1, article') === null &&
      wordCount(element.textContent ?? '') <= MAX_FURNITURE_WORDS,
  );
  for (const element of doomed) element.remove();
  return document;
}

interface ReadableArticle {
  readonly title: string | undefined;
  readonly blocks: string[];
  /** Readability's article element, where a <time> may give the date. */
  readonly content: DomElement;
}

/** Readability's article, or why it is not to be used: none found, an error, or far less text than the page shows. */
function readableArticle(html: string, visibleWords: number): { article: ReadableArticle } | { reason: string } {
  let article: ReadableArticle;
  try {
    // Readability rewrites the document it reads, so it gets a parse of its own.
    const reader = new (readabilityClass())<DomElement>(removeFurniture(parseDocument(html)), { serializer: (node: DomElement) => node });
    const result = reader.parse();
    if (result === null || !result.content) return { reason: 'Readability found no article' };
    const title = result.title?.replace(/\s+/g, ' ').trim() || undefined;
    article = { title, blocks: textBlocks(result.content), content: result.content };
  } catch (error) {
    return { reason: `Readability failed (${error instanceof Error ? error.message : String(error)})` };
  }
  const words = wordCount(article.blocks.join(' '));
  if (words === 0) return { reason: 'Readability found an article with no text' };
  if (words < MIN_ARTICLE_SHARE * visibleWords) {
    return { reason: `Readability's article holds ${words} of the page's ${visibleWords} visible words (under ${MIN_ARTICLE_SHARE * 100}%)` };
  }
  return { article };
}

/**
 * The article in an HTML page: its title, text and publication date. The text is what Readability (over a linkedom
 * DOM) takes to be the article. Where it finds none, or one with less than {@link MIN_ARTICLE_SHARE} of the page's
 * visible words, the text is all the visible text instead (method `fallback`, with a note saying why). Scripts,
 * styles, templates, drawings and hidden elements never reach the text. `url`, where known, is a last source for the
 * date (/2023/09/12/ in its path).
 */
export function extractArticle(given: string, url?: string): ExtractedArticle {
  const { found, page } = pageArticle(given, url);
  // Most pages have neither: they are looked for in the page's text before its tree is searched.
  const hasBody = given.includes('articleBody');
  const hasNoscript = /<noscript/i.test(given);
  if (!hasBody && !hasNoscript) return found;
  const foundWords = wordCount(found.text);
  const body = hasBody ? jsonLdArticleBody(page) : undefined;
  const sources = [
    ['json-ld', 'its JSON-LD articleBody', () => (body === undefined ? [] : body.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== ''))],
    ['noscript', 'its <noscript> text', () => (hasNoscript ? [...page.body.querySelectorAll('noscript')].flatMap((element) => textBlocks(element)) : [])],
  ] as const;
  for (const [method, where, paragraphsOf] of sources) {
    const paragraphs = paragraphsOf();
    const words = wordCount(paragraphs.join(' '));
    if (words < MIN_HIDDEN_BODY_WORDS || words < HIDDEN_BODY_FACTOR * foundWords) continue;
    const opensWithTitle = found.title === undefined || (paragraphs[0] !== undefined && sameText(paragraphs[0], found.title));
    return {
      ...(found.title === undefined ? {} : { title: found.title }),
      text: joinBlocks(opensWithTitle ? paragraphs : [found.title!, ...paragraphs]),
      ...(found.date === undefined ? {} : { date: found.date }),
      method,
      note: `the page shows ${foundWords} words of text and ${where} ${words}: used ${where}`,
    };
  }
  return found;
}

/** The article the page shows (Readability's, or all the visible text), and the page as parsed (not Readability's). */
function pageArticle(given: string, url?: string): { found: ExtractedArticle; page: DomDocument } {
  const { html, flattened } = flattenDeepHtml(given, MAX_HTML_DEPTH);
  const page = parseDocument(html);
  const visible = textBlocks(page.body);
  const found =
    flattened || nestingDepth(page.body, MAX_HTML_DEPTH) > MAX_HTML_DEPTH
      ? { reason: `elements nested more than ${MAX_HTML_DEPTH} deep (flattened; Readability is not run on such a page)` }
      : readableArticle(html, wordCount(visible.join(' ')));
  if ('article' in found) {
    const { title = metaTitle(page), blocks, content } = found.article;
    const opensWithTitle = title === undefined || (blocks[0] !== undefined && sameText(blocks[0], title));
    const date = pageDate(page, content, url);
    return {
      found: {
        ...(title === undefined ? {} : { title }),
        text: joinBlocks(opensWithTitle ? blocks : [title, ...blocks]),
        ...(date === undefined ? {} : { date }),
        method: 'readability',
      },
      page,
    };
  }
  const title = metaTitle(page);
  const date = pageDate(page, undefined, url);
  return {
    found: {
      ...(title === undefined ? {} : { title }),
      text: joinBlocks(visible),
      ...(date === undefined ? {} : { date }),
      method: 'fallback',
      note: `${found.reason}: used all the page's visible text`,
    },
    page,
  };
}
