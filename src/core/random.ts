/**
 * Small seeded random number tools, so that shuffles and initialisations repeat exactly
 * for the same seed. Seeds are taken as unsigned 32-bit integers (`seed >>> 0`).
 */

/**
 * Mulberry32: a fast 32-bit generator. Returns a function that yields uniform
 * numbers in [0, 1); each call advances the generator's own state.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniformly random permutation of 0..n−1 (Fisher–Yates), drawing n − 1 numbers
 * from `rng`, which must yield values in [0, 1). The caller owns the returned array.
 */
export function shuffledIndices(n: number, rng: () => number): Uint32Array {
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const held = indices[i] as number;
    indices[i] = indices[j] as number;
    indices[j] = held;
  }
  return indices;
}

/**
 * A well-mixed unsigned 32-bit seed for a sub-stream (a layer, an epoch) of `seed`.
 * For a fixed seed, salts that differ modulo 2^32 always give different results,
 * because every step below is a bijection on 32-bit integers.
 */
export function deriveSeed(seed: number, salt: number): number {
  const golden = 0x9e3779b9; // odd, so multiplying by it is a bijection mod 2^32
  const mixedSeed = fmix32(((seed >>> 0) + golden) >>> 0); // offset: fmix32(0) would be 0
  return fmix32((mixedSeed + Math.imul(salt >>> 0, golden)) >>> 0);
}

/** MurmurHash3's 32-bit finaliser: a bijection that spreads every input bit. */
function fmix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
