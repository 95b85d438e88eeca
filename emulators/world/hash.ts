// Attributes the simulation never changes (survey answers, a requisition's backfill flag) are
// drawn from a hash of (seed, id) rather than from the world's generator: no world state holds
// them, and adding one takes no draw from the simulation's stream, so existing histories stay put.

/** splitmix32 of a few integers: an independent uniform in [0, 1) per (seed, id, salt). */
export function hash01(seed: number, id: number, salt: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(id | 0, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
}
