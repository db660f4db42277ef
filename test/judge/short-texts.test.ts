import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { palette } from '../../src/report/render/color.js';
import { renderTable } from '../../src/report/render/table.js';
import { buildReport } from '../../src/report/scan-report.js';
import { scan } from '../../src/scan/scan.js';

async function scanLines(docs: ReadonlyArray<{ id: string; text: string }>, metric: 'containment' | 'jaccard' = 'containment') {
  const corpus = docs.map((d) => JSON.stringify(d)).join('\n');
  return buildReport(await scan(withDefaults({ paths: ['in.jsonl'], metric }), memoryFileSystem({ 'in.jsonl': corpus })));
}

const adjourned = 'The case was adjourned until tomorrow.';
// 19 words: too short to judge. Its near copy changes one word, which leaves 14 of 16 shingles shared (Jaccard 0.78).
const profits = 'Shares in the engineering group rose sharply in early trading after it reported higher profits for the third quarter';
const nearProfits = profits.replace(/quarter$/, 'period');

describe('a text too short to judge (under 25 words)', () => {
  it('is grouped with exact copies of its words, and the report says why', async () => {
    // Three unrelated court reports that are only the one wire formula: they are exact copies, so they group.
    const report = await scanLines(['court-a', 'court-b', 'court-c'].map((id) => ({ id, text: adjourned })));
    expect(report.clusters.map((c) => c.members.map((m) => [m.id, m.relation, m.reason ?? null]))).toEqual([
      [
        ['court-a', 'canonical', null],
        ['court-b', 'copy', 'too-short-to-judge'],
        ['court-c', 'copy', 'too-short-to-judge'],
      ],
    ]);
    const table = renderTable(report, palette(false));
    expect(table.split('\n').filter((line) => line.includes('too short'))).toEqual([
      '  too short to judge (under 25 words): grouped only as exact copies of the same words',
    ]);
  });

  it.each(['containment', 'jaccard'] as const)('is not grouped with a near copy (%s)', async (metric) => {
    expect(profits.split(' ')).toHaveLength(19);
    const report = await scanLines(
      [
        { id: 'profits', text: profits },
        { id: 'near', text: nearProfits },
      ],
      metric,
    );
    expect(report.clusters).toEqual([]);
  });

  it('leaves texts of 25 words or more to the usual rules, with no reason given', async () => {
    const longer = `${profits}, the company said on Monday in London`;
    expect(longer.split(' ')).toHaveLength(26);
    const report = await scanLines([
      { id: 'longer', text: longer },
      { id: 'near', text: longer.replace('quarter', 'period') },
    ]);
    expect(report.clusters.map((c) => c.members.map((m) => [m.id, m.relation, m.reason ?? null]))).toEqual([
      [
        ['longer', 'canonical', null],
        ['near', 'copy', null],
      ],
    ]);
    expect(renderTable(report, palette(false))).not.toContain('too short');
  });
});
