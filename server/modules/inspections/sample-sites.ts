/**
 * Reproducible random sampling (随机抽取点位): N active sites per site type within regions, drawn with a
 * PRNG seeded from the stored seed over the candidates in a stable order, so the same seed and the same
 * registry always give the same sites.
 */

/** A 32-bit seed from any string (FNV-1a). */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, well-distributed; enough for drawing sites. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order a sample is drawn over: region code, site name, then id, compared by code point (not by the database's
 * collation). Ids are random, so ordering by id alone made one seed draw different sites on two databases holding the
 * same sites (the demo's history came out different on every run).
 */
export function inDrawOrder<T extends { id: string; name: string; regionCode: string }>(sites: T[]): T[] {
  return [...sites].sort((a, b) => byCodePoint(a.regionCode, b.regionCode) || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id));
}

/** Draws up to `perType` ids from each type's candidates (candidates in a stable order: inDrawOrder). */
export function drawSample(
  candidates: Array<{ id: string; siteTypeCode: string }>,
  typeCodes: string[],
  perType: number,
  seed: string,
): string[] {
  const random = prng(seedFrom(seed));
  const out: string[] = [];
  for (const type of [...typeCodes].sort()) {
    const pool = candidates.filter((c) => c.siteTypeCode === type).map((c) => c.id);
    // Partial Fisher–Yates: the first `perType` positions are the sample.
    for (let i = 0; i < Math.min(perType, pool.length); i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
      out.push(pool[i]);
    }
  }
  return out;
}
