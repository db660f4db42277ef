import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem, wholeLinePieces } from '../../src/input/file-system.js';
import {
  articleFromFile,
  articleFromRecord,
  DEFAULT_READ_OPTIONS,
  decodeText,
  isArticleFile,
  parseDate,
  PiecePlaces,
  placeOf,
  type ReadEvent,
  readInputs,
  type ReadOptions,
  readPiece,
} from '../../src/input/read.js';

async function collect(paths: string[], files: Record<string, string | Uint8Array>, options?: ReadOptions): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const event of readInputs(paths, memoryFileSystem(files), options)) events.push(event);
  return events;
}

const document = (id: string, text: string, source = id) => ({ kind: 'document', document: { id, text, source } });
const skipped = (path: string, reason: string) => ({ kind: 'skipped', skipped: { path, reason } });
/** The id of a JSONL line without one: its source and the first 16 hex digits of its text's SHA-256. */
const contentId = (source: string, text: string) => `${source}#${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`;

describe('articleFromRecord and articleFromFile read again (dated false)', () => {
  const text = 'Seoul, 12 September 2023\nKim Jong Un arrived in Russia on Tuesday.';

  it('find the date the first time and take the text alone when read again', () => {
    expect(articleFromRecord({ text, date: '2023-09-13' }, DEFAULT_READ_OPTIONS)).toEqual({ text, date: '2023-09-13T00:00:00.000Z' });
    expect(articleFromRecord({ text }, DEFAULT_READ_OPTIONS)).toEqual({ text, date: '2023-09-12T00:00:00.000Z' });
    expect(articleFromRecord({ text, date: '2023-09-13' }, DEFAULT_READ_OPTIONS, false)).toEqual({ text });
    const bytes = new TextEncoder().encode(text);
    expect(articleFromFile('a.txt', bytes)).toEqual({ text, date: '2023-09-12T00:00:00.000Z' });
    expect(articleFromFile('a.txt', bytes, false)).toEqual({ text });
  });

  it('say so when the date field holds what no date reads as, and whether the text gave a date instead', () => {
    const plain = 'Kim Jong Un arrived in Russia on Tuesday.';
    const forms = '(ISO 8601, RFC 2822, "12 September 2023", seconds or milliseconds since 1970)';
    expect(articleFromRecord({ text: plain, date: 'last Tuesday' }, DEFAULT_READ_OPTIONS)).toEqual({
      text: plain,
      dateNote: `"date" field holds "last Tuesday", not a date neardup reads ${forms}: the article is undated`,
    });
    expect(articleFromRecord({ text, date: '2023-02-31' }, DEFAULT_READ_OPTIONS)).toEqual({
      text,
      date: '2023-09-12T00:00:00.000Z',
      dateNote: `"date" field holds "2023-02-31", not a date neardup reads ${forms}: the date in the article's text is used`,
    });
    expect(articleFromRecord({ text: plain, date: { day: 3 } }, DEFAULT_READ_OPTIONS)).toMatchObject({ dateNote: expect.stringContaining('holds an object') });
    // Absent, null or empty: nothing to say. Read again: the note was said the first time.
    for (const date of [undefined, null, ' ']) expect(articleFromRecord({ text: plain, date }, DEFAULT_READ_OPTIONS)).toEqual({ text: plain });
    expect(articleFromRecord({ text: plain, date: 'last Tuesday' }, DEFAULT_READ_OPTIONS, false)).toEqual({ text: plain });
  });

  it('still refuse an empty text field when read again', () => {
    expect(articleFromRecord({ text: '  ' }, DEFAULT_READ_OPTIONS, false)).toEqual({ reason: 'empty "text" field' });
  });
});

