/** Month numbers (1–12) by lower-case name, abbreviation and "sept". */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

/** Month names a date may spell out, longest first so that the regular expression prefers "September" to "Sep". */
export const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

/** Publication dates outside these years are taken to be misreadings (a price, a count). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** A calendar day as ISO 8601 at midnight UTC, or undefined when the day does not exist (31 February). */
export function isoDay(year: number, month: number, day: number): string | undefined {
  return isoDateTime(year, month, day, 0, 0, 0, 0, 0);
}

/** A date and time as ISO 8601 UTC, the time read at `offsetMinutes` east of UTC; undefined when a field is out of range. */
function isoDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || hour > 23 || minute > 59 || second > 59) return undefined;
  const naive = new Date(Date.UTC(year, month - 1, day));
  if (naive.getUTCFullYear() !== year || naive.getUTCMonth() !== month - 1 || naive.getUTCDate() !== day) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return new Date(time).toISOString();
}

/** RFC 2822's North American zone names (its obsolete zones, still common in RSS), in minutes east of UTC. */
const NAMED_ZONES: Readonly<Record<string, number>> = { EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

/**
 * Minutes east of UTC for "Z", "UTC", "UT", "GMT", "+05:30", "+0530", "-04" or RFC 2822's "EST" … "PDT"; 0 when absent;
 * undefined when unreadable.
 */
function offsetOf(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '' || /^(?:z|utc|ut|gmt)$/i.test(zone)) return 0;
  const named = NAMED_ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const SLASHED = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const TIME = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|UT|GMT|[ECMP][SD]T|[+-]\d{2}:?\d{2})?)?`;
const DAY_MONTH_YEAR = new RegExp(String.raw`^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_PATTERN})\.?,?\s+(\d{4})${TIME}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(String.raw`^(?:[a-z]+,?\s+)?(${MONTH_PATTERN})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`, 'i');

/**
 * A date as a page's metadata states it, as ISO 8601 UTC; undefined when it does not read as one.
 * Accepts ISO 8601 (a time without a zone is read as UTC, a date alone as midnight UTC), "2023/09/12", "20230912",
 * "12 September 2023", "Tue, 12 Sep 2023 08:15:00 GMT" and "September 12, 2023".
 */
export function parseDateValue(value: string): string | undefined {
  const s = value.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, hh = '0', mm = '0', ss = '0', frac = '0', zone] = iso;
    const offset = offsetOf(zone);
    if (offset === undefined) return undefined;
    const ms = Math.floor(Number(`0.${frac}`) * 1000);
    return isoDateTime(Number(y), Number(mo), Number(d), Number(hh), Number(mm), Number(ss), ms, offset);
  }
  const day = SLASHED.exec(s) ?? COMPACT.exec(s);
  if (day) return isoDay(Number(day[1]), Number(day[2]), Number(day[3]));
  const dmy = DAY_MONTH_YEAR.exec(s);
  const mdy = dmy ? undefined : MONTH_DAY_YEAR.exec(s);
  const parts = dmy
    ? { d: dmy[1], mo: dmy[2], y: dmy[3], time: dmy.slice(4) }
    : mdy
      ? { d: mdy[2], mo: mdy[1], y: mdy[3], time: mdy.slice(4) }
      : undefined;
  if (!parts) return undefined;
  const month = monthNumber(parts.mo!);
  const [hh = '0', mm = '0', ss = '0', zone] = parts.time;
  const offset = offsetOf(zone);
  if (month === undefined || offset === undefined) return undefined;
  return isoDateTime(Number(parts.y), month, Number(parts.d), Number(hh), Number(mm), Number(ss), 0, offset);
}
