import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { scan } from '../../src/scan/scan.js';
import { seedsDir } from '../helpers/paths.js';

const seeds = readdirSync(seedsDir)
  .sort()
  .map((file) => ({ id: file.slice(0, 3), text: readFileSync(resolve(seedsDir, file), 'utf8') }));

async function clustersOf(docs: ReadonlyArray<{ id: string; text: string }>, options: Partial<Parameters<typeof withDefaults>[0]> = {}) {
  const corpus = docs.map((d) => JSON.stringify(d)).join('\n');
  const result = await scan(withDefaults({ paths: ['in.jsonl'], ...options }), memoryFileSystem({ 'in.jsonl': corpus }));
  return result.clusters.map((c) => ({ canonical: c.canonical, rule: c.canonicalReason.rule, members: c.members.map((m) => [m.id, m.relation]) }));
}

const SEED_CLUSTER = {
  canonical: '002',
  rule: 'source',
  members: [
    ['002', 'canonical'],
    ['000', 'copy-with-additions'],
    ['003', 'shortened'],
    ['001', 'updated'],
    ['004', 'rewritten'],
  ],
};

describe('the canonical of the seeds', () => {
  // 001 has 16 of its 32 sentences derived from 002: exactly the default --rewrite-threshold. Which of the two is the
  // source must not hang on that: they derive from each other, so neither pair direction counts.
  it.each([0.45, 0.5, 0.55, 0.6])('is the source 002, with 001 updated and 004 rewritten, at --rewrite-threshold %s', async (rewriteThreshold) => {
    expect(await clustersOf(seeds, { rewriteThreshold })).toEqual([SEED_CLUSTER]);
  });

  it.each(['000', '001', '003', '004'])('stays 002, with the same members, when an exact copy of %s is added', async (copied) => {
    const copy = { id: `zz-copy-of-${copied}`, text: seeds.find((s) => s.id === copied)!.text };
    const [cluster, ...others] = await clustersOf([...seeds, copy]);
    expect(others).toEqual([]);
    expect(cluster!.canonical).toBe('002');
    expect(cluster!.members.map(([id]) => id).sort()).toEqual(['000', '001', '002', '003', '004', copy.id]);
    const relationOf = new Map(cluster!.members.map(([id, relation]) => [id, relation]));
    expect(relationOf.get(copy.id)).toBe(relationOf.get(copied));
    expect(cluster!.members.filter(([id]) => id !== copy.id)).toEqual(SEED_CLUSTER.members);
  });
});

// Ten sentences of a wire story; two short copies each take one half, a long one the whole and more.
const wire = [
  'The harbour authority approved a plan on Monday to rebuild the old ferry terminal at Port Ellis.',
  'Work on the new terminal will begin in March and take about two years to finish.',
  'The building will have room for four ferries at once, twice as many as the current one.',
  'Local traders welcomed the decision after years of complaints about crowded quays in summer.',
  'Councillor Mary Hood said the town had waited far too long for a terminal fit for its visitors.',
  'Fishermen asked for their moorings on the north quay to be kept clear during the building work.',
  'The authority promised a temporary landing stage beside the lifeboat station for the whole period.',
  'Ticket prices for island crossings will not rise to pay for the work, the chairman told reporters.',
  'A public exhibition of the designs opens at the library next week and runs until the end of the month.',
  'Residents can send their comments on the plans by post or through the authority website.',
];
const graded = [
  { id: 'wire', text: wire.join(' ') },
  { id: 'first-half', text: wire.slice(0, 5).join(' ') },
  { id: 'second-half', text: wire.slice(5).join(' ') },
  {
    id: 'full-plus',
    text: [...wire, 'The old terminal opened in 1962 and was last refurbished in the eighties.', 'Its clock tower will be kept as part of the new building.'].join(' '),
  },
];

describe('--prefer', () => {
  it('chooses among the members, never changes who is a member', async () => {
    const members = (clusters: Awaited<ReturnType<typeof clustersOf>>) => clusters.map((c) => c.members.map(([id]) => id).sort());
    const plain = await clustersOf(graded);
    expect(plain.map((c) => c.canonical)).toEqual(['wire']);
    expect(members(plain)).toEqual([['first-half', 'full-plus', 'second-half', 'wire']]);

    // The long copy holds both halves: every member links to it, so it can be the canonical.
    const preferLong = await clustersOf(graded, { prefer: ['full-plus'] });
    expect(preferLong.map((c) => [c.canonical, c.rule])).toEqual([['full-plus', 'preferred-source']]);
    expect(members(preferLong)).toEqual(members(plain));

    // One half does not hold the other: made the canonical, it would leave the other half out. The cluster stays.
    const preferHalf = await clustersOf(graded, { prefer: ['first-half'] });
    expect(members(preferHalf)).toEqual(members(plain));
    expect(preferHalf.map((c) => c.canonical)).toEqual(['wire']);
  });
});
