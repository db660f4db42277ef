import { createHash } from 'node:crypto';
import type { CheckReport } from '../check-report.js';
import type { Report } from '../scan-report.js';
import { jsonChunks } from './json.js';
import { spellingVariants } from '../../text/normalize.js';
import { PAGE_SCRIPT } from './html/page-script.js';
import { PAGE_STYLE } from './html/page-style.js';
import { headlineCounts, plural } from './words.js';

/** Texts a review page embeds, by article id, and why others are left out; for check, the indexed originals apart. */
export interface PageTexts {
  readonly articles: ReadonlyMap<string, string>;
  readonly missing?: ReadonlyMap<string, string>;
  readonly originals?: ReadonlyMap<string, string>;
  readonly originalsMissing?: ReadonlyMap<string, string>;
}

/** What a reporter may need beyond the report: the articles' texts, for the review page. */
export interface RenderExtras {
  readonly texts?: PageTexts;
}

export const NO_TEXTS: PageTexts = { articles: new Map() };

/**
 * JSON made safe inside a script element: every "<" written as \u003c (valid JSON, the same value), so neither
 * "</script>" nor "<!--" in an id or a text can end the element early.
 */
export function scriptSafeJson(json: string): string {
  return json.replace(/</g, '\\u003c');
}

const SCRIPT_HASH = `sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}`;

/** Nothing may be fetched: the page's one script is allowed by its hash, styles inline, images only as data. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; script-src '${SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Sorted by id, so the same texts give the same page; without a prototype, so an id `__proto__` is a key like any. */
function textsObject(map: ReadonlyMap<string, string> | undefined): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (map) for (const id of [...map.keys()].sort()) out[id] = map.get(id)!;
  return out;
}

function textsJson(texts: PageTexts): string {
  return JSON.stringify({
    articles: textsObject(texts.articles),
    missing: textsObject(texts.missing),
    ...(texts.originals ? { originals: textsObject(texts.originals), originalsMissing: textsObject(texts.originalsMissing) } : {}),
    // The page marks words changed in place as neardup compares words: spelling variants count as the same word.
    spellings: Object.fromEntries([...spellingVariants()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function pageTitle(report: Report | CheckReport): string {
  if ('kind' in report) return `neardup check: ${report.summary.withCopies} of ${report.summary.checked} articles copy indexed ones`;
  return `neardup: ${plural(headlineCounts(report).clusters, 'cluster')} in ${plural(report.summary.documents, 'article')}`;
}

function opening(report: Report | CheckReport): string {
  const check = 'kind' in report;
  const noun = check ? 'Articles' : 'Clusters';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="neardup">
<link rel="icon" href="data:,">
<title>${escapeHtml(pageTitle(report))}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#detail">Skip to the ${check ? 'article' : 'cluster'} shown</a>
<header class="page">
<h1>${check ? 'neardup check: new articles against the index' : 'neardup: near-duplicate review'}</h1>
<section aria-label="Summary"><dl id="summary-figures"></dl><ul id="summary-params" aria-label="Parameters"></ul></section>
</header>
<div class="layout">
<nav class="clusters" aria-label="${noun}">
<div class="controls" role="search">
<label for="filter-relation">Show ${noun.toLowerCase()} with a copy that is
<select id="filter-relation"><option value="">any relation</option></select></label>
<label for="search">Search ids and words
<input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="id or words"></label>
<p class="hint">Keys: <kbd>j</kbd>/<kbd>↓</kbd> next, <kbd>k</kbd>/<kbd>↑</kbd> previous, <kbd>/</kbd> search.</p>
</div>
<p id="list-count" aria-live="polite"></p>
<ol id="cluster-list"></ol>
<button id="list-more" type="button" hidden>Show more</button>
</nav>
<main id="main">
<ul class="legend" aria-label="Legend">
<li><ins class="added">added</ins> text the copy adds</li>
<li><del class="missing">missing</del> text the copy lacks</li>
<li><mark class="changed">changed</mark> words changed in place</li>
<li><span class="linked">linked</span> sentence derived from another, and its source</li>
</ul>
<div id="detail"></div>
</main>
</div>
<noscript><p>This review page needs JavaScript to show the clusters; the same data is in the JSON report (--format json).</p></noscript>
`;
}

/**
 * A self-contained review page: the report itself (the very JSON --format json writes) and the texts it refers to,
 * each in a data block the page's script reads; nothing is fetched. Given in pieces, a cluster at a time.
 */
export function* htmlChunks(report: Report | CheckReport, texts: PageTexts = NO_TEXTS): Generator<string> {
  yield opening(report);
  yield '<script type="application/json" id="neardup-report">\n';
  if ('kind' in report) yield scriptSafeJson(`${JSON.stringify(report, null, 2)}\n`);
  else for (const piece of jsonChunks(report)) yield scriptSafeJson(piece);
  yield '</script>\n<script type="application/json" id="neardup-texts">';
  yield scriptSafeJson(textsJson(texts));
  yield `</script>\n<script>${PAGE_SCRIPT}</script>\n</body>\n</html>\n`;
}

/** The whole page as one string. */
export function renderHtml(report: Report | CheckReport, texts: PageTexts = NO_TEXTS): string {
  return [...htmlChunks(report, texts)].join('');
}

/** The report embedded in a page, parsed back: what the page shows is this. */
export function embeddedReport(page: string): unknown {
  const match = /<script type="application\/json" id="neardup-report">\n([\s\S]*?)<\/script>/.exec(page);
  if (!match) throw new Error('no embedded report in this page');
  return JSON.parse(match[1]!);
}
