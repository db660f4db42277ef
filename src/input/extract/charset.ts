/**
 * The character encoding an HTML page declares in a <meta> of its first 1,024 bytes (the HTML standard's prescan), for
 * a page that is not valid UTF-8: older news sites still serve windows-1252, ISO-8859-x or Shift_JIS. A page that is
 * valid UTF-8 is read as UTF-8 whatever it declares (a wrong declaration is far more common than Latin-1 text that
 * happens to be valid UTF-8).
 */

/** How far into a page the declaration is looked for, as browsers do. */
const PRESCAN_BYTES = 1024;

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`. */
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

/** The label a page declares, lower-cased, or undefined when it declares none. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1');
  // The prescan passes over comments, as browsers' does: a <meta> commented out declares nothing.
  return META_CHARSET.exec(head.replace(/<!--[\s\S]*?(-->|$)/g, ''))?.[1]?.toLowerCase();
}

/**
 * The page decoded by its declared encoding, or why it cannot be: no declaration, one that is UTF-8 (the bytes are not)
 * or UTF-16 (which a <meta> means as UTF-8), or one this runtime has no decoder for.
 */
export function decodeDeclared(bytes: Uint8Array): { text: string } | { reason: string } {
  const label = declaredCharset(bytes);
  if (label === undefined) return { reason: 'not valid UTF-8 text, and no charset declared' };
  let decoder: { readonly encoding: string; decode(bytes: Uint8Array): string };
  try {
    decoder = new TextDecoder(label);
  } catch {
    return { reason: `not valid UTF-8 text, and its declared charset "${label}" is not one this runtime decodes` };
  }
  if (decoder.encoding === 'utf-8') return { reason: `not valid UTF-8 text, though it declares "${label}"` };
  // A <meta> cannot declare UTF-16 (the prescan that found it read the page as ASCII): browsers take it for UTF-8.
  if (decoder.encoding === 'utf-16le' || decoder.encoding === 'utf-16be') return { reason: `not valid UTF-8 text; it declares "${label}", which a page's <meta> means as UTF-8 (as browsers read it)` };
  return { text: decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes) };
}

/**
 * Bytes 0x80–0x9F of windows-1252 (the Encoding Standard's table; the five it leaves unassigned stay C1 controls). Node
 * 20's decoder reads them as ISO-8859-1, as invisible C1 controls, so a page's curly quotes, dashes and euro signs
 * were lost; every label the standard maps to windows-1252 (latin1, iso-8859-1, ascii…) comes here.
 */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
