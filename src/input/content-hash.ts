import { createHash } from 'node:crypto';

/**
 * SHA-256 of an article's text, hex: the index's change detector. The index stores it with every article, and an
 * article whose text hashes the same as the stored one is unchanged (`index add`, `scan --db`, `check`'s originals).
 * A different job from `textDigest` (text/token-hashes.ts), the 32-bit digest taken on the tokeniser's way that
 * tells, within one scan, whether an article read again is the one its first pass read: it is never stored, while
 * this one outlives the run and names articles across runs and machines, where 32 bits would meet.
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
