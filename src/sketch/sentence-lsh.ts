/**
 * Sentence LSH: the keys of every sentence (sentence-keys.ts) sorted into buckets, so a sentence meets its near-matches
 * across the corpus in time linear in the corpus. Two articles are candidates when several of the sentences of one
 * meet the other. A bucket holding more than MAX_BUCKET_DOCUMENTS articles is an over-common sentence (a standard
 * quote, a wire formula, boilerplate): it is passed over, as learned boilerplate lines are, so no bucket's work grows
 * with the corpus.
 */
import type { PairColumn } from './lsh.js';
import { MeetingFilter, type MeetingFilterData } from './meeting-filter.js';
import { SENTENCE_BANDS } from './sentence-keys.js';
import { releaseRowSortMemory, type SortDigits, sortedRows } from './row-sort.js';
import { SpilledGroups } from './spilled-groups.js';

/** A sentence key shared by more articles than this is over-common and makes no candidates. */
export const MAX_BUCKET_DOCUMENTS = 8;

/** Sentences of one article that must meet the other for the two to be candidates: one meeting is too often two common stems by chance. */
export const MIN_MEETING_SENTENCES = 2;

/**
 * Share of one article's sentences that must meet the other, the least share of derived sentences sentence alignment
 * asks of a member (judge/relation.ts): a re-written copy takes a good part of its sentences from the source, a story
 * on the same topic meets it here and there.
 */
export const MIN_MEETING_SHARE = 1 / 3;

/** Sentences of one article beyond this share one ordinal: candidates count meetings, they never need more. */
const MAX_ORDINAL = 2047;

/** Top bits of a key that pick its group within a band: a group is sorted on its own, a sixteenth of the band. */
const PARTITION_BITS = 4;
const PARTITIONS = 1 << PARTITION_BITS;

/** Groups of sentence keys, each sorted on its own: a key meets only keys of its own band and partition. */
export const SENTENCE_KEY_GROUPS = SENTENCE_BANDS * PARTITIONS;

/**
 * Every document's sentence keys, as the entries candidate pairs sort: per band and partition of the key space, each
 * key with doc·2^11 + sentence, in the order documents were added (spilled to disk past a budget: SpilledGroups).
 */
export class SentenceKeyStore {
  private readonly entries: SpilledGroups;
  private sentenceCounts = new Int32Array(1024);
  count = 0;

  /** `budget`: entries (and later meetings) held in memory before they are written out (tests make it small). */
  constructor(private readonly budget?: number) {
    this.entries = new SpilledGroups(SENTENCE_KEY_GROUPS, budget);
  }

  /** Appends the next document's keys: SENTENCE_BANDS per keyed sentence, in sentence order (sentenceKeys). */
  add(keys: Int32Array): void {
    const doc = this.count;
    const sentences = keys.length / SENTENCE_BANDS;
    if (doc === this.sentenceCounts.length) {
      const grown = new Int32Array(2 * doc);
      grown.set(this.sentenceCounts);
      this.sentenceCounts = grown;
    }
    this.sentenceCounts[doc] = sentences;
    for (let sentence = 0, k = 0; sentence < sentences; sentence++) {
      const value = doc * 2 ** 11 + Math.min(MAX_ORDINAL, sentence);
      for (let band = 0; band < SENTENCE_BANDS; band++, k++) {
        const key = keys[k]! >>> 0;
        this.entries.push(band * PARTITIONS + (key >>> (32 - PARTITION_BITS)), key, value);
      }
    }
    this.count++;
  }

  /** How many sentences of document i have keys. */
  sentences(i: number): number {
    return this.sentenceCounts[i]!;
  }

  /** Gives back the memory and files of the keys; the store is empty after. */
  release(): void {
    this.entries.release();
    this.count = 0;
  }

