import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../src/io.js';
import { withDefaults } from '../src/options.js';
import { buildReport } from '../src/report.js';
import { scan } from '../src/scan.js';

/** Six unrelated stories of one site, each with the site's footer; one of them copied, without the footer, elsewhere. */
const subjects = ['the harbour ferry timetable', 'a new school library', 'the river flood defences', 'the summer music festival', 'a hospital car park', 'the county cricket final'];
const story = (subject: string) =>
  Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} about ${subject} tells readers what the council decided and why ${subject} matters to ${i + 2} families.`).join(' ');
const footer = 'Subscribe to our daily newsletter for more local stories, sent to your inbox every morning.';
const files: Record<string, string> = Object.fromEntries(subjects.map((s, i) => [`site/${i}.txt`, `${story(s)}\n${footer}\n`]));
files['elsewhere/copy.txt'] = story(subjects[0]!);

describe('scan with boilerplate learned from the corpus', () => {
  it("learns the site's footer, leaves it out of similarity, and still shows it in the divergence, marked", async () => {
    const result = await scan(withDefaults({ paths: ['site', 'elsewhere'] }), memoryFileSystem(files));
    expect(result.boilerplate).toEqual({ minDocuments: 5, lines: [{ text: 'Subscribe to our daily newsletter for more local stories, sent to your inbox …', documents: 6 }], removedLines: 6 });
    expect(result.clusters).toHaveLength(1);
    const [cluster] = buildReport(result).clusters;
    // The page and the copy tie on completeness; the page, the longer text, is canonical, and the copy lacks its footer.
    expect(cluster!.canonical).toBe('site/0.txt');
    const copy = cluster!.members.find((m) => m.id === 'elsewhere/copy.txt')!;
    // Without the footer, the page is its story alone: the copy is exact on the similarity set.
    expect(copy).toMatchObject({ relation: 'copy', jaccard: 1, added: [] });
    expect(copy.missing).toEqual([expect.objectContaining({ at: 'end', words: 15, boilerplate: true })]);
  });

  it('learns nothing with boilerplate learning off, or below the minimum of documents', async () => {
    expect((await scan(withDefaults({ paths: ['site', 'elsewhere'], boilerplateMinDocuments: 0 }), memoryFileSystem(files))).boilerplate).toBeUndefined();
    expect((await scan(withDefaults({ paths: ['site', 'elsewhere'], boilerplateMinDocuments: 7 }), memoryFileSystem(files))).boilerplate).toBeUndefined();
  });
});
