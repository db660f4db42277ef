import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/input/extract/dom.js';
import { extractArticle, MIN_ARTICLE_SHARE } from '../../../src/input/extract/html.js';
import { textBlocks } from '../../../src/input/extract/text.js';
import { memoryFileSystem } from '../../../src/input/file-system.js';
import { withDefaults } from '../../../src/options.js';
import { scan } from '../../../src/scan/scan.js';
import { htmlSitesDir, seedsDir } from '../../helpers/paths.js';

const sitesDir = htmlSitesDir;
const pages = readdirSync(sitesDir)
  .sort()
  .flatMap((site) => readdirSync(join(sitesDir, site)).sort().map((file) => `${site}/${file}`));
const html = (page: string) => readFileSync(join(sitesDir, page), 'utf8');
const siteOf = (page: string) => page.slice(0, page.indexOf('/'));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each seed copy as a page of its own site, with the lines of the seed that the page's header furniture loses. */
const SEED_PAGES = {
  'asianlite-news/us-warns-kim-putin-on-arms-deal.html': {
    seed: '000_57b94c88e1d251a3.txt',
    first: 'North Korea’s Kim Jong Un was in Russia on a rare overseas visit Tuesday ahead of a meeting with President Vladimir Putin, sparking warnings from Washington over a possible arms deal for Moscow’s war in Ukraine.',
    lost: ['Today: 30 May 2025', '12 September 2023', '4 mins read'],
  },
  'wire-mirror/north-koreas-kim-in-russia-for-putin-talks.html': {
    seed: '001_1689a2795c3fa6a7.txt',
    first: 'North Korean leader Kim Jong Un arrived in Russia on Tuesday ahead of a meeting with President Vladimir Putin that the United States has warned could see an arms deal to support Moscow’s assault on Ukraine.',
    lost: ["Kim Jong Un tells Putin that Russia will win 'great victory' over enemies: Russian agencies", 'Source: Video Screenshot'],
  },
  'harbour-times/north-koreas-kim-in-russia-for-putin-talks.html': {
    seed: '002_3afb60d8cb355dca.txt',
    first: "North Korea's Kim Jong Un was in Russia on a rare overseas visit Tuesday ahead of a meeting with President Vladimir Putin, sparking warnings from Washington over a possible arms deal for Moscow's war in Ukraine.",
    lost: [],
  },
  'pacific-ledger/kim-jong-un-in-russia-for-talks-with-putin.html': {
    seed: '003_e9f2a0a8075f9824.txt',
    first: "North Korea's Kim Jong-un was in Russia on a rare overseas trip ahead of a meeting with President Vladimir Putin, sparking warnings from Washington over a possible arms deal for Moscow's war in Ukraine.",
    lost: ['September 12, 2023'],
  },
  'trendline-daily/kim-jong-un-to-meet-putin-in-russia.html': {
    seed: '004_fe1fa3bedf862f6b.txt',
    first: 'North Korean leader Kim Jong-un was in Russia on a rare overseas tour ahead of a summit with Russian President Vladimir Putin, prompting warnings from Washington about a potential weaponry sale for Moscow’s war in Ukraine.',
    lost: ['World', 'By', 'Published', 'North Korea kim jong un'],
  },
} as const;
type SeedPage = keyof typeof SEED_PAGES;
const isSeedPage = (page: string): page is SeedPage => Object.hasOwn(SEED_PAGES, page);