describe('readInputs on folders', () => {
  const files: Record<string, string | Uint8Array> = {
    'news/b.txt': 'Second story.',
    'news/a/z.txt': 'Nested story.',
    'news/a.md': 'Markdown story.',
    'news/c.text': 'Text story.',
    'news/B.txt': 'Upper-case name.',
    'news/UP.TXT': 'Upper-case extension.',
    'news/d.json': '{"text": "not read"}',
    'news/README': 'no extension',
    'news/.hidden.txt': 'left out',
    'news/.git/HEAD.txt': 'left out too',
    'news/f.txt': Uint8Array.of(0x68, 0x00, 0x69),
    'news/g.txt': Uint8Array.of(0x66, 0xc3, 0x28),
    'news/h.txt': ' \n\t\n',
  };

  it('walks recursively in code-unit order, ids are paths, dot-files left out', async () => {
    expect(await collect(['news'], files)).toEqual([
      document('news/B.txt', 'Upper-case name.'),
      { kind: 'ignored', path: 'news/README' },
      document('news/UP.TXT', 'Upper-case extension.'),
      document('news/a/z.txt', 'Nested story.'),
      document('news/a.md', 'Markdown story.'),
      document('news/b.txt', 'Second story.'),
      document('news/c.text', 'Text story.'),
      { kind: 'ignored', path: 'news/d.json' },
      skipped('news/f.txt', 'binary file (contains NUL bytes)'),
      skipped('news/g.txt', 'not valid UTF-8 text'),
      skipped('news/h.txt', 'empty file'),
    ]);
  });

  it('accepts a trailing slash and backslashes', async () => {
    const expected = [document('news/a/z.txt', 'Nested story.')];
    expect(await collect(['news/a/'], files)).toEqual(expected);
    expect(await collect(['news\\a'], files)).toEqual(expected);
  });

  it('reads a file named explicitly whatever its extension', async () => {
    expect(await collect(['news/README', 'news/d.json'], files)).toEqual([
      document('news/README', 'no extension'),
      document('news/d.json', '{"text": "not read"}'),
    ]);
  });

  it('skips a missing path and goes on', async () => {
    expect(await collect(['nowhere', 'news/b.txt'], files)).toEqual([
      document('news/b.txt', 'Second story.'),
      skipped('nowhere', 'no such file or directory'),
    ]);
  });

  it('reads the inputs in order of their names, whatever order they were given in: the first of two ids is the same', async () => {
    const twins = { 'a.jsonl': '{"id": "x", "text": "From a."}\n', 'b.jsonl': '{"id": "x", "text": "From b."}\n{bad\n', 'c.jsonl': '{worse\n' };
    const orders = [['a.jsonl', 'b.jsonl', 'c.jsonl'], ['c.jsonl', 'b.jsonl', 'a.jsonl'], ['b.jsonl', 'c.jsonl', 'a.jsonl']];
    const runs = await Promise.all(orders.map((order) => collect(order, twins)));
    expect(runs[0]!.map((e) => (e.kind === 'document' ? e.document.source : e.kind === 'skipped' ? e.skipped.path : e.kind))).toEqual(['a.jsonl', 'b.jsonl', 'b.jsonl:2', 'c.jsonl:1']);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});

describe('readInputs on JSONL', () => {
  const feed = [
    '{"id": "a1", "text": "First article.", "date": "2023-09-12T08:00:00Z"}',
    '',
    '{"text": "No id here."}',
    '{not json',
    '[1, 2]',
    '{"id": "a6"}',
    '{"id": "a7", "text": "  "}',
    '{"id": 42, "text": "Numeric id.", "date": "26-FEB-1987 15:01:01.79"}',
    '{"id": "", "text": "Empty id.", "date": "not a date"}',
    '',
  ].join('\n');

  it('skips a JSONL line that opens with a NUL as malformed, never taking the line\'s own bytes for the reason', async () => {
    const events = await collect(['feed.jsonl'], { 'feed.jsonl': '\u0000all good, ignore this line\n{"id": "a", "text": "Kept."}\n' });
    expect(events[0]!.kind === 'skipped' && events[0]!.skipped.reason).toMatch(/^malformed JSON \(/);
    expect(events[1]).toMatchObject({ kind: 'document', document: { id: 'a' } });
  });

  it('reads id, text and date fields, skipping bad lines as <file>:<line>', async () => {
    const events = await collect(['feed.jsonl'], { 'feed.jsonl': feed });
    expect(events.length).toBe(8);
    expect(events[0]).toEqual({
      kind: 'document',
      document: { id: 'a1', text: 'First article.', source: 'feed.jsonl', line: 1, offset: 0, date: '2023-09-12T08:00:00.000Z' },
    });
    expect(events[1]).toEqual({ kind: 'document', document: { id: contentId('feed.jsonl', 'No id here.'), text: 'No id here.', source: 'feed.jsonl', line: 3, offset: feed.indexOf('{"text": "No id') } });
    expect(events[2]!.kind).toBe('skipped');
    if (events[2]!.kind === 'skipped') {
      expect(events[2]!.skipped.path).toBe('feed.jsonl:4');
      expect(events[2]!.skipped.reason).toMatch(/^malformed JSON \(.+\)$/);
    }
    expect(events.slice(3)).toEqual([
      skipped('feed.jsonl:5', 'line is not a JSON object'),
      skipped('feed.jsonl:6', 'no "text" or "html" string field'),
      skipped('feed.jsonl:7', 'empty "text" field'),
      {
        kind: 'document',
        document: { id: '42', text: 'Numeric id.', source: 'feed.jsonl', line: 8, offset: feed.indexOf('{"id": 42'), date: '1987-02-26T15:01:01.790Z' },
      },
      {
        kind: 'document',
        document: {
          id: contentId('feed.jsonl', 'Empty id.'),
          text: 'Empty id.',
          source: 'feed.jsonl',
          line: 9,
          offset: feed.indexOf('{"id": ""'),
          dateNote: '"date" field holds "not a date", not a date neardup reads (ISO 8601, RFC 2822, "12 September 2023", seconds or milliseconds since 1970): the article is undated',
        },
      },
    ]);
  });

  it('uses custom field names', async () => {
    const files = { 'feed.ndjson': '{"guid": "g1", "body": "Hello.", "published": "2024-01-02", "text": 5}\n' };
    const options = { idField: 'guid', textField: 'body', dateField: 'published', htmlField: 'html' };
    expect(await collect(['feed.ndjson'], files, options)).toEqual([
      { kind: 'document', document: { id: 'g1', text: 'Hello.', source: 'feed.ndjson', line: 1, offset: 0, date: '2024-01-02T00:00:00.000Z' } },
    ]);
    expect(await collect(['feed.ndjson'], files)).toEqual([skipped('feed.ndjson:1', 'no "text" or "html" string field')]);
  });

  it('reads JSONL files inside folders and JSONL on standard input ("-")', async () => {
    const files = { 'in/feed.jsonl': '{"text": "From a folder."}\r\n', '-': '{"id": "s", "text": "From stdin."}' };
    expect(await collect(['in', '-'], files)).toEqual([
      { kind: 'document', document: { id: 's', text: 'From stdin.', source: '-', line: 1, offset: 0 } },
      { kind: 'document', document: { id: contentId('in/feed.jsonl', 'From a folder.'), text: 'From a folder.', source: 'in/feed.jsonl', line: 1, offset: 0 } },
    ]);
  });

  it('numbers lines and ids across pieces as in one piece, whatever the chunks the file streams in', async () => {
    const crlf = `${feed.replace(/\n/g, '\r\n')}{"text": "naïve €uro"}\r{"id": "z", "text": "last, no break"}`;
    const whole = await collect(['feed.jsonl'], { 'feed.jsonl': crlf });
    expect(whole.filter((e) => e.kind === 'document').length).toBe(6);
    for (const chunkSize of [1, 5, 64]) {
      const events: ReadEvent[] = [];
      for await (const event of readInputs(['feed.jsonl'], memoryFileSystem({ 'feed.jsonl': crlf }, chunkSize))) events.push(event);
      expect(events).toEqual(whole);
    }
    // Pieces of a few lines each, read apart and put back in order by PiecePlaces, give the same events.
    for (const size of [1, 40, 200]) {
      const places = new PiecePlaces();
      const events: ReadEvent[] = [];
      for await (const { offset, bytes } of wholeLinePieces([new TextEncoder().encode(crlf)], size)) {
        const piece = { kind: 'lines', source: 'feed.jsonl', offset, bytes } as const;
        const read = readPiece(piece, DEFAULT_READ_OPTIONS);
        for (const record of read.records) {
          const { source, line, id } = places.place(piece, record);
          events.push(
            record.kind === 'problem'
              ? { kind: 'skipped', skipped: { path: placeOf({ source, line }), reason: record.reason } }
              : { kind: 'document', document: { id, source, line: line!, offset: record.offset!, ...record.article } },
          );
        }
        places.advance(piece, read);
      }
      expect(places.end({ kind: 'lines-end', source: 'feed.jsonl' })).toBeUndefined();
      expect(events).toEqual(whole);
    }
  });

  it('says after which line a JSONL file could not be read further', () => {
    const places = new PiecePlaces();
    const piece = { kind: 'lines', source: 'f.jsonl', offset: 0, bytes: new TextEncoder().encode('{"text": "a"}\n\n{"text": "b"}\n') } as const;
    places.advance(piece, readPiece(piece, DEFAULT_READ_OPTIONS));
    expect(places.end({ kind: 'lines-end', source: 'f.jsonl', error: 'EIO' })).toEqual({ path: 'f.jsonl', reason: 'read failed after line 3: EIO' });
    // The count starts again for the next source.
    expect(places.end({ kind: 'lines-end', source: 'g.jsonl' })).toEqual({ path: 'g.jsonl', reason: 'empty file' });
    // A file that fails before any line (not gzip, not Parquet after all) says so, not "after line 0".
    expect(places.end({ kind: 'lines-end', source: 'h.jsonl.gz', error: 'incorrect header check' })).toEqual({ path: 'h.jsonl.gz', reason: 'read failed before its first line: incorrect header check' });
  });

  it('skips a JSONL file of blank lines as an empty file', async () => {
    expect(await collect(['blank.jsonl'], { 'blank.jsonl': '\n  \n' })).toEqual([skipped('blank.jsonl', 'empty file')]);
  });
});

describe('decodeText', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeText(bytes('Caf\u00E9 \u201Cnews\u201D'))).toEqual({ text: 'Caf\u00E9 \u201Cnews\u201D' });
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x48, 0x69))).toEqual({ text: 'Hi' });
  });

  it('says why bytes are not an article', () => {
    expect(decodeText(Uint8Array.of(0x68, 0x00))).toEqual({ reason: 'binary file (contains NUL bytes)' });
    expect(decodeText(Uint8Array.of(0xff, 0x41))).toEqual({ reason: 'not valid UTF-8 text' });
    expect(decodeText(bytes(''))).toEqual({ reason: 'empty file' });
    expect(decodeText(bytes(' \r\n'))).toEqual({ reason: 'empty file' });
  });
});

