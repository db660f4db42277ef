import { createHash } from 'node:crypto';

/** SHA-256 of an article's text, hex: how an unchanged article is recognised. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