/** The first sentence of each unrelated story. */
const STORY_OPENINGS: Record<string, string> = {
  'asianlite-news/assam-floods-displace-thousands.html': 'More than 40,000 people have been forced from their homes in the north-eastern Indian state of Assam',
  'asianlite-news/dubai-mumbai-freight-corridor-talks.html': 'Officials from India and the United Arab Emirates opened what both sides described as the final round of talks',
  'asianlite-news/womens-t20-series-colombo.html': 'Priya Nair struck an unbeaten 78 off 54 balls as India’s women chased down 164',
  'harbour-times/ferry-terminal-upgrade-approved.html': 'Kingsbridge city council has approved a 48 million dollar upgrade of the ageing ferry terminal',
  'harbour-times/harbour-swim-returns.html': 'The annual harbour swim will return in February for the first time in six years',
  'harbour-times/marine-heatwave-bleaches-reef.html': 'Large parts of the reef off the northern cape have bleached after weeks of unusually warm water',
  'pacific-ledger/carmaker-recalls-hybrids-brake-software.html': 'A Japanese carmaker said on Tuesday it would recall about 310,000 hybrid vehicles worldwide',
  'pacific-ledger/seoul-summons-russian-envoy-missile-test.html': 'South Korea summoned Russia’s ambassador on Thursday after North Korea test-fired',
  'trendline-daily/foldable-phone-sales-double.html': 'Global shipments of foldable smartphones roughly doubled in the first quarter from a year earlier',
  'trendline-daily/spain-heatwave-tourist-hotspots.html': 'Several of Spain’s busiest tourist sites have cut opening hours or closed outdoor areas at midday',
  'wire-mirror/chile-central-bank-holds-rate.html': 'Chile’s central bank kept its benchmark interest rate at 5.5 percent on Tuesday',
  'wire-mirror/roman-shipwreck-sardinia.html': 'Archaeologists have found the wreck of a Roman merchant ship off the north-east coast of Sardinia',
};

/**
 * Strings of each site's template, in its page furniture (nav, cookie banner, sidebar, related box, newsletter,
 * footer) and in its scripts, styles and JSON-LD. harbour-times also repeats its sidebar heading "Latest stories" and
 * a weather line: on its two shortest pages Readability keeps the sidebar's heading once it has cleaned the teasers
 * away, so those two strings are not listed for it.
 */
const TEMPLATE: Record<string, readonly string[]> = {
  'asianlite-news': [
    'UK News', 'Lifestyle', 'We use cookies to personalise content and ads', 'Manage choices',
    'News from Asia for the diaspora in Britain and the Gulf', 'Latest stories', 'Spice exporters eye Gulf demand',
    'Diwali on the Square', 'Kerala start-up raises seed round', 'You may also like', 'Bhutan opens new trekking route',
    'Share this story', 'The Asianlite morning briefing', 'Sign me up', 'Asianlite Media Ltd',
    'Reproduction without written permission', 'Asianlite pageview beacon', 'alTrack', 'Asianlite sponsored slot',
    'position:fixed', 'schema.org',
  ],
  'wire-mirror': [
    'Asia-Pacific', 'Markets', 'our 143 partners', 'Privacy settings', 'The world’s wires, in one place', 'Latest stories',
    'Floods close schools across southern Brazil', 'Most read', 'Vatican opens archive', 'More on this story',
    'Timeline: a decade of summit diplomacy', 'Filed under', 'Wire Mirror Daily', 'Subscribe now',
    'Wire Mirror Media Group', 'Contact the newsroom', 'Wire Mirror reader metrics', 'Press play to watch the report',
    'font-family', 'wmAnalytics', 'Wire Mirror staff',
  ],
  'harbour-times': [
    "Today's paper", 'Log in', 'Serving Kingsbridge and the bay since 1884', 'Death notices', 'Classifieds',
    'This site uses cookies', 'By continuing to browse', 'Kingsbridge rowers win national eights title',
    'Bus fares to rise by 50 cents', 'Related coverage', 'the day the Russian fleet visited Kingsbridge',
    'Get the Harbour Times in your inbox', 'shipping movements and tide times', 'Bayside Community Press', '14 Quay Street',
    'The Harbour Times article view', 'Loading harbour forecast', 'setAccount', 'margin: 0 auto',
  ],
  'pacific-ledger': [
    'Skip to content', 'Podcasts', 'Subscribe from $1 a week', 'Pacific Ledger uses cookies', 'Reject non-essential',
    'Latest stories', 'Typhoon season forecast to be busier than usual', 'Singapore port volumes hit monthly record',
    'Related stories', 'Explained: the sanctions regime on North Korea', 'The Ledger Brief', 'Join 80,000 readers',
    'Pacific Ledger Media Pty Ltd', 'Standards and ethics', 'Topics:', 'article limit', 'initLedger', '--ledger-accent',
    'works best with JavaScript',
  ],
  'trendline-daily': [
    'This website uses cookies to ensure', 'Got it!', 'What’s trending, explained', 'Entertainment', 'Breaking:',
    'Gold hits new high', 'Markets open mixed in Asia', 'Latest stories', '10 Habits of People Who Never Miss a Flight',
    'Why Everyone Is Talking About Cold Plunges', 'Related Posts', 'Celebrity Chef Opens Restaurant in a Lighthouse',
    'Never miss a trend', 'Join 250,000 readers', 'Powered by curiosity', 'Trendline Daily brings you the stories',
    'Load more trending articles', 'googletag', 'td_cookie_ok', 'td_ajax_url', 'CDATA', 'text-transform',
  ],
};

