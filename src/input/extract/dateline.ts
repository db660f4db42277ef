import { isoDay, MONTH_PATTERN, monthNumber } from './dates.js';

/** How many non-blank lines at the top of an article may hold its dateline. */
export const DATELINE_LINES = 6;

/**
 * How many characters at the top of an article may hold its dateline. A text with no line breaks is one long line, and
 * seeking a year through all of it took 3% of a scan; a dateline stands well inside this.
 */
export const DATELINE_CHARS = 1000;

/**
 * Dates written out in a line: "2023-09-12", "12 September 2023", "12th Sept. 2023", "September 12, 2023",
 * "Sept. 12 2023". Numeric forms such as 12/09/2023 are left out: day-month and month-day orders cannot be told apart.
 */
const DATE_IN_TEXT = new RegExp(
  [
    String.raw`\b(\d{4})-(\d{2})-(\d{2})\b`,
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_PATTERN})\.?,?\s+(\d{4})\b`,
    String.raw`\b(${MONTH_PATTERN})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`,
  ].join('|'),
  'gi',
);

/** Words before a date that say it is not the publication date: a scrape-date banner, an update, a deadline. */
export const NOT_PUBLICATION = /\b(?:today|now|current|updated?|modified|edited|revised|accessed|retrieved|printed|fetched|as of|expires?|until|deadline|born|died)\b|©|\(c\)|\bcopyright\b/i;

/** Words before a date that say it is the publication date. */
const PUBLICATION = /\b(?:published|posted|pub(?:lication)?\s*date|date[ds]?|filed|issued)\b/i;

/** What may stand beside a date in a dateline without making the line a sentence. */
const DATELINE_FURNITURE = new RegExp(
  [
    String.raw`\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?`, // times
    String.raw`\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?`, // weekdays
    String.raw`\b(?:gmt|utc|ist|[ecmp][sd]t|bst|cest?|jst|kst|aest|hkt|sgt)\b(?:[+-]\d{1,2}(?::\d{2})?)?`, // time zones
    String.raw`\b(?:published|posted|pub|publication|date[ds]?|filed|issued|first|on|at)\b`, // labels
  ].join('|'),
  'gi',
);

/** Words left beside a date, beyond dateline furniture, past which the line reads as text rather than a dateline. */
const MAX_OTHER_WORDS = 3;
/** The same with a publication label before the date ("Published: …"), which vouches for the line. */
const MAX_OTHER_WORDS_LABELLED = 8;

/** Separators between the parts of a header line: "By Jane Doe | 12 September 2023 | World". */
const SEGMENT = /\s*(?:[|•·]|\s[-–—]\s)\s*/;

interface DateMatch {
  readonly iso: string;
  readonly index: number;
  readonly length: number;
}

function datesIn(segment: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const m of segment.matchAll(DATE_IN_TEXT)) {
    let iso: string | undefined;
    if (m[1] !== undefined) iso = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
    else if (m[4] !== undefined) {
      const month = monthNumber(m[5]!);
      iso = month === undefined ? undefined : isoDay(Number(m[6]), month, Number(m[4]));
    } else {
      const month = monthNumber(m[7]!);
      iso = month === undefined ? undefined : isoDay(Number(m[9]), month, Number(m[8]));
    }
    if (iso !== undefined) found.push({ iso, index: m.index, length: m[0].length });
  }
  return found;
}

const YEAR = /\d{4}/;

/**
 * The first `count` non-blank lines within the first `chars` characters, trimmed, found without splitting the whole
 * text (this runs on every article); `cut` is whether the last of them runs on past `chars`.
 */
function leadingLines(text: string, count: number, chars: number): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  const head = text.length > chars ? text.slice(0, chars) : text;
  let start = 0;
  let cut = false;
  // A line ends at \n, \r\n or a lone \r (a file saved with classic Mac line ends).
  const lineEnd = /[\n\r]/g;
  while (lines.length < count && start <= head.length) {
    lineEnd.lastIndex = start;
    const end = lineEnd.exec(head)?.index ?? head.length;
    const line = head.slice(start, end).trim();
    if (line !== '') {
      lines.push(line);
      cut = end === head.length && head.length < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13;
    }
    start = end + 1;
  }
  return { lines, cut };
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * The publication date stated near the top of a plain-text article, as ISO 8601 at midnight UTC; undefined when its
 * first {@link DATELINE_LINES} non-blank lines, within its first {@link DATELINE_CHARS} characters, state none. A date counts when it stands in a dateline: a line, or a
 * part of a line between separators such as "|", that holds little besides the date (times, weekdays, labels).
 * A date labelled as something else ("Today: 30 May 2025", "Updated …") is passed over, and a date labelled as the
 * publication date ("Published: Sept. 12, 2023", "date 2023-09-12") wins over an unlabelled one.
 */
export function datelineDate(text: string): string | undefined {
  let unlabelled: string | undefined;
  const { lines, cut } = leadingLines(text, DATELINE_LINES, DATELINE_CHARS);
  for (const [l, line] of lines.entries()) {
    // Every date form this reads has a four-digit year: a line without one is passed over before any costly regex.
    if (!YEAR.test(line)) continue;
    const segments = line.split(SEGMENT);
    // A line cut at DATELINE_CHARS ends in a segment that may be cut too: it is not read, as a cut segment holds fewer
    // words than the whole and could pass for a dateline.
    if (cut && l === lines.length - 1) segments.pop();
    for (const segment of segments) {
      const dates = datesIn(segment);
      if (dates.length === 0) continue;
      let rest = segment;
      for (const date of [...dates].reverse()) rest = `${rest.slice(0, date.index)} ${rest.slice(date.index + date.length)}`;
      const otherWords = countWords(rest.replace(DATELINE_FURNITURE, ' '));
      let previousEnd = 0;
      for (const date of dates) {
        // The words since the previous date say what this one is.
        const label = segment.slice(previousEnd, date.index);
        previousEnd = date.index + date.length;
        if (NOT_PUBLICATION.test(label)) continue;
        const labelled = PUBLICATION.test(label);
        if (labelled && otherWords <= MAX_OTHER_WORDS_LABELLED) return date.iso;
        if (!labelled && otherWords <= MAX_OTHER_WORDS) unlabelled ??= date.iso;
      }
    }
  }
  return unlabelled;
}