  /**
   * Candidate pairs (i, j), i < j, as a column i0, j0, i1, j1 …, sorted: documents whose sentences meet in buckets of
   * at most `maxBucket` documents, where the distinct sentences of one of the two that meet the other are at least
   * `minMeeting` and at least `minShare` of its own sentences (MeetingCounter); a meeting `filter` refuses never counts.
   * `offload` may make a group's meetings elsewhere (a worker thread): it is offered every group, and where it declines
   * (its threads are busy) this thread makes the group's meetings itself. Meetings are counted in whatever order they
   * come: the pairs do not depend on it.
   */
  async candidatePairs(
    filter: MeetingFilter = MeetingFilter.all(),
    { maxBucket = MAX_BUCKET_DOCUMENTS, ...rules }: { maxBucket?: number } & MeetingRules = {},
    offload?: MeetingOffload,
  ): Promise<PairColumn> {
    const counter = this.meetingCounter(rules);
    const offloaded = new Set<Promise<GroupMeetings>>();
    const answered: GroupMeetings[] = [];
    let failure: { error: unknown } | undefined;
    const takeAnswered = () => {
      if (failure) throw failure.error;
      for (const meetings of answered.splice(0)) counter.add(meetings);
    };
    try {
      let held: Uint32Array | undefined;
      for (let g = 0; g < this.entries.groups; g++) {
        const total = this.entries.size(g);
        // Rows of the group's own size when they may move to another thread; otherwise one array, grown as needed.
        const rows = offload ? new Uint32Array(2 * total) : (held = held && held.length >= 2 * total ? held : new Uint32Array(2 * total));
        this.entries.read(g, rows);
        const task: MeetingTask = { rows, total, maxBucket, filter: filter.data, rangeShift: counter.rangeShift, ranges: counter.ranges };
        const elsewhere = offload?.(task);
        if (elsewhere) {
          offloaded.add(elsewhere);
          elsewhere.then(
            (meetings) => answered.push(meetings),
            (error: unknown) => (failure ??= { error }),
          ).finally(() => offloaded.delete(elsewhere));
        } else counter.add(meetingsOfGroup(task, filter));
        if (offload) {
          // Lets the other threads' answers in (they come as events), so their threads are free for the next groups.
          await new Promise((resolve) => setImmediate(resolve));
          takeAnswered();
        }
      }
      await Promise.allSettled(offloaded);
      takeAnswered();
      return counter.pairs();
    } finally {
      // After a failure the other groups' meetings may still be coming: wait for them before the counter's files go.
      await Promise.allSettled(offloaded);
      counter.release();
      releaseMeetingMemory();
    }
  }

  /** A counter of the meetings of this store's documents, for candidate pairs; release it when done. */
  meetingCounter(rules: MeetingRules = {}): MeetingCounter {
    return new MeetingCounter(this.count, (i) => this.sentences(i), rules, this.budget);
  }
}

/** How many meeting sentences make two documents candidates (SentenceKeyStore.candidatePairs). */
export interface MeetingRules {
  readonly minMeeting?: number;
  readonly minShare?: number;
}

/**
 * The buckets of one group: runs of one key holding 2 to `maxBucket` distinct documents (a run with more is an
 * over-common sentence and left out), each as its documents' doc·2^11 + sentence (a document's first sentence in the
 * run), in document order: bucket b is members[ends[b - 1] … ends[b]). A pure function of the group, so a worker thread
 * can make it.
 */
export interface SentenceBuckets {
  readonly members: Uint32Array<ArrayBuffer>;
  readonly ends: Uint32Array<ArrayBuffer>;
}

/**
 * A group whose meetings are to be made (meetingsOfGroup): its first `total` entries as pairs (key, value …), which it
 * may take with it, the meeting filter's data, and how meetings are kept apart by their first document (MeetingCounter).
 */
export interface MeetingTask {
  readonly rows: Uint32Array;
  readonly total: number;
  readonly maxBucket: number;
  readonly filter: MeetingFilterData;
  readonly rangeShift: number;
  readonly ranges: number;
}

/** Makes a group's meetings on another thread, or declines (undefined): SentenceKeyStore.candidatePairs. */
export type MeetingOffload = (task: MeetingTask) => Promise<GroupMeetings> | undefined;

/**
 * The meetings a filter accepts in a group's buckets, by range of their first document: range r's are rows
 * rangeEnds[r - 1] … rangeEnds[r] of the two columns, each a document's number and, above its low 21 bits, the ordinal of
 * its sentence that meets the other (MeetingCounter). A pure function of the group, so a worker thread can make it.
 */
export interface GroupMeetings {
  readonly first: Uint32Array<ArrayBuffer>;
  readonly second: Uint32Array<ArrayBuffer>;
  readonly rangeEnds: Uint32Array<ArrayBuffer>;
}

/**
 * The meetings of a group's buckets (bucketsOfGroup) that `filter` accepts: each pair of documents i < j in a bucket is
 * a meeting of one sentence of each. `filter`: the task's, where this thread has it already.
 */