describe('isArticleFile', () => {
  it('recognises text and JSONL extensions, in any case', () => {
    expect(['a.txt', 'b.MD', 'c.text', 'd.jsonl', 'e.NDJSON', 'f.html', 'g.HTM'].map(isArticleFile)).toEqual([true, true, true, true, true, true, true]);
    expect(['a.xlsx', 'README', '.txt', 'dir.txt/file'].map(isArticleFile)).toEqual([false, false, false, false]);
  });
});

describe('parseDate', () => {
  it('parses ISO dates and date-times to UTC ISO 8601', () => {
    expect(parseDate('2023-09-12')).toBe('2023-09-12T00:00:00.000Z');
    expect(parseDate('2023-09-12T08:30:00Z')).toBe('2023-09-12T08:30:00.000Z');
    expect(parseDate('2023-09-12T10:30:00+02:00')).toBe('2023-09-12T08:30:00.000Z');
    expect(parseDate('  2023-09-12T08:30:00.250Z ')).toBe('2023-09-12T08:30:00.250Z');
  });

  it('parses Reuters dates', () => {
    expect(parseDate('26-FEB-1987 15:01:01.79')).toBe('1987-02-26T15:01:01.790Z');
    expect(parseDate('1-mar-1987 9:05:00.5')).toBe('1987-03-01T09:05:00.500Z');
    expect(parseDate('26-FEB-1987')).toBe('1987-02-26T00:00:00.000Z');
    expect(parseDate('26-XYZ-1987 15:01:01.79')).toBeUndefined();
    // Codes and a remark after the date, as 299 of Reuters-21578's stories have them.
    expect(parseDate('27-MAR-1987 00:02:59.13RM')).toBe('1987-03-27T00:02:59.130Z');
    expect(parseDate('27-MAR-1987 13:58:01.19E A RM')).toBe('1987-03-27T13:58:01.190Z');
    expect(parseDate('9-APR-1987 00:00:00.00    # date added by S Finch as guesswork')).toBe('1987-04-09T00:00:00.000Z');
    expect(parseDate('26-FEB-1987 15:01 RM')).toBeUndefined();
    expect(parseDate('26-FEB-1987 15:01:01.79 and 3')).toBeUndefined();
  });

  it('reads numbers as seconds or milliseconds since the epoch', () => {
    expect(parseDate(1e9)).toBe('2001-09-09T01:46:40.000Z');
    expect(parseDate(1e12)).toBe('2001-09-09T01:46:40.000Z');
    expect(parseDate(-1e9)).toBe('1938-04-24T22:13:20.000Z');
    expect(parseDate(-1e12)).toBe('1938-04-24T22:13:20.000Z');
  });

  it('reads a date the same whatever the machine\'s time zone, and refuses what no rule reads rather than guess', () => {
    expect(parseDate('2023-09-12 08:15:00 UTC')).toBe('2023-09-12T08:15:00.000Z');
    expect(parseDate('2023-09-12T08:15:00+02')).toBe('2023-09-12T06:15:00.000Z');
    expect(parseDate('2023-09-12T08:15:00 +02:00')).toBe('2023-09-12T06:15:00.000Z');
    // Date.parse read these in the machine's zone: 08:15 in Tokyo is 23:15 the day before in UTC.
    for (const value of ['2023-09-12, 08:15', '2023-09-12 (Tue) 08:15', '2023-09-12 / 08:15']) expect(parseDate(value), value).toBeUndefined();
  });

  it('reads seconds or milliseconds since the epoch written as text, as a CSV cell holds them; eight digits are a day', () => {
    expect(parseDate('1694506500')).toBe('2023-09-12T08:15:00.000Z');
    expect(parseDate(' 1694506500000 ')).toBe('2023-09-12T08:15:00.000Z');
    expect(parseDate('1694506500.5')).toBe('2023-09-12T08:15:00.500Z');
    expect(parseDate('20230912')).toBe('2023-09-12T00:00:00.000Z');
  });

  it('reads no date from a number no date can be, and keeps the article undated with a note', () => {
    for (const value of [1e20, -1e20, 9e15, 1e308]) expect(parseDate(value)).toBeUndefined();
    const plain = 'Kim Jong Un arrived in Russia on Tuesday.';
    expect(articleFromRecord({ text: plain, date: 1e20 }, DEFAULT_READ_OPTIONS)).toEqual({
      text: plain,
      dateNote: expect.stringContaining('"date" field holds 100000000000000000000, not a date neardup reads'),
    });
  });

  it('returns undefined for anything else', () => {
    for (const value of ['yesterday', '', '12/09/2023', '2023-13-45', null, undefined, {}, Number.NaN, Infinity]) {
      expect(parseDate(value)).toBeUndefined();
    }
  });

  /** Runs `check` with the machine's time zone set to `zone`, then sets it back. */
  const inTimeZone = (zone: string, check: () => void) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      check();
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  };

  it('reads a date-time without a zone as UTC, whatever the machine time zone', () => {
    // Date.parse takes a zone-less ISO date-time as local time, so the same input would give different dates (and
    // different canonical choices) on machines in different zones.
    inTimeZone('America/New_York', () => expect(parseDate('2023-09-12T08:30:00')).toBe('2023-09-12T08:30:00.000Z'));
  });

  it('reads the forms a page states dates in: RFC 2822 (RSS), day month year, month day year', () => {
    expect(parseDate('Tue, 12 Sep 2023 08:15:00 GMT')).toBe('2023-09-12T08:15:00.000Z');
    expect(parseDate('Tue, 12 Sep 2023 10:15:00 +0200')).toBe('2023-09-12T08:15:00.000Z');
    expect(parseDate('12 September 2023')).toBe('2023-09-12T00:00:00.000Z');
    expect(parseDate('September 12, 2023')).toBe('2023-09-12T00:00:00.000Z');
  });

  it('reads "2023-09-12 08:30" (a space for the T) as UTC, whatever the machine time zone', () => {
    inTimeZone('Asia/Tokyo', () => {
      expect(parseDate('2023-09-12 08:30')).toBe('2023-09-12T08:30:00.000Z');
      expect(parseDate('2023-09-12 08:30:15.5')).toBe('2023-09-12T08:30:15.500Z');
    });
  });

  it('rejects calendar dates that do not exist', () => {
    // BUG src/read.ts:73 and :77: V8's Date.parse rolls 31 February over to 3 March instead of failing, so the
    // Reuters branch returns the impossible "1987-02-31T00:00:00.000Z" and the ISO branch a shifted date.
    expect(parseDate('31-FEB-1987')).toBeUndefined();
    expect(parseDate('2023-02-31')).toBeUndefined();
  });
});