/** Publication dates the pages state, one metadata form or another; undefined where a page states none. */
const DATES: Record<string, string | undefined> = {
  'asianlite-news/us-warns-kim-putin-on-arms-deal.html': '2023-09-12T03:20:00.000Z', // article:published_time, +05:30
  'asianlite-news/assam-floods-displace-thousands.html': '2024-07-03T05:50:00.000Z', // article:published_time, +05:30
  'asianlite-news/dubai-mumbai-freight-corridor-talks.html': '2024-05-21T05:05:00.000Z', // <time> in the <article>, +04:00
  'asianlite-news/womens-t20-series-colombo.html': undefined, // only a dateline in the text
  'wire-mirror/north-koreas-kim-in-russia-for-putin-talks.html': '2023-09-12T05:03:00.000Z', // JSON-LD
  'wire-mirror/chile-central-bank-holds-rate.html': '2024-06-18T22:10:00.000Z', // article:published_time and JSON-LD
  'wire-mirror/roman-shipwreck-sardinia.html': '2024-04-09T00:00:00.000Z', // JSON-LD, date only
  'harbour-times/north-koreas-kim-in-russia-for-putin-talks.html': '2023-09-12T00:00:00.000Z', // <meta name="date">
  'harbour-times/ferry-terminal-upgrade-approved.html': '2024-03-27T00:00:00.000Z', // <meta name="date">
  'harbour-times/marine-heatwave-bleaches-reef.html': '2024-02-14T20:00:00.000Z', // <meta name="date">, +10:00
  'harbour-times/harbour-swim-returns.html': '2024-01-08T00:00:00.000Z', // <meta name="pubdate" content="20240108">
  'pacific-ledger/kim-jong-un-in-russia-for-talks-with-putin.html': '2023-09-12T01:30:00.000Z', // <time> in the <article>, not the sidebar's
  'pacific-ledger/seoul-summons-russian-envoy-missile-test.html': '2024-10-31T00:00:00.000Z', // DC.date.issued before <time>
  'pacific-ledger/carmaker-recalls-hybrids-brake-software.html': '2024-08-06T06:00:00.000Z', // <time> in the <article>
  'trendline-daily/kim-jong-un-to-meet-putin-in-russia.html': undefined,
  'trendline-daily/spain-heatwave-tourist-hotspots.html': '2024-07-18T09:30:00.000Z', // <meta name="publish-date">
  'trendline-daily/foldable-phone-sales-double.html': '2024-05-02T08:00:00.000Z', // <time> in Readability's article, not the ticker's
};