export function meetingsOfGroup(task: MeetingTask, filter = new MeetingFilter(task.filter)): GroupMeetings {
  const { members, ends } = bucketsOfGroup(task.rows, task.total, task.maxBucket);
  // Every pair of each bucket, at most: the scratch is sized once for the group, never grown pair by pair.
  let most = 0;
  for (let b = 0, from = 0; b < ends.length; from = ends[b++]!) most += ((ends[b]! - from) * (ends[b]! - from - 1)) / 2;
  if (meetingScratch.first.length < most) {
    const length = Math.max(most, 2 * meetingScratch.first.length);
    meetingScratch = { first: new Uint32Array(length), second: new Uint32Array(length) };
  }
  const { first, second } = meetingScratch;
  // Meetings of each range, counted as they are made.
  const rangeEnds = new Uint32Array(task.ranges);
  let m = 0;
  for (let b = 0, from = 0; b < ends.length; from = ends[b++]!) {
    for (let x = from; x < ends[b]!; x++) {
      const i = members[x]! >>> 11;
      for (let y = x + 1; y < ends[b]!; y++) {
        const j = members[y]! >>> 11;
        if (!filter.accepts(i, j)) continue;
        rangeEnds[i >>> task.rangeShift]!++;
        first[m] = i + (members[x]! & MAX_ORDINAL) * 2 ** 21;
        second[m++] = j + (members[y]! & MAX_ORDINAL) * 2 ** 21;
      }
    }
  }
  // Kept apart by range, in the order they came within each.
  const at = new Uint32Array(task.ranges);
  for (let r = 0, sum = 0; r < task.ranges; r++) {
    at[r] = sum;
    sum += rangeEnds[r]!;
    rangeEnds[r] = sum;
  }
  const byRangeFirst = new Uint32Array(m);
  const byRangeSecond = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    const to = at[(first[e]! & DOCUMENT_MASK) >>> task.rangeShift]!++;
    byRangeFirst[to] = first[e]!;
    byRangeSecond[to] = second[e]!;
  }
  return { first: byRangeFirst, second: byRangeSecond, rangeEnds };
}

/** Where meetingsOfGroup writes a group's meetings before it sorts them by range: kept by the thread from group to group. */
let meetingScratch = { first: new Uint32Array(1 << 12), second: new Uint32Array(1 << 12) };

/**
 * Lets go of what a thread keeps from group to group while it makes meetings (the sort's memory, the meetings' scratch):
 * grown to the largest group, it would stay through the rest of the scan.
 */
export function releaseMeetingMemory(): void {
  releaseRowSortMemory();
  if (meetingScratch.first.length > 1 << 12) meetingScratch = { first: new Uint32Array(1 << 12), second: new Uint32Array(1 << 12) };
}

/** The buckets of the first `total` entries of a group, given as pairs (key, value, key, value …). */
export function bucketsOfGroup(rows: Uint32Array, total: number, maxBucket: number): SentenceBuckets {
  const [keys, values] = sortedRows(rows, total, KEY_DIGITS);
  // Columns no longer than the group can fill (a small corpus has many small groups), grown where a large one needs.
  let members = new Uint32Array(Math.max(2, Math.min(total, 1 << 12)));
  let ends = new Uint32Array(Math.max(1, Math.min(total >>> 1, 1 << 10)));
  let m = 0;
  let b = 0;
  for (let start = 0; start < total; ) {
    const key = keys[start]!;
    let end = start + 1;
    while (end < total && keys[end] === key) end++;
    if (end - start > 1) {
      const from = m;
      let overCommon = false;
      for (let e = start; e < end; e++) {
        // A document's entries in a run are side by side (ties keep entry order, which is document order).
        if (m > from && members[m - 1]! >>> 11 === values[e]! >>> 11) continue;
        if (m - from === maxBucket) {
          overCommon = true;
          break;
        }
        if (m === members.length) members = grownColumn(members);
        members[m++] = values[e]!;
      }
      if (overCommon || m - from < 2) m = from;
      else {
        if (b === ends.length) ends = grownColumn(ends);
        ends[b++] = m;
      }
    }
    start = end;
  }
  return { members: members.slice(0, m), ends: ends.slice(0, b) };
}

/**
 * Counts the meetings of documents' sentences (meetingsOfGroup) into candidate pairs. A pair is a candidate where the
 * distinct sentences of one side that meet the other are at least `minMeeting` and at least `minShare` of its own
 * sentences. Each side is weighed on its own sentences, as alignment weighs a member's derived sentences against the
 * member's own: a story a third of whose sentences meet a long wire file is a candidate, even where fewer of the wire's
 * sentences meet it (two of them written from one of the wire's). Meetings may come in any order: the pairs do not
 * depend on it.
 */
export class MeetingCounter {
  private readonly meetings: SpilledGroups;
  /** Meetings are kept apart by their first document's number shifted right by this. */
  readonly rangeShift: number;
  private readonly enough: (met: number, doc: number) => boolean;

