import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  bucketsOfGroup,
  MAX_BUCKET_DOCUMENTS,
  meetingsOfGroup,
  type MeetingTask,
  SENTENCE_KEY_GROUPS,
  SentenceKeyStore,
} from '../../src/sketch/sentence-lsh.js';
import { pairsOfColumn } from '../../src/sketch/lsh.js';
import { MeetingFilter } from '../../src/sketch/meeting-filter.js';
import { pairColumn } from '../helpers/pair-column.js';
import { keysOf, other, story } from '../helpers/sentence-texts.js';

/** A store's candidate pairs as arrays of two, to compare with the pairs a test expects. */
async function pairsOf(store: SentenceKeyStore, ...args: Parameters<SentenceKeyStore['candidatePairs']>): Promise<Array<[number, number]>> {
  return pairsOfColumn(await store.candidatePairs(...args));
}

describe('SentenceKeyStore.candidatePairs', () => {
  /** The story, the other, two of the story's sentences around a third, and one of the story's with two of the other's. */
  const fourArticles = () => {
    const store = new SentenceKeyStore();
    store.add(keysOf(story.join(' ')));
    store.add(keysOf(other.join(' ')));
    store.add(keysOf([story[1]!, 'A separate paragraph about something else entirely happened here.', story[0]!].join(' ')));
    store.add(keysOf([story[2]!, ...other.slice(0, 2)].join(' ')));
    return store;
  };

  it('pairs articles two of whose sentences meet, not those that share one sentence or none', async () => {
    const store = fourArticles();
    expect(await pairsOf(store)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('weighs each article on its own sentences: a story two of whose three sentences split one wire sentence is a candidate', async () => {
    const wire = [
      'Kim Jong Un arrived in Vladivostok by armoured train on Tuesday morning to meet President Vladimir Putin at the Eastern Economic Forum.',
      'Washington warned Pyongyang against supplying artillery shells to Moscow for the war.',
      'Officials in Seoul said the talks could cover satellite technology and nuclear submarines.',
      'Russian state television showed the green carriages crossing the border bridge at dawn.',
    ];
    const story = [
      'Kim Jong Un arrived in Vladivostok by armoured train on Tuesday morning.',
      'The North Korean leader will meet President Vladimir Putin at the Eastern Economic Forum.',
      'Our correspondent watched crowds gather outside the station waiting for a glimpse of him.',
    ];
    const store = new SentenceKeyStore();
    store.add(keysOf(wire.join(' ')));
    store.add(keysOf(story.join(' ')));
    // Both of the story's sentences meet the wire's first, so only one of the wire's sentences meets the story: weighed
    // on the wire's side, or on the fewer of both sides, the pair would never be aligned.
    expect(await pairsOf(store)).toEqual([[0, 1]]);
    expect(await pairsOf(store, undefined, { minMeeting: 3 })).toEqual([]);
    expect(await pairsOf(store, undefined, { minShare: 0.7 })).toEqual([]);
  });

  it('counts no meeting of a pair its filter refuses: such a pair is no candidate, and the others are as before', async () => {
    const store = fourArticles();
    expect(await pairsOf(store, MeetingFilter.of(pairColumn([[0, 2]])))).toEqual([[1, 3]]);
    expect(await pairsOf(store, MeetingFilter.of(pairColumn([[0, 3], [2, 3]])))).toEqual([[0, 2], [1, 3]]);
  });

  it('counts no meeting of two dated articles further apart than the window; undated articles are never held apart', async () => {
    const store = fourArticles();
    const day = 86_400_000;
    // 0 and 2 are 10 days apart, 1 undated.
    const times = [0, Number.NaN, 10 * day, 3 * day];
    expect(await pairsOf(store, MeetingFilter.of(new Int32Array(0), times, 7 * day))).toEqual([[1, 3]]);
    expect(await pairsOf(store, MeetingFilter.of(new Int32Array(0), times, 10 * day))).toEqual([[0, 2], [1, 3]]);
  });

  it('passes over a sentence in more than MAX_BUCKET_DOCUMENTS articles, as a formula', async () => {
    const formula = 'Reporting by the London newsroom desk team, editing by the weekend editors staff.';
    const second = 'Further inquiries go to the central media relations office in the city.';
    const store = new SentenceKeyStore();
    for (let n = 0; n <= MAX_BUCKET_DOCUMENTS; n++) store.add(keysOf(`${formula} ${second} Story number ${n} follows with its own words entirely.`));
    expect(await pairsOf(store)).toEqual([]);
    const few = new SentenceKeyStore();
    for (let n = 0; n < 3; n++) few.add(keysOf(`${formula} ${second} Story number ${n} follows with its own words entirely.`));
    expect(await pairsOf(few)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });
});

describe('SentenceKeyStore spilled to disk', () => {
  /**
   * Two stores of the same four texts, one held in memory and one spilling past `budget`, and the temporary folders
   * named `prefix` made since (folders of other scans running on the machine are not these stores').
   */
  const storesOf = (prefix: string, budget: number) => {
    const texts = [story.join(' '), other.join(' '), [story[1]!, story[0]!].join(' '), [story[2]!, ...other.slice(0, 2)].join(' ')];
    const folders = () => readdirSync(tmpdir()).filter((f) => f.startsWith(prefix));
    const before = new Set(folders());
    const held = new SentenceKeyStore();
    const spilled = new SentenceKeyStore(budget);
    for (const t of texts) {
      held.add(keysOf(t));
      spilled.add(keysOf(t));
    }
    return { held, spilled, ours: () => folders().filter((f) => !before.has(f)) };
  };

  it('gives the same candidate pairs with its keys written out past a tiny budget, and removes the files when released', async () => {
    const { held, spilled, ours } = storesOf('neardup-sentence-keys-', 16);
    expect(ours()).toHaveLength(1);
    expect(await pairsOf(spilled)).toEqual(await pairsOf(held));
    expect(await pairsOf(spilled)).toEqual([[0, 2], [1, 3]]);
    spilled.release();
    held.release();
    expect(ours()).toEqual([]);
  });

  it('gives the same candidate pairs with its meetings written out, one at a time, and removes their files', async () => {
    const { held, spilled, ours } = storesOf('neardup-sentence-meetings-', 1);
    // A meeting is written out as soon as it is kept: by the time later groups are offered, its folder is there.
    let seen = 0;
    const pairs = pairsOfColumn(
      await spilled.candidatePairs(undefined, {}, () => {
        seen = Math.max(seen, ours().length);
        return undefined;
      }),
    );
    expect(seen).toBe(1);
    expect(pairs).toEqual(await pairsOf(held));
    expect(pairs).toEqual([[0, 2], [1, 3]]);
    expect(ours()).toEqual([]);
    spilled.release();
    held.release();
  });
});

describe('bucketsOfGroup', () => {
  it('makes a bucket of each key held by 2 to maxBucket documents, each document once with its first sentence there', () => {
    const entry = (doc: number, sentence: number) => doc * 2 ** 11 + sentence;
    // Key 9: documents 1 (twice), 4 and 6; key 5: only document 2 (twice); key 3: four documents, over maxBucket 3;
    // key 7: documents 0 and 8.
    const rows: Array<[number, number]> = [
      [9, entry(1, 0)], [3, entry(0, 1)], [9, entry(1, 4)], [5, entry(2, 0)], [3, entry(2, 1)], [7, entry(0, 3)],
      [9, entry(4, 2)], [5, entry(2, 5)], [3, entry(3, 0)], [3, entry(5, 0)], [9, entry(6, 1)], [7, entry(8, 9)],
    ];
    // Rows come in document order, as a store adds them.
    rows.sort((a, b) => (a[1] >>> 11) - (b[1] >>> 11));
    const { members, ends } = bucketsOfGroup(Uint32Array.from(rows.flat()), rows.length, 3);
    const buckets: number[][][] = [];
    for (let b = 0, from = 0; b < ends.length; from = ends[b++]!) {
      buckets.push([...members.subarray(from, ends[b])].map((v) => [v >>> 11, v & 2047]));
    }
    expect(buckets).toEqual([
      [[0, 3], [8, 9]],
      [[1, 0], [4, 2], [6, 1]],
    ]);
  });
});

describe('SentenceKeyStore.candidatePairs with an offload', () => {
  it('gives the pairs it gives alone, whichever groups the other threads take and in whatever order they answer', async () => {
    const sentences = [...story, ...other];
    // Twelve articles, each three of the six sentences: pairs meet in one to three sentences.
    const texts = Array.from({ length: 12 }, (_, d) => [d % 6, (d * 5 + 1) % 6, (d * 7 + 2) % 6].map((s) => sentences[s]).join(' '));
    const store = new SentenceKeyStore();
    for (const text of texts) store.add(keysOf(text));
    const refused: Array<[number, number]> = [];
    for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) if ((i + j) % 5 === 0) refused.push([i, j]);
    const filter = MeetingFilter.of(pairColumn(refused));
    const expected = await pairsOf(store, filter);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.some(([i, j]) => (i + j) % 5 === 0)).toBe(false);
    // Declines every third offer (this thread makes those meetings) and answers the others after varying delays, from
    // the task alone, as a worker thread does.
    let asked = 0;
    const offered = new Set<MeetingTask>();
    const offload = (task: MeetingTask) => {
      offered.add(task);
      if (asked++ % 3 === 0) return undefined;
      const meetings = meetingsOfGroup({ ...task, filter: structuredClone(task.filter) });
      return new Promise<ReturnType<typeof meetingsOfGroup>>((resolve) => setTimeout(() => resolve(meetings), (asked * 7) % 5));
    };
    expect(await pairsOf(store, filter, {}, offload)).toEqual(expected);
    expect(offered.size).toBe(SENTENCE_KEY_GROUPS);
    store.release();
  });

  it('fails when another thread fails a group, once every offered group has answered, and leaves no files', async () => {
    const store = new SentenceKeyStore(1);
    for (let d = 0; d < 6; d++) store.add(keysOf([story[d % 3]!, other[d % 2]!, story[(d + 1) % 3]!].join(' ')));
    const prefix = 'neardup-sentence-meetings-';
    const ours = () => readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));
    const before = ours().length;
    let offered = 0;
    let settled = 0;
    const offload = (task: MeetingTask) => {
      const group = offered++;
      return new Promise<ReturnType<typeof meetingsOfGroup>>((resolve, reject) =>
        setTimeout(() => {
          settled++;
          if (group === 5) reject(new Error('worker thread failed: test'));
          else resolve(meetingsOfGroup(task));
        }, group % 3),
      );
    };
    await expect(store.candidatePairs(undefined, {}, offload)).rejects.toThrow(/worker thread failed: test/);
    expect(settled).toBe(offered);
    expect(ours().length).toBe(before);
    store.release();
  });
});
