// A small seeded PRNG so every test case is reproducible: mulberry32 for
// uniforms, Box-Muller for normals.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  uniform(): number;                      // [0, 1)
  normal(mean?: number, sd?: number): number;
  normals(count: number, mean?: number, sd?: number): number[];
  int(below: number): number;             // 0 .. below - 1
}

export function rng(seed: number): Rng {
  const u = mulberry32(seed);
  const normal = (mean = 0, sd = 1) => {
    const u1 = 1 - u();                   // (0, 1]: log is finite
    const u2 = u();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  return {
    uniform: u,
    normal,
    normals: (count, mean = 0, sd = 1) => Array.from({ length: count }, () => normal(mean, sd)),
    int: (below) => Math.floor(u() * below),
  };
}
