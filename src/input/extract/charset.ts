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
  return META_CHARSET.exec(head)?.[1]?.toLowerCase();
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
  return { text: decoder.decode(bytes) };
}
