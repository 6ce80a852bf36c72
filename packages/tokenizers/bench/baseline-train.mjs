// The straightforward trainer the incremental one is measured against: minbpe's loop, which recounts every
// adjacent pair of every chunk for each merge and then rewrites every chunk. Same rule, same merges.

/**
 * Learns `numMerges` merges from `chunks` (arrays of byte values); returns them flat, as learnMerges does.
 * @param {number[][]} chunks
 * @param {number} numMerges
 */
export function baselineTrain(chunks, numMerges) {
  let ids = chunks;
  const merges = [];
  for (let m = 0; m < numMerges; m++) {
    // keys are left * 2^20 + right; a Map iterates in insertion order, so the first top count is the first seen
    const counts = new Map();
    for (const c of ids) {
      for (let i = 0; i + 1 < c.length; i++) {
        const key = c[i] * 1048576 + c[i + 1];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    let best = -1;
    let bestCount = 0;
    for (const [key, count] of counts) if (count > bestCount) { best = key; bestCount = count; }
    if (best < 0) break;
    const a = Math.floor(best / 1048576);
    const b = best - a * 1048576;
    const id = 256 + m;
    merges.push(a, b);
    ids = ids.map((c) => {
      const out = [];
      for (let i = 0; i < c.length; i++) {
        if (i + 1 < c.length && c[i] === a && c[i + 1] === b) { out.push(id); i++; } else out.push(c[i]);
      }
      return out;
    });
  }
  return merges;
}