describe('extractArticle on the fixture sites', () => {
  it('has five seed pages and twelve unrelated stories on five sites', () => {
    expect(pages).toHaveLength(17);
    expect(new Set(pages.map(siteOf))).toEqual(new Set(Object.keys(TEMPLATE)));
    expect(pages.filter(isSeedPage)).toHaveLength(5);
    expect(new Set([...pages.filter(isSeedPage).map(siteOf)]).size).toBe(5);
    expect(pages.filter((page) => !isSeedPage(page)).sort()).toEqual(Object.keys(STORY_OPENINGS).sort());
  });

  it('lists template strings that each page really carries, in its markup or its visible text', () => {
    for (const page of pages) {
      const source = html(page);
      const visible = textBlocks(parseDocument(source).body).join('\n');
      const absent = TEMPLATE[siteOf(page)]!.filter((s) => !source.includes(s) && !visible.includes(s));
      expect(absent, page).toEqual([]);
    }
  });

  it.each(Object.entries(SEED_PAGES))('%s: the seed copy, whole but for its header furniture, by Readability', (page, { seed, first, lost }) => {
    const article = extractArticle(html(page));
    expect(article.method).toBe('readability');
    expect(article.note).toBeUndefined();
    expect(article.text).toContain(first);
    const text = squash(article.text);
    const lines = readFileSync(join(seedsDir, seed), 'utf8').split('\n').map(squash).filter((line) => line !== '');
    expect(lines.filter((line) => !text.includes(line))).toEqual(lost);
  });

  it.each(Object.entries(STORY_OPENINGS))('%s: the story, by Readability', (page, opening) => {
    const article = extractArticle(html(page));
    expect(article.method).toBe('readability');
    expect(article.text).toContain(opening);
  });

  it.each(pages)('%s: no template text, script, style or markup', (page) => {
    const { text } = extractArticle(html(page));
    expect(TEMPLATE[siteOf(page)]!.filter((s) => text.includes(s))).toEqual([]);
    expect(text).not.toMatch(/<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[\da-f]+);|\{|\}/i);
  });

  it.each(pages)('%s: title first, then paragraphs separated by blank lines', (page) => {
    const article = extractArticle(html(page));
    expect(article.title).toBeDefined();
    const blocks = article.text.split('\n\n');
    expect(blocks[0]).toBe(article.title);
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) expect(block).toBe(block.trim());
    expect(article.text).not.toMatch(/\n{3}| {2}/);
  });

  it('decodes named and numeric entities', () => {
    // asianlite-news writes &rsquo; and &hellip;, wire-mirror &#8217;, harbour-times &#39;.
    expect(html('asianlite-news/us-warns-kim-putin-on-arms-deal.html')).toContain('Korea&rsquo;s Kim');
    expect(extractArticle(html('asianlite-news/us-warns-kim-putin-on-arms-deal.html')).text).toContain('North Korea’s Kim Jong Un was in Russia');
    expect(extractArticle(html('asianlite-news/us-warns-kim-putin-on-arms-deal.html')).text).toContain('border…reports Asian Lite News');
    expect(extractArticle(html('wire-mirror/north-koreas-kim-in-russia-for-putin-talks.html')).title).toBe('North Korea’s Kim in Russia for Putin talks as US warns on arms deal');
    expect(extractArticle(html('harbour-times/north-koreas-kim-in-russia-for-putin-talks.html')).text).toContain("Kim's train had crossed the border");
  });

  it.each(Object.entries(DATES))('%s: date %s', (page, date) => {
    expect(extractArticle(html(page)).date).toBe(date);
  });
});

