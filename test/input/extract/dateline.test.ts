import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATELINE_CHARS, datelineDate } from '../../../src/input/extract/dateline.js';
import { extractArticle } from '../../../src/input/extract/html.js';
import { htmlSitesDir, SEED, seedsDir } from '../../helpers/paths.js';

const DAY = '2023-09-12T00:00:00.000Z';
const seed = (path: string) => readFileSync(join(seedsDir, path.slice(path.lastIndexOf('/') + 1)), 'utf8');

describe('datelineDate on the seed copies', () => {
  it('passes over the scrape-date banner "Today: 30 May 2025" and reads "12 September 2023" below it', () => {
    expect(seed(SEED.boilerplate).split('\n').slice(0, 2)).toEqual(['Today: 30 May 2025', '12 September 2023']);
    expect(datelineDate(seed(SEED.boilerplate))).toBe(DAY);
  });

  it('reads the same dateline whatever the file\'s line ends: \\n, \\r\\n or a lone \\r', () => {
    const text = seed(SEED.boilerplate);
    expect(datelineDate(text.replace(/\n/g, '\r\n'))).toBe(DAY);
    expect(datelineDate(text.replace(/\n/g, '\r'))).toBe(DAY);
  });

  it('reads "date 2023-09-12", which "September 12, 2023" four lines down confirms', () => {
    expect(datelineDate(seed(SEED.shortened))).toBe(DAY);
  });

  it('finds none where the top of the article states none', () => {
    expect(datelineDate(seed(SEED.updated))).toBeUndefined();
    expect(datelineDate(seed(SEED.teaser))).toBeUndefined();
    expect(datelineDate(seed(SEED.spun))).toBeUndefined();
  });

  it('reads the dateline of a page whose metadata has no date, from its extracted text', () => {
    const article = extractArticle(readFileSync(join(htmlSitesDir, 'asianlite-news/womens-t20-series-colombo.html'), 'utf8'));
    expect(article.date).toBeUndefined();
    expect(article.text.split('\n\n').slice(1, 3)).toEqual(['Today: 30 May 2025', '14 August 2024']);
    expect(datelineDate(article.text)).toBe('2024-08-14T00:00:00.000Z');
  });
});

describe('datelineDate forms', () => {
  it.each([
    '12 September 2023',
    '12th Sept. 2023',
    'September 12, 2023',
    'Sept. 12 2023',
    'SEP 12, 2023',
    '2023-09-12',
    'date 2023-09-12 WORLD',
    'Published: Sept. 12, 2023',
    'Posted on Tuesday, 12 September 2023 at 10:02 am IST',
    'By Jane Doe and John Roe, Wire Staff | September 12, 2023 | 4 min read',
    'Updated 13 Sep 2023, first published 12 Sep 2023',
  ])('%s', (line) => {
    expect(datelineDate(`Kim in Russia\n${line}\n\nNorth Korea's Kim Jong Un was in Russia on a rare overseas visit.`)).toBe(DAY);
  });
});

describe('datelineDate passes over', () => {
  it.each([
    ['a scrape or print date', 'Today: 30 May 2025'],
    ['an update', 'Last updated: 13 September 2023'],
    ['a copyright line', '© 12 September 2023 Example Media'],
    ['a date inside a sentence', 'The summit, first floated on 12 September 2023, was held in Vladivostok with leaders from both countries.'],
    ['a day the calendar lacks', '31 February 2023'],
    ['a numeric date whose order is ambiguous', '12/09/2023'],
    ['an implausible year', '12 September 2323'],
  ])('%s', (_, line) => {
    expect(datelineDate(`Headline\n${line}\nBody text.`)).toBeUndefined();
  });

  it('dates below the first six non-blank lines', () => {
    const top = ['Headline', 'Standfirst', 'Caption', 'By Jane Doe', 'World', 'Share'].join('\n\n');
    expect(datelineDate(`${top}\n12 September 2023`)).toBeUndefined();
    expect(datelineDate(`${top.replace('Share', '12 September 2023')}`)).toBe(DAY);
  });

  it(`dates past the first ${DATELINE_CHARS} characters, even on one long line`, () => {
    const body = 'Kim Jong Un met Vladimir Putin. '.repeat(40);
    expect(body.length).toBeGreaterThan(DATELINE_CHARS);
    expect(datelineDate(`12 September 2023 | ${body}`)).toBe(DAY);
    expect(datelineDate(`${body}| 12 September 2023 | World`)).toBeUndefined();
    expect(datelineDate(`Headline\n${body}\n12 September 2023`)).toBeUndefined();
  });

  it('a segment cut at the window, which could pass for a dateline', () => {
    // Whole, the last segment has five other words; cut after its date, it would have none.
    const lead = 'x'.repeat(DATELINE_CHARS - 'Wire | 12 September 2023'.length);
    const line = `${lead}Wire | 12 September 2023 said five more words here`;
    expect(line.indexOf('2023') + 4).toBe(DATELINE_CHARS);
    expect(datelineDate(line)).toBeUndefined();
    expect(datelineDate(`${lead}Wire | 12 September 2023\nBody text.`)).toBe(DAY);
  });
});

describe('datelineDate chooses', () => {
  it('a date labelled as published over an unlabelled one', () => {
    expect(datelineDate('Headline\n13 September 2023\nPublished: 12 September 2023')).toBe(DAY);
  });

  it('the first unlabelled date when none is labelled', () => {
    expect(datelineDate('Headline\n12 September 2023\n13 September 2023')).toBe(DAY);
  });
});
