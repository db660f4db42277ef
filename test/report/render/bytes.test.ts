import { describe, expect, it } from 'vitest';
import { humanBytes } from '../../../src/report/render/bytes.js';

describe('humanBytes', () => {
  it('gives small files their bytes or kilobytes, never "0.0 MB"', () => {
    expect(humanBytes(0)).toBe('0 bytes');
    expect(humanBytes(1)).toBe('1 byte');
    expect(humanBytes(999)).toBe('999 bytes');
    expect(humanBytes(36_864)).toBe('36.9 kB');
    expect(humanBytes(10_330_112)).toBe('10.3 MB');
    expect(humanBytes(1_204_000_000)).toBe('1.20 GB');
  });
});