  constructor(
    documents: number,
    sentencesOf: (doc: number) => number,
    { minMeeting = MIN_MEETING_SENTENCES, minShare = MIN_MEETING_SHARE }: MeetingRules,
    budget?: number,
  ) {
    // Meetings are kept apart by their first document's range, spilled like the keys past the budget, and counted one
    // range at a time: a million articles meet some 40 million times, which held at once took 0.8 GB with its sort.
    this.rangeShift = Math.max(0, Math.ceil(Math.log2(Math.max(1, documents) / MEETING_RANGES)));
    this.meetings = new SpilledGroups(((Math.max(1, documents) - 1) >>> this.rangeShift) + 1, budget, 'neardup-sentence-meetings');
    this.enough = (met, doc) => met >= Math.max(minMeeting, minShare * sentencesOf(doc));
  }

  /** Ranges the meetings are kept apart in. */
  get ranges(): number {
    return this.meetings.groups;
  }

  /** Keeps a group's meetings. */
  add({ first, second, rangeEnds }: GroupMeetings): void {
    for (let r = 0, from = 0; r < rangeEnds.length; from = rangeEnds[r++]!) this.meetings.pushColumns(r, first, second, from, rangeEnds[r]!);
  }

  /** The candidate pairs as a column, sorted, from every meeting added. */
  pairs(): PairColumn {
    return countedPairs(this.meetings, this.enough);
  }

  /** Gives back the meetings' memory and files. */
  release(): void {
    this.meetings.release();
  }
}

/** Ranges of first documents that meetings are kept apart in. */
const MEETING_RANGES = 64;

/**
 * The pairs (i, j), i < j, as a column, sorted, whose meetings are `enough` for one side: the distinct sentences of i
 * that meet j, weighed by `enough(met, i)`, or those of j that meet i by `enough(met, j)`. Each range of first
 * documents is read and sorted by pair in turn; ranges come in document order, so the pairs come sorted.
 */
function countedPairs(meetings: SpilledGroups, enough: (met: number, doc: number) => boolean): PairColumn {
  let largest = 0;
  for (let g = 0; g < meetings.groups; g++) largest = Math.max(largest, meetings.size(g));
  const rows = new Uint32Array(2 * largest);
  let pairs = new Uint32Array(1024);
  let kept = 0;
  // Each run of one pair counts the distinct sentences of each side: a sentence is counted when its mark is not the run's.
  const markI = new Int32Array(MAX_ORDINAL + 1).fill(-1);
  const markJ = new Int32Array(MAX_ORDINAL + 1).fill(-1);
  let run = 0;
  for (let g = 0; g < meetings.groups; g++) {
    const total = meetings.read(g, rows);
    const [ofI, ofJ] = sortedRows(rows, total, PAIR_DIGITS);
    for (let p = 0; p < total; run++) {
      const i = ofI[p]! & DOCUMENT_MASK;
      const j = ofJ[p]! & DOCUMENT_MASK;
      let distinctI = 0;
      let distinctJ = 0;
      for (; p < total && (ofI[p]! & DOCUMENT_MASK) === i && (ofJ[p]! & DOCUMENT_MASK) === j; p++) {
        const sentenceI = ofI[p]! >>> 21;
        const sentenceJ = ofJ[p]! >>> 21;
        if (markI[sentenceI] !== run) {
          markI[sentenceI] = run;
          distinctI++;
        }
        if (markJ[sentenceJ] !== run) {
          markJ[sentenceJ] = run;
          distinctJ++;
        }
      }
      if (!enough(distinctI, i) && !enough(distinctJ, j)) continue;
      if (kept === pairs.length) pairs = grownColumn(pairs);
      pairs[kept++] = i;
      pairs[kept++] = j;
    }
  }
  // Document numbers are under 2^21: the same values as an Int32Array.
  return new Int32Array(pairs.buffer.slice(0, kept * 4));
}

/**
 * Radix digits of a sort by the first column, 14 bits at a time from the lowest: the top 4 bits are the group's
 * partition, alike in every row of a group, so that digit is counted and moves nothing.
 */
const KEY_DIGITS: SortDigits = [
  [0, 0, 14],
  [0, 14, 14],
  [0, 28, 4],
];

/** A meeting's document number: the low 21 bits of its column (a sentence's ordinal is above them). */
const DOCUMENT_MASK = 2 ** 21 - 1;

/** Digits of a sort of meetings by their pair of documents: the second's number, then the first's, 21 bits each. */
const PAIR_DIGITS: SortDigits = [
  [1, 0, 11],
  [1, 11, 10],
  [0, 0, 11],
  [0, 11, 10],
];

function grownColumn(column: Uint32Array): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(2 * column.length);
  grown.set(column);
  return grown;
}
