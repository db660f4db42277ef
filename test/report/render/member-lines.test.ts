import { describe, expect, it } from 'vitest';
import type { ReportPassage } from '../../../src/report/scan-report.js';
import { palette } from '../../../src/report/render/color.js';
import { columnHeadings, divergenceLines, figureColumns, relationLabel, verifiedFigures } from '../../../src/report/render/member-lines.js';

const passage = (at: ReportPassage['at'], words: number, start: number, opening: string, boilerplate: boolean): ReportPassage => ({
  at,
  words,
  start,
  end: start + opening.length,
  opening,
  boilerplate,
});

const divergence = {
  added: [
    passage('start', 40, 0, 'Home News Sport World Business', true),
    passage('middle', 4, 900, 'the minister said yesterday', false),
    passage('end', 20, 2000, 'To suggest a correction', true),
    passage('end', 6, 2400, 'Sign up for our newsletter', true),
  ],
  missing: [passage('middle', 12, 300, 'a paragraph the copy cut', false)],
  changedWords: 3,
};

describe('the lines under a member of the scan and check tables', () => {
  it('in the scan table, puts real passages before site furniture and labels the furniture', () => {
    expect(divergenceLines(divergence, palette(false), true)).toEqual([
      '      + 40 words at the start (site boilerplate): "Home News Sport World Business"',
      '      + 4 words in the middle: "the minister said yesterday"',
      '      + 20 words at the end (site boilerplate): "To suggest a correction"',
      '      + … 1 smaller',
      '      - 12 words in the middle: "a paragraph the copy cut"',
      '      3 words changed in place',
    ]);
  });

  it('in the check table, shows the longest passages, unlabelled', () => {
    expect(divergenceLines(divergence, palette(false), false)).toEqual([
      '      + 40 words at the start: "Home News Sport World Business"',
      '      + 20 words at the end: "To suggest a correction"',
      '      + 6 words at the end: "Sign up for our newsletter"',
      '      + … 1 smaller',
      '      - 12 words in the middle: "a paragraph the copy cut"',
      '      3 words changed in place',
    ]);
  });

  it('names relations and lines up the figures under their headings', () => {
    expect(relationLabel('canonical', 'same text')).toBe('same text');
    expect(relationLabel('copy-with-additions', 'canonical')).toBe('copy with additions');
    expect(columnHeadings('in orig', 'original', palette(false))).toBe('  relation             jaccard   in orig   kept   words  original');
    expect(verifiedFigures({ jaccard: 0.5, containment: { memberInCanonical: 0.875, canonicalInMember: 1 } })).toBe('   0.50      0.88   1.00');
    expect(figureColumns('—', '—', '—')).toBe('      —         —      —');
  });
});
