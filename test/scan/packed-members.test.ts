import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/input/file-system.js';
import type { MemberResult } from '../../src/judge/member.js';
import { withDefaults } from '../../src/options.js';
import { clusterOfPacked, memberCount, packCluster } from '../../src/scan/packed-members.js';
import { clusterGroups, type ClusterResult } from '../../src/scan/groups.js';
import { DocumentDirectory, DocumentLoader } from '../../src/scan/loader.js';
import { pairColumn } from '../helpers/pair-column.js';
import { seedEntries } from '../helpers/seed-entries.js';

const options = withDefaults({ paths: ['fixtures'] });

/** A member with every optional field, and passages whose openings hold characters JSON escapes or stores as two bytes. */
const member: MemberResult = {
  id: 'feed.jsonl:7',
  source: 'feed.jsonl',
  date: '2024-03-01T08:15:00.000Z',
  relation: 'rewritten',
  words: 21,
  jaccard: 0.1234,
  containment: { memberInCanonical: 0.3333, canonicalInMember: 0.0625 },
  alignedSentences: { count: 2, shareOfMember: 1, shareOfCanonical: 0.5 },
  derivedSentences: [
    { member: [0, 40], canonical: [[0, 52]] },
    { member: [41, 90], canonical: [[53, 80], [81, 120]] },
  ],
  basis: 'sentences',
  reason: 'too-short-to-judge',
  divergence: {
    added: [{ at: 'start', words: 4, start: 0, end: 22, opening: 'Home | "News" \\ Sport …', boilerplate: true }],
    missing: [{ at: 'end', words: 12, start: 81, end: 140, opening: 'Ein Bürger sagte: 東京 — «non» …', boilerplate: false }],
    changedWords: 3,
  },
};

const canonical: MemberResult = {
  id: 'feed.jsonl:2',
  source: 'feed.jsonl',
  relation: 'canonical',
  words: 30,
  jaccard: 1,
  containment: { memberInCanonical: 1, canonicalInMember: 1 },
  basis: 'canonical',
  divergence: { added: [], missing: [], changedWords: 0 },
};

const cluster: ClusterResult = {
  canonical: 'feed.jsonl:2',
  canonicalReason: { rule: 'source', text: 'the source: 1 of the other 1 copies re-writes its sentences, more than any other\'s' },
  members: [canonical, member],
  related: [{ id: 'other.txt', source: 'other.txt', of: 'feed.jsonl:2', words: 80, derivedSentences: 2, shareOfArticle: 0.4, shareOfSource: 0.5, sentences: [{ member: [0, 10], canonical: [[5, 15]] }] }],
};

/** The cluster as pass 2 holds it: packed, then wrapped. */
const packedCluster = (c: ClusterResult) => clusterOfPacked(packCluster(c));

describe('packCluster and clusterOfPacked', () => {
  it('gives back every member exactly, every optional field and odd character included, with the keys in order', () => {
    const packed = packedCluster(cluster);
    expect(packed.members).toStrictEqual(cluster.members);
    expect(JSON.stringify(packed)).toBe(JSON.stringify(cluster));
    expect(Object.keys(packed)).toEqual(['canonical', 'canonicalReason', 'members', 'related']);
    expect(Object.keys(packed.members[1]!)).toEqual(Object.keys(member));
    expect(packed.related).toBe(cluster.related);
  });

  it('gives them back the same after a structured clone of the packed data, as a worker thread sends it', () => {
    const sent = structuredClone(packCluster(cluster));
    expect(sent.members).toBeInstanceOf(Uint8Array);
    // The bytes alone cross, in memory of their size: not deflate's 16 KiB output chunk, nor an 8 KiB pool under a view.
    expect(sent.members.buffer.byteLength).toBe(sent.members.byteLength);
    expect(sent.members.byteLength).toBeLessThan(1024);
    expect(sent.memberCount).toBe(2);
    const received = clusterOfPacked(sent);
    expect(received.members).toStrictEqual(cluster.members);
    expect(JSON.stringify(received)).toBe(JSON.stringify(cluster));
  });

  it('unpacks the members anew at each read, and counts them without unpacking', () => {
    const packed = packedCluster(cluster);
    expect(packed.members).not.toBe(packed.members);
    expect(memberCount(packed)).toBe(2);
    expect(memberCount(cluster)).toBe(2);
    const { related: _related, ...alone } = cluster;
    expect(Object.keys(packedCluster(alone))).toEqual(['canonical', 'canonicalReason', 'members']);
  });

  it("gives back the members clustering made of the seeds: the re-written copy's derived sentences, every figure", async () => {
    const loader = new DocumentLoader({ directory: new DocumentDirectory(seedEntries), fs: nodeFileSystem(), read: options.read, shingleSize: options.shingleSize, withSentences: true });
    const docs = seedEntries.map((e) => e.doc);
    const candidates = pairColumn(docs.flatMap((a, x) => docs.slice(x + 1).map((b) => [a, b] as const)));
    const { clusters } = await clusterGroups([{ docs, links: [], candidates: { shingle: new Int32Array(0), rewrite: candidates } }], loader, options);
    expect(clusters).toHaveLength(1);
    const made = clusters[0]!;
    expect(made.members).toHaveLength(5);
    expect(made.members.some((m) => (m.derivedSentences?.length ?? 0) > 0)).toBe(true);
    const packed = packedCluster(made);
    expect(memberCount(packed)).toBe(5);
    expect(packed.members).toStrictEqual(made.members);
  });
});