describe('extractArticle when Readability finds no article', () => {
  const story = Array.from(
    { length: 20 },
    (_, i) => `<p>Paragraph ${i + 1}: the council met on Tuesday, and the vote on the harbour plan was put off again until the next meeting.</p>`,
  ).join('\n');
  const disclaimer = [
    'Disclaimer: this site publishes material supplied by agencies and partners, and it does not accept responsibility for the accuracy, completeness or timeliness of that material, nor for any loss that results from relying on it.',
    'All trademarks, logos and names belong to their owners, and their use here does not imply any endorsement of this site, its partners, or the views that any writer expresses in an article or a comment.',
    'Prices, scores and times shown on this site may be delayed, and readers should check with the organiser, the venue or the exchange before they act on them, since we cannot promise that a figure is current.',
  ];
  // The story's wrapper has a class that Readability takes for a comment thread and strips; the disclaimer, long
  // enough to pass for an article, is what it returns instead.
  const page = `<!DOCTYPE html><html><head><title>Harbour plan put off - Example News</title>
    <script>var tracker = "pageview words";</script><style>.x { color: red }</style></head>
    <body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>
    <div class="comments-enabled story-wrap"><h1>Harbour plan put off</h1>${story}</div>
    <div class="disclaimer">${disclaimer.map((p) => `<p>${p}</p>`).join('')}</div>
    <noscript>Please turn on JavaScript</noscript></body></html>`;

  it('falls back to all visible text, and says why', () => {
    const article = extractArticle(page);
    expect(article.method).toBe('fallback');
    expect(article.note).toMatch(
      new RegExp(`^Readability's article holds \\d+ of the page's \\d+ visible words \\(under ${MIN_ARTICLE_SHARE * 100}%\\): used all the page's visible text$`),
    );
    expect(article.title).toBe('Harbour plan put off - Example News');
    expect(article.text.split('\n\n')).toEqual([
      'Home Local',
      'Harbour plan put off',
      ...Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}: the council met on Tuesday, and the vote on the harbour plan was put off again until the next meeting.`),
      ...disclaimer,
    ]);
  });

  it('falls back on a page with nothing to read', () => {
    const article = extractArticle('<html><head><script>var words = "none";</script></head><body><script>x()</script></body></html>');
    expect(article).toEqual({ text: '', method: 'fallback', note: "Readability found no article: used all the page's visible text" });
  });
});

describe('extractArticle on small pages', () => {
  const long = (n: number) => `This is sentence ${n} of a story that is long enough for Readability to take it as an article.`;
  const body = [1, 2, 3, 4, 5, 6].map((n) => `<p>${long(n)} ${long(n + 10)}</p>`).join('');

  it('takes the text of a fragment without <html>, <head> or <body>', () => {
    const article = extractArticle(`<title>A fragment</title><h1>A fragment</h1>${body}`);
    expect(article.method).toBe('readability');
    expect(article.title).toBe('A fragment');
    expect(article.text.split('\n\n')).toHaveLength(7);
  });

  it('keeps the lines of preformatted wire copy, its blank lines parting paragraphs', () => {
    const wire = `HARBOUR TRAM LINE APPROVED\nPublished: 5 March 2024\n\n${long(1)}\n${long(2)}\n\n${long(3)}`;
    const article = extractArticle(`<html><body><article><h1>Tram</h1><pre>${wire}</pre>${body}</article></body></html>`);
    expect(article.text.split('\n\n').slice(1, 4)).toEqual(['HARBOUR TRAM LINE APPROVED\nPublished: 5 March 2024', `${long(1)}\n${long(2)}`, long(3)]);
  });

  it('keeps a <br> as a line break inside its paragraph, and collapses source white space', () => {
    const article = extractArticle(`<html><body><article><h1>T</h1>${body}<p>First line,
      still the first<br>second   line</p></article></body></html>`);
    expect(article.text.split('\n\n').at(-1)).toBe('First line, still the first\nsecond line');
  });

  it('keeps paragraphs a paywall or a story slug names ("subscriber-only", "for-subscribers", "pullquote-consent-story"), and drops a cookie or newsletter box', () => {
    const paragraphs = [1, 2, 3, 4, 5, 6].map((n) => `<p class="subscriber-only">${long(n)} ${long(n + 10)}</p>`).join('');
    const page = `<html><body><article><h1>T</h1><p>${long(0)}</p>${paragraphs}<div id="for-subscribers"><p>${long(30)}</p></div>
      <blockquote class="pullquote-consent-story">${long(40)}</blockquote></article>
      <div class="cookieBanner">We use cookies to improve your experience. Accept all</div><section class="newsletter-signup">Get our newsletter every morning</section></body></html>`;
    const text = extractArticle(page).text;
    for (const n of [0, 1, 6, 16, 30, 40]) expect(text).toContain(long(n));
    expect(text).not.toMatch(/cookies|newsletter/);
  });

  it('leaves out of the article what its style hides, however the style is spelled', () => {
    const styles = ['display:none !important', 'display: none!important', 'Display:None', 'display : none', 'visibility: hidden'];
    const hidden = styles.map((style, n) => `<div style="${style}"><p>Hidden variant ${n}: subscribe now to read our premium coverage.</p></div>`).join('');
    const text = extractArticle(`<html><body><article><h1>T</h1>${body}${hidden}</article></body></html>`).text;
    expect(text).toContain(long(6));
    expect(text).not.toMatch(/Hidden variant/);
  });

  it('reads the JSON-LD articleBody or the <noscript> text of a page that shows far less (a body drawn by script), and says so; never a shorter one', () => {
    const ld = (text: string) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'T', articleBody: text })}</script>`;
    const story = [1, 2, 3, 4, 5, 6].map((n) => `${long(n)} ${long(n + 10)}`).join('\n\n');
    const scripted = extractArticle(`<html><head><title>T</title>${ld(story)}</head><body><h1>T</h1><div id="app"></div><footer>Copyright 2024 Harbour Gazette.</footer></body></html>`);
    expect(scripted.method).toBe('json-ld');
    expect(scripted.text).toBe(`T\n\n${story}`);
    expect(scripted.note).toMatch(/^the page shows \d+ words of text and its JSON-LD articleBody \d+: used its JSON-LD articleBody$/);
    const noscript = extractArticle(`<html><body><h1>T</h1><div id="app"></div><noscript>${body}</noscript><footer>Copyright 2024.</footer></body></html>`);
    expect(noscript.method).toBe('noscript');
    expect(noscript.text).toBe([1, 2, 3, 4, 5, 6].map((n) => `${long(n)} ${long(n + 10)}`).join('\n\n'));
    const askingForScripts = extractArticle(`<html><body><article><h1>T</h1>${body}</article><noscript>Please enable JavaScript to read comments.</noscript></body></html>`);
    expect(askingForScripts.method).toBe('readability');
    const shown = extractArticle(`<html><head>${ld(long(1))}</head><body><article><h1>T</h1>${body}</article></body></html>`);
    expect(shown.method).toBe('readability');
  });

  it('does not repeat a title that opens the article', () => {
    const article = extractArticle(`<html><head><title>Same words</title></head><body><article><p>Same words</p>${body}</article></body></html>`);
    expect(article.text.startsWith('Same words\n\nThis is sentence 1')).toBe(true);
  });
});

describe('page dates', () => {
  const page = (head: string, body = '') =>
    `<html><head><title>T</title>${head}</head><body>${body}<article><h1>T</h1>${'<p>Some words of the story, enough of them to count as a paragraph of text.</p>'.repeat(8)}</article></body></html>`;
  const dateOf = (head: string, body?: string, url?: string) => extractArticle(page(head, body), url).date;

  it('reads <meta property="article:published_time"> and converts its offset to UTC', () => {
    expect(dateOf('<meta property="article:published_time" content="2023-09-12T08:50:00+05:30">')).toBe('2023-09-12T03:20:00.000Z');
  });

  it.each(['date', 'pubdate', 'publish-date', 'DC.date.issued', 'dc.date.issued'])('reads <meta name="%s">', (name) => {
    expect(dateOf(`<meta name="${name}" content="2023-09-12">`)).toBe('2023-09-12T00:00:00.000Z');
  });

  it('reads JSON-LD datePublished, an article’s before a web page’s, and survives a malformed block', () => {
    const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
    expect(dateOf(ld({ '@type': 'NewsArticle', datePublished: '2023-09-12T10:00:00Z' }))).toBe('2023-09-12T10:00:00.000Z');
    const graph = { '@graph': [{ '@type': 'WebPage', datePublished: '2020-01-01' }, { '@type': ['ReportageNewsArticle'], datePublished: '2023-09-12' }] };
    expect(dateOf(`<script type="application/ld+json">{ not json</script>${ld(graph)}`)).toBe('2023-09-12T00:00:00.000Z');
    // A web page whose article is its mainEntity: the article's date, not the page's.
    const nested = { '@type': 'WebPage', datePublished: '2015-01-01', mainEntity: { '@type': 'NewsArticle', datePublished: '2024-03-06T09:00:00Z' } };
    expect(dateOf(ld(nested))).toBe('2024-03-06T09:00:00.000Z');
  });

  it('reads <time datetime> inside the article, never one in an aside, nav or footer', () => {
    const sidebar = '<aside><article><time datetime="2025-05-30T06:00:00Z">06:00</time><p>A teaser</p></article></aside>';
    const withTime = page('', sidebar).replace('<h1>T</h1>', '<h1>T</h1><time datetime="2023-09-12T09:30:00+08:00">12 Sept</time>');
    expect(extractArticle(withTime).date).toBe('2023-09-12T01:30:00.000Z');
    expect(dateOf('', sidebar)).toBeUndefined();
  });

  it('reads the published <time>, not an "Updated" one before it; a change date only when there is no other', () => {
    const stamp = (html: string) => extractArticle(page('').replace('<h1>T</h1>', `<h1>T</h1><p class="stamp">${html}</p>`)).date;
    expect(stamp('Updated <time datetime="2024-03-07">7 March</time> · Published <time datetime="2024-03-05">5 March</time>')).toBe('2024-03-05T00:00:00.000Z');
    expect(stamp('<time itemprop="dateModified" datetime="2024-03-07">7 March</time> <time datetime="2024-03-05">5 March</time>')).toBe('2024-03-05T00:00:00.000Z');
    expect(stamp('Published <time datetime="2024-03-05">5 March</time> · Updated <time datetime="2024-03-07">7 March</time>')).toBe('2024-03-05T00:00:00.000Z');
    expect(stamp('Last updated: <time datetime="2024-03-07">7 March</time>')).toBe('2024-03-07T00:00:00.000Z');
  });

  it('prefers metadata to JSON-LD to <time>, and falls back to a date in the URL', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-09-11"}</script>';
    expect(dateOf(`${ld}<meta name="date" content="2023-09-10"><meta property="article:published_time" content="2023-09-12">`)).toBe('2023-09-12T00:00:00.000Z');
    expect(dateOf(`${ld}<meta name="date" content="2023-09-10">`)).toBe('2023-09-10T00:00:00.000Z');
    expect(dateOf('', '', 'https://news.example/world/2023/09/12/kim-putin/')).toBe('2023-09-12T00:00:00.000Z');
    expect(dateOf('<meta name="date" content="2023-09-12">', '', 'https://news.example/2020/01/01/x')).toBe('2023-09-12T00:00:00.000Z');
  });

  it('passes over a date that does not exist or does not parse', () => {
    expect(dateOf('<meta name="date" content="2023-02-30"><meta name="pubdate" content="soon">')).toBeUndefined();
    expect(dateOf('<meta name="date" content="2023-02-30"><meta name="pubdate" content="12 September 2023">')).toBe('2023-09-12T00:00:00.000Z');
  });
});

