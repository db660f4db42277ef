/** Markdown tables and number formats for the benchmark report. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12,345 */
export const int = (x: number) => integer.format(x);

/** Fixed decimals, with thousands separators: 1,234.5 */
export const fixed = (x: number, digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** Bytes as MiB. */
export const mib = (bytes: number) => `${int(bytes / 2 ** 20)} MiB`;

/** Bytes as MB (10^6). */
export const mb = (bytes: number) => `${fixed(bytes / 1e6, 1)} MB`;

/** Three significant digits at most, for rates: 1,234 · 56.7 · 0.123 */
export const rate = (x: number) => (x >= 100 ? int(x) : x >= 10 ? fixed(x, 1) : fixed(x, 2));

export const share = (x: number | null) => (x === null ? 'n/a' : fixed(x, 4));

/** A GitHub-flavoured Markdown table, columns padded so it also reads as plain text. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, c) => (cells[c] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
