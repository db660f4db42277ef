import { describe, expect, it, vi } from 'vitest';
import { ProgressLine, showProgress } from '../../src/cli/progress.js';

function fakeStream() {
  const writes: string[] = [];
  return { writes, stream: { columns: 60, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WritableStream & { columns: number } };
}

describe('showProgress', () => {
  it('shows progress only on a terminal, not in CI, not when quiet', () => {
    expect(showProgress({ isTTY: true }, {}, false)).toBe(true);
    expect(showProgress({ isTTY: true }, { CI: 'false' }, false)).toBe(true);
    expect(showProgress({ isTTY: false }, {}, false)).toBe(false);
    expect(showProgress({}, {}, false)).toBe(false);
    expect(showProgress({ isTTY: true }, { CI: 'true' }, false)).toBe(false);
    expect(showProgress({ isTTY: true }, {}, true)).toBe(false);
  });
});

describe('ProgressLine', () => {
  it('redraws one line in place, a bar where the total is known, at most every 100 ms, and erases it', () => {
    vi.useFakeTimers();
    try {
      const { writes, stream } = fakeStream();
      const line = new ProgressLine(stream);
      line.clear();
      expect(writes).toEqual([]);
      vi.setSystemTime(1_000_000);
      line.update('reading', 12_000);
      line.update('reading', 13_000); // too soon: not drawn
      vi.setSystemTime(1_000_200);
      line.update('verifying', 50, 200);
      line.clear();
      expect(writes).toHaveLength(3);
      expect(writes[0]).toBe(`\r${'neardup: reading 12,000 articles'.padEnd(59)}`);
      expect(writes[1]).toBe(`\r${'neardup: verifying pairs [######..................] 50/200'.padEnd(59)}`);
      expect(writes[2]).toBe(`\r${' '.repeat(59)}\r`);
    } finally {
      vi.useRealTimers();
    }
  });
});
