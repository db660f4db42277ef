import { describe, expect, it } from 'vitest';
import { relationOf, relationWithPassages } from '../../src/judge/relation.js';

const rel = (canonicalInMember: number, memberInCanonical: number) => relationOf({ canonicalInMember, memberInCanonical });

describe('relationOf', () => {
  it('copy: at least 90% each way', () => {
    expect(rel(1, 1)).toBe('copy');
    expect(rel(0.9, 0.9)).toBe('copy');
    expect(rel(0.9, 0.89)).toBe('copy-with-additions');
    expect(rel(0.89, 0.9)).toBe('copy-with-additions');
  });

  it('copy-with-additions: keeps at least 80% of the canonical, whatever it adds', () => {
    expect(rel(0.8, 0.05)).toBe('copy-with-additions');
    expect(rel(1, 0.5)).toBe('copy-with-additions');
    expect(rel(0.79, 0.05)).toBe('rewritten');
  });

  it('shortened: at least 70% of the member is canonical text, less than 80% of the canonical kept', () => {
    expect(rel(0.79, 0.7)).toBe('shortened');
    expect(rel(0.3, 1)).toBe('shortened');
    expect(rel(0.79, 0.69)).toBe('updated');
  });

  it('updated: at least 20% of the member is verbatim canonical text', () => {
    expect(rel(0.1, 0.2)).toBe('updated');
    expect(rel(0.5, 0.69)).toBe('updated');
    expect(rel(0.1, 0.19)).toBe('rewritten');
  });

  it('rewritten: less than 20% verbatim', () => {
    expect(rel(0, 0)).toBe('rewritten');
    expect(rel(0.79, 0.199)).toBe('rewritten');
  });
});

describe('relationWithPassages', () => {
  it('never labels a member by a difference its passages do not show', () => {
    expect(relationWithPassages('copy-with-additions', { added: 0, missing: 0 })).toBe('copy');
    expect(relationWithPassages('copy-with-additions', { added: 0, missing: 2 })).toBe('shortened');
    expect(relationWithPassages('shortened', { added: 0, missing: 0 })).toBe('copy');
    expect(relationWithPassages('shortened', { added: 1, missing: 0 })).toBe('copy-with-additions');
    expect(relationWithPassages('copy-with-additions', { added: 1, missing: 0 })).toBe('copy-with-additions');
    expect(relationWithPassages('rewritten', { added: 0, missing: 0 })).toBe('rewritten');
  });
});
