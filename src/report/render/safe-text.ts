/**
 * Control characters (C0 but tab, DEL, C1) and the invisible bidirectional controls: what lets an article's id or text
 * move the cursor, clear the screen, set the terminal's title, ring the bell, hide a link or reverse what follows.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

/**
 * Text from the input (ids, paths, passages, messages naming them) made safe to print on a terminal: each control or
 * bidi character becomes a visible escape (`\n`, `\r`, `\e`, `\u202e`), everything else is left as it is. Every
 * human-readable output goes through it; JSON escapes these itself.
 */
export function safeText(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