describe('visible text', () => {
  it('leaves out scripts, styles, templates, drawings, form state and hidden elements; blocks become paragraphs', () => {
    const document = parseDocument(`<html><head><title>T</title><style>p { color: red }</style></head><body>
      <script>var a = "script words";</script><noscript>noscript words</noscript><template><p>template words</p></template>
      <svg><text>svg words</text></svg><select><option>option words</option></select><textarea>typed words</textarea>
      <div hidden>hidden words</div><div style="display: none">undisplayed words</div>
      <ul><li>One &amp; <b>two</b></li><li>Three&nbsp;four</li></ul><p>Five<br>six</p>Seven <span>eight</span></body></html>`);
    expect(textBlocks(document.body)).toEqual(['One & two', 'Three four', 'Five\nsix', 'Seven eight']);
  });
});

describe('the pipeline on the extracted pages', () => {
  it('groups the five seed pages, and nothing that only shares a site template', async () => {
    const jsonl = pages.map((page) => JSON.stringify({ id: page, text: extractArticle(html(page)).text })).join('\n');
    const result = await scan(withDefaults({ paths: ['x.jsonl'] }), memoryFileSystem({ 'x.jsonl': `${jsonl}\n` }));
    expect(result.documents).toBe(17);
    expect(result.skipped).toEqual([]);
    expect(result.clusters.map((cluster) => cluster.members.map((m) => m.id).sort())).toEqual([Object.keys(SEED_PAGES).sort()]);
    for (const cluster of result.clusters) expect(new Set(cluster.members.map((m) => siteOf(m.id))).size).toBe(cluster.members.length);
  });
});
