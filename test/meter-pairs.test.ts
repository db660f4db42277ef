import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meterPairFigures } from '../bench/meter-pairs.js';
import { nodeFileSystem } from '../src/input/file-system.js';
import { readInputs, type SourceDocument } from '../src/input/read.js';
import { withDefaults } from '../src/options.js';
import { compareArticles } from '../src/report/compare-report.js';
import { scan } from '../src/scan/scan.js';
import { repoRoot } from './helpers/paths.js';

const meterPath = resolve(repoRoot, '../shared/corpora/meter-showbiz.jsonl');
const present = existsSync(meterPath);
if (!present) console.warn(`[test/meter-pairs.test.ts] skipping METER pair tests: ${meterPath} not found (../shared is absent)`);

describe.runIf(present)('compare on every labelled METER pair', () => {
  it('orders the sentence and containment figures wholly > partially > non', async () => {
    const { pairs, figures } = await meterPairFigures(meterPath);
    expect(pairs).toEqual({ wholly: 39, partially: 96, non: 40 });
    const by = new Map(figures.map((f) => [f.figure, f]));
    for (const name of ['jaccard', 'story in PA (aInB)', 'sentences derived (shareOfA)', 'linked as a member'] as const) expect(by.get(name)!.ordered).toBe(true);
    // Most of a wholly-derived story's sentences come from PA, a minority of the others'.
    expect(by.get('sentences derived (shareOfA)')!.median.wholly).toBeGreaterThanOrEqual(0.5);
    expect(by.get('sentences derived (shareOfA)')!.mean.non).toBeLessThan(0.25);
  }, 120_000);

  it("gives every member of the scan's clusters the scan's relation with its canonical, and every related article 'related'", async () => {
    const options = withDefaults({ paths: [meterPath] });
    const result = await scan(options, nodeFileSystem());
    const articles = new Map<string, SourceDocument>();
    for await (const event of readInputs([meterPath], nodeFileSystem())) if (event.kind === 'document') articles.set(event.document.id, event.document);
    const scanned: string[] = [];
    const compared: string[] = [];
    for (const cluster of result.clusters) {
      for (const member of cluster.members.slice(1)) {
        scanned.push(`${member.id} ${member.relation}`);
        compared.push(`${member.id} ${compareArticles(articles.get(member.id)!, articles.get(cluster.canonical)!, options).relation.relation}`);
      }
      for (const related of cluster.related ?? []) {
        scanned.push(`${related.id} related`);
        compared.push(`${related.id} ${compareArticles(articles.get(related.id)!, articles.get(related.of)!, options).relation.relation}`);
      }
    }
    expect(scanned.length).toBeGreaterThan(50);
    expect(compared).toEqual(scanned);
  }, 120_000);
});
