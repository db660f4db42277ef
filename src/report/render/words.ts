/** Words every renderer shares. */

/** `n` with its noun, singular for one: "1 article", "3 articles". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
