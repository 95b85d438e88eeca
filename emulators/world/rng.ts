// sfc32: small, fast, and good enough statistically; its state is four uint32 words held in a plain
// array inside the World, so a world can be cloned, compared and resumed without hidden closures.

export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  // splitmix32 spreads small or similar seeds (1, 2, 3...) into unrelated starting states.
  let x = Math.floor(seed) >>> 0;
  const mix = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st: RngState = [mix(), mix(), mix(), mix()];
  for (let i = 0; i < 15; i++) nextU32(st);
  return st;
}

export function nextU32(st: RngState): number {
  const a = st[0], b = st[1], c = st[2], d = st[3];
  const t = (((a + b) | 0) + d) | 0;
  st[3] = (d + 1) | 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) | 0;
  const c2 = (c << 21) | (c >>> 11);
  st[2] = (c2 + t) | 0;
  return t >>> 0;
}

/** uniform in [0, 1) */
export function rand(st: RngState): number {
  return nextU32(st) / 4294967296;
}

/** integer in [lo, hi] */
export function randInt(st: RngState, lo: number, hi: number): number {
  return lo + Math.floor(rand(st) * (hi - lo + 1));
}

export function chance(st: RngState, p: number): boolean {
  return rand(st) < p;
}

export function pick<T>(st: RngState, items: readonly T[]): T {
  const item = items[Math.floor(rand(st) * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** index chosen with probability proportional to weights[i] */
export function pickWeighted(st: RngState, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rand(st) * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** standard normal (Box-Muller; the second variate is dropped so each call costs a fixed two draws) */
export function normal(st: RngState): number {
  const u = 1 - rand(st);
  const v = rand(st);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** log-normal with the given median; sigma ~0.5 is tight, ~1 gives a long right tail */
export function logNormal(st: RngState, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(st));
}

/** exponential with the given mean */
export function exponential(st: RngState, mean: number): number {
  return -mean * Math.log(1 - rand(st));
}
