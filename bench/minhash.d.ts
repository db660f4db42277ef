/** Types for the `minhash` npm package (0.0.9, CommonJS, untyped): the peer the benchmark compares against. */
declare module 'minhash' {
  interface MinhashConfig {
    /** Signature length; default 128. */
    numPerm?: number;
    /** Seed of the permutations (Math.sin-based); default 1. */
    seed?: number;
  }

  class Minhash {
    constructor(config?: MinhashConfig);
    readonly numPerm: number;
    readonly seed: number;
    /** The running minima, one per permutation. */
    hashvalues: number[];
    /** Adds one set element (a shingle string), hashing it once per permutation. */
    update(element: string): void;
    /** Share of permutations whose minima agree. */
    jaccard(other: Minhash): number;
  }

  class LshIndex {
    constructor(config?: { bandSize?: number });
    insert(key: string, minhash: Minhash): void;
    query(minhash: Minhash): string[];
  }

  const minhash: { Minhash: typeof Minhash; LshIndex: typeof LshIndex };
  export = minhash;
}
