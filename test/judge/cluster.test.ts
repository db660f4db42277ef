import { describe, expect, it } from 'vitest';
import { type ClusterStrategy, components, FULL_CHECK_LIMIT, planClusters } from '../../src/judge/cluster.js';

/** A strategy over explicit links: rank in the given order, link when the pair is listed (either way round). */
function strategy(order: number[], links: Array<[number, number]>): ClusterStrategy<string, string> {
  const linked = new Set(links.flatMap(([a, b]) => [`${a}-${b}`, `${b}-${a}`]));
  return {
    rank: (group) => order.filter((i) => group.includes(i)).map((index) => ({ index, reason: `rank of ${index}` })),
    link: (canonical, member) => (linked.has(`${canonical}-${member}`) ? `${canonical}~${member}` : undefined),
  };
}

describe('components', () => {
  it('groups linked indices, each sorted, in order of their smallest index', () => {
    expect(components(6, [[4, 5], [3, 0], [1, 0]])).toEqual([[0, 1, 3], [4, 5]]);
    expect(components(5, [[0, 1], [1, 2], [3, 4]])).toEqual([[0, 1, 2], [3, 4]]);
  });

  it('leaves singletons out', () => {
    expect(components(4, [[2, 3]])).toEqual([[2, 3]]);
    expect(components(3, [[1, 1]])).toEqual([]);
    expect(components(3, [])).toEqual([]);
  });
});

describe('planClusters', () => {
  it('does not chain: A~B and B~C without A~C leave C out of A’s cluster', () => {
    const pairs: Array<[number, number]> = [[0, 1], [1, 2]];
    const plans = planClusters(3, pairs, strategy([0, 1, 2], pairs));
    expect(plans).toEqual([{ canonical: 0, reason: 'rank of 0', members: [{ index: 1, link: '0~1' }] }]);
  });

  it('starts a second cluster in the group from the best unassigned document', () => {
    const pairs: Array<[number, number]> = [[0, 1], [1, 2], [2, 3]];
    const plans = planClusters(4, pairs, strategy([0, 1, 2, 3], pairs));
    expect(plans).toEqual([
      { canonical: 0, reason: 'rank of 0', members: [{ index: 1, link: '0~1' }] },
      { canonical: 2, reason: 'rank of 2', members: [{ index: 3, link: '2~3' }] },
    ]);
  });

  it('lets the ranking choose the canonical, members in index order', () => {
    const pairs: Array<[number, number]> = [[0, 1], [1, 2]];
    expect(planClusters(3, pairs, strategy([1, 0, 2], pairs))).toEqual([
      {
        canonical: 1,
        reason: 'rank of 1',
        members: [
          { index: 0, link: '1~0' },
          { index: 2, link: '1~2' },
        ],
      },
    ]);
  });

  it('checks every document of a small group against the canonical, not only LSH neighbours', () => {
    // 0 and 2 were never candidates, but the strategy links them.
    const plans = planClusters(3, [[0, 1], [1, 2]], strategy([0, 1, 2], [[0, 1], [0, 2]]));
    expect(plans).toEqual([
      {
        canonical: 0,
        reason: 'rank of 0',
        members: [
          { index: 1, link: '0~1' },
          { index: 2, link: '0~2' },
        ],
      },
    ]);
  });

  it('applies a preference among the members of a cluster, to one every other member links to', () => {
    // 0 is the source; 1 and 2 each link to it, 2 to 3 as well, 1 not to 3.
    const pairs: Array<[number, number]> = [[0, 1], [0, 2], [0, 3], [2, 3]];
    const preferring = (preferred: number[]): ClusterStrategy<string, string> => ({
      ...strategy([0, 1, 2, 3], pairs),
      preferred: (index) => (preferred.includes(index) ? `preferred ${index}` : undefined),
    });
    // 2 does not link to 1: made the canonical, it would leave 1 out. The cluster stays as it is.
    expect(planClusters(4, pairs, preferring([2]))).toEqual(planClusters(4, pairs, strategy([0, 1, 2, 3], pairs)));
    // 3 and 1 both preferred: 1 comes first in rank but does not link to 3 or 2; 3 does not link to 1 either.
    expect(planClusters(4, pairs, preferring([1, 3]))[0]!.canonical).toBe(0);
    const triangle: Array<[number, number]> = [[0, 1], [0, 2], [1, 2]];
    expect(planClusters(3, triangle, { ...strategy([0, 1, 2], triangle), preferred: (i) => (i === 2 ? 'preferred 2' : undefined) })).toEqual([
      {
        canonical: 2,
        reason: 'preferred 2',
        members: [
          { index: 0, link: '2~0' },
          { index: 1, link: '2~1' },
        ],
      },
    ]);
  });

  it('checks only the neighbours of a canonical in a group above FULL_CHECK_LIMIT', () => {
    expect(FULL_CHECK_LIMIT).toBe(400);
    const linkAll: ClusterStrategy<string, string> = {
      rank: (group) => group.map((index) => ({ index, reason: 'r' })),
      link: () => 'ok',
    };
    // A star around 0 plus one pendant n-1 hanging off n-2.
    const star = (n: number): Array<[number, number]> => [
      ...Array.from({ length: n - 2 }, (_, i): [number, number] => [0, i + 1]),
      [n - 2, n - 1],
    ];
    const small = planClusters(FULL_CHECK_LIMIT, star(FULL_CHECK_LIMIT), linkAll);
    expect(small.length).toBe(1);
    expect(small[0]!.members.length).toBe(FULL_CHECK_LIMIT - 1);
    const large = planClusters(FULL_CHECK_LIMIT + 1, star(FULL_CHECK_LIMIT + 1), linkAll);
    expect(large.length).toBe(1);
    expect(large[0]!.members.length).toBe(FULL_CHECK_LIMIT - 1);
    expect(large[0]!.members.some((m) => m.index === FULL_CHECK_LIMIT)).toBe(false);
  });

  it('is deterministic and independent of pair order', () => {
    const pairs: Array<[number, number]> = [[0, 3], [3, 1], [1, 2], [4, 5], [2, 0]];
    const s = strategy([2, 0, 1, 3, 4, 5], [[2, 0], [2, 1], [0, 3], [4, 5]]);
    const first = planClusters(6, pairs, s);
    expect(first).toEqual([
      {
        canonical: 2,
        reason: 'rank of 2',
        members: [
          { index: 0, link: '2~0' },
          { index: 1, link: '2~1' },
        ],
      },
      { canonical: 4, reason: 'rank of 4', members: [{ index: 5, link: '4~5' }] },
    ]);
    expect(planClusters(6, pairs, s)).toEqual(first);
    expect(planClusters(6, [...pairs].reverse().map(([a, b]): [number, number] => [b, a]), s)).toEqual(first);
  });
});
