import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../../src/input/file-system.js';
import { withDefaults } from '../../../src/options.js';
import { buildReport, type Report } from '../../../src/report/scan-report.js';
import { jsonChunks, renderJson } from '../../../src/report/render/json.js';
import { scan } from '../../../src/scan/scan.js';
import { syntheticText } from '../../helpers/synthetic.js';

/** A report of several clusters, from a scan of planted copies (one with a quote and a non-ASCII word in it). */
async function reportOf(groups: number): Promise<Report> {
  const files: Record<string, string> = {};
  for (let g = 0; g < groups; g++) {
    const text = syntheticText(g, 120);
    files[`in/${g}-a.txt`] = text;
    files[`in/${g}-b.txt`] = `${text} "Naïve" copy ${g}.`;
  }
  files['in/alone.txt'] = syntheticText(999, 120);
  return buildReport(await scan(withDefaults({ paths: ['in'] }), memoryFileSystem(files)));
}

describe('jsonChunks', () => {
  it('gives, joined, exactly JSON.stringify(report, null, 2) and a line break, one cluster a piece', async () => {
    for (const groups of [0, 1, 3]) {
      const report = await reportOf(groups);
      expect(report.clusters.length).toBe(groups);
      const pieces = [...jsonChunks(report)];
      expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(renderJson(report)).toBe(pieces.join(''));
      // The frame before and after, "[" and "]" around, and one piece per cluster.
      if (groups > 0) expect(pieces.length).toBe(groups + 4);
    }
  });
});
