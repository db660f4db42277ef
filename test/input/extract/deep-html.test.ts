import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../../src/input/file-system.js';
import { flattenDeepHtml } from '../../../src/input/extract/flatten.js';
import { extractArticle, MAX_HTML_DEPTH } from '../../../src/input/extract/html.js';
import { type ReadEvent, readInputs } from '../../../src/input/read.js';
import { htmlSitesDir } from '../../helpers/paths.js';

const nested = (depth: number, inner: string) => `<html><body>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}<p>After the deep part.</p></body></html>`;
const NOTE = `elements nested more than ${MAX_HTML_DEPTH} deep (flattened; Readability is not run on such a page): used all the page's visible text`;

describe('deep HTML: bounded depth in extraction', () => {
  it('reads 10,000 nested <div>s, which overflowed the stack before, as visible text with a note', () => {
    const article = extractArticle(nested(10_000, 'Deep text here.'));
    expect(article.text).toBe('Deep text here.\n\nAfter the deep part.');
    expect(article.method).toBe('fallback');
    expect(article.note).toBe(NOTE);
  });

  it('reads 100,000 nested <div>s (1.1 MB) without the parse time growing with the square of the depth', () => {
    const started = Date.now();
    const article = extractArticle(nested(100_000, 'Deep text here.'));
    expect(article.text).toBe('Deep text here.\n\nAfter the deep part.');
    // Unflattened, linkedom alone took 30 s on this page.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reads a deep page in a JSONL html field, and the articles after it', async () => {
    const lines = [JSON.stringify({ id: 'deep', html: nested(10_000, 'Deep text here.') }), JSON.stringify({ id: 'plain', text: 'A plain story.' })];
    const events: ReadEvent[] = [];
    for await (const event of readInputs(['feed.jsonl'], memoryFileSystem({ 'feed.jsonl': lines.join('\n') }))) events.push(event);
    expect(events.map((e) => (e.kind === 'document' ? [e.document.id, e.document.text, e.document.extractionNote] : e.kind))).toEqual([
      ['deep', 'Deep text here.\n\nAfter the deep part.', NOTE],
      ['plain', 'A plain story.', undefined],
    ]);
  });

  it('leaves pages within the limit as they are: each fixture site page, and a page exactly at the limit', () => {
    for (const site of readdirSync(htmlSitesDir)) {
      for (const page of readdirSync(join(htmlSitesDir, site))) {
        const html = readFileSync(join(htmlSitesDir, site, page), 'utf8');
        expect(flattenDeepHtml(html, MAX_HTML_DEPTH), `${site}/${page}`).toEqual({ html, flattened: false });
      }
    }
    const atLimit = nested(MAX_HTML_DEPTH, 'x');
    expect(flattenDeepHtml(atLimit, MAX_HTML_DEPTH).flattened).toBe(false);
    expect(flattenDeepHtml(nested(MAX_HTML_DEPTH + 1, 'x'), MAX_HTML_DEPTH).flattened).toBe(true);
  });

  it('flattens only the tags past the depth, keeping their text, and counts no tags in scripts, comments or unclosed <p>s', () => {
    expect(flattenDeepHtml('<div><div><div><b>deep</b></div></div></div>', 2)).toEqual({ html: '<div><div>  deep  </div></div>', flattened: true });
    expect(flattenDeepHtml('<div><div><div>x</div></div></div>', 2).html).toBe('<div><div> x </div></div>');
    const decoys = `<div><script>document.write("${'<div>'.repeat(10)}")</script><!-- ${'<div>'.repeat(10)} -->${'<p>para '.repeat(10)}<br/><img src="a.png"></div>`;
    expect(flattenDeepHtml(decoys, 2)).toEqual({ html: decoys, flattened: false });
  });
});
