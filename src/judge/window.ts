/**
 * How far apart in time two dated articles may be linked. `--within` holds every link to a window; without it, only
 * links on sentences are held to REWRITE_WITHIN_DAYS: a sub-editor re-words the wire's story of the day, while the same
 * templated item (a poll, a central bank's tender) recurs weeks apart as other news. Undated articles are never held
 * apart.
 */
import type { ScanOptions } from '../options.js';
import { timesWithin } from '../sketch/meeting-filter.js';

/** Days apart, at most, of two dated articles compared on their sentences when no --within is given. */
export const REWRITE_WITHIN_DAYS = 7;

export const DAY_MS = 86_400_000;

/** Publication time of a document in ms, NaN when undated. */
export const timeOf = (doc: { readonly date?: string }): number => (doc.date === undefined ? Number.NaN : Date.parse(doc.date));

/** Whether two publication times (ms; NaN when undated) are at most `days` apart: always when either is undated or no window. */
export function withinWindow(days: number | undefined): (a: number, b: number) => boolean {
  if (days === undefined) return () => true;
  return (a, b) => timesWithin(a, b, days * DAY_MS);
}

/** Days a sentence link may span: --within when given, else REWRITE_WITHIN_DAYS. */
export function sentenceWindowDays(options: Pick<ScanOptions, 'withinDays'>): number {
  return options.withinDays ?? REWRITE_WITHIN_DAYS;
}

/** Whether two documents may be linked on their sentences (rewrite or partial reuse): dated close enough, or undated. */
export function maySentencesLink(a: { readonly date?: string }, b: { readonly date?: string }, options: Pick<ScanOptions, 'withinDays'>): boolean {
  return withinWindow(sentenceWindowDays(options))(timeOf(a), timeOf(b));
}