describe('readInputs on HTML', () => {
  const page = (body: string, head = '') =>
    `<!doctype html><html><head><title>Site</title>${head}<script>var tracking = "never read";</script><style>p{}</style></head><body>${body}</body></html>`;
  const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the story says something long enough for Readability to keep it as the article body, with several clauses and words.</p>`).join('');

  it('reads the article of an .html page with its published time, never scripts or styles', async () => {
    const html = page(`<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>The headline</h1>${paragraphs}</article><footer>© Site 2024</footer>`, '<meta property="article:published_time" content="2024-05-02T08:00:00+02:00">');
    const [event] = await collect(['site'], { 'site/story.html': html });
    expect(event!.kind).toBe('document');
    const doc = (event as Extract<ReadEvent, { kind: 'document' }>).document;
    expect(doc).toMatchObject({ id: 'site/story.html', source: 'site/story.html', date: '2024-05-02T06:00:00.000Z' });
    expect(doc.extractionNote).toBeUndefined();
    // The <title> opens the text, as it opens the page.
    expect(doc.text).toMatch(/^Site\n\nThe headline\n\nParagraph 1 of the story/);
    expect(doc.text).not.toMatch(/tracking|p\{\}|Home|© Site/);
  });

  it('falls back to the visible text where Readability misses the article, and notes why', async () => {
    // Readability strips the story's wrapper (its class reads as a comment thread) and returns the long disclaimer.
    const story = Array.from({ length: 20 }, (_, i) => `<p>Paragraph ${i + 1}: the council met on Tuesday, and the vote on the harbour plan was put off again until the next meeting.</p>`).join('');
    const disclaimer = [
      'Disclaimer: this site publishes material supplied by agencies and partners, and it does not accept responsibility for the accuracy, completeness or timeliness of that material, nor for any loss that results from relying on it.',
      'All trademarks, logos and names belong to their owners, and their use here does not imply any endorsement of this site, its partners, or the views that any writer expresses in an article or a comment.',
      'Prices, scores and times shown on this site may be delayed, and readers should check with the organiser, the venue or the exchange before they act on them, since we cannot promise that a figure is current.',
    ];
    const html = page(`<div class="comments-enabled story-wrap"><h1>Harbour plan</h1>${story}</div><div class="disclaimer">${disclaimer.map((p) => `<p>${p}</p>`).join('')}</div>`);
    const [event] = await collect(['plan.htm'], { 'plan.htm': html });
    const doc = (event as Extract<ReadEvent, { kind: 'document' }>).document;
    expect(doc.extractionNote).toMatch(/used all the page's visible text$/);
    expect(doc.text).toContain('Paragraph 20: the council met');
    expect(doc.text).not.toContain('tracking');
  });

  it('skips a page with no visible text', async () => {
    expect(await collect(['empty.html'], { 'empty.html': page('<script>only()</script>') })).toEqual([skipped('empty.html', 'no visible text in the HTML page')]);
  });

  it('reads a JSONL "html" field where there is no text field; the date field wins over the page\'s', async () => {
    const html = page(`<article><h1>Headline</h1>${paragraphs}</article>`, '<meta property="article:published_time" content="2024-05-02T08:00:00Z">');
    const lines = [
      JSON.stringify({ id: 'a', html }),
      JSON.stringify({ id: 'b', html, date: '2024-06-01' }),
      JSON.stringify({ id: 'c', html: ' ' }),
    ].join('\n');
    const events = await collect(['pages.jsonl'], { 'pages.jsonl': lines });
    expect(events.map((e) => (e.kind === 'document' ? [e.document.id, e.document.date, e.document.text.slice(0, 8)] : e))).toEqual([
      ['a', '2024-05-02T08:00:00.000Z', 'Site\n\nHe'],
      ['b', '2024-06-01T00:00:00.000Z', 'Site\n\nHe'],
      skipped('pages.jsonl:3', 'empty "html" field'),
    ]);
  });
});

describe('datelines in plain text', () => {
  it('date a text file or JSONL text without a date field', async () => {
    const events = await collect(['in'], {
      'in/a.txt': 'World | 12 September 2023\n\nSEOUL — The story begins here.',
      'in/b.jsonl': `${JSON.stringify({ id: 'b', text: 'Published: Sept. 12, 2023\nThe story.' })}\n${JSON.stringify({ id: 'c', text: 'Published: Sept. 12, 2023\nThe story.', date: '2023-09-13' })}\n`,
    });
    expect(events.map((e) => e.kind === 'document' && [e.document.id, e.document.date])).toEqual([
      ['in/a.txt', '2023-09-12T00:00:00.000Z'],
      ['b', '2023-09-12T00:00:00.000Z'],
      ['c', '2023-09-13T00:00:00.000Z'],
    ]);
  });
});
