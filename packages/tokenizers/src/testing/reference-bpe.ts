/**
 * A direct transcription of minbpe's training rule, recounting every pair for every merge: the reference the
 * incremental trainer is checked against. Chunks are byte arrays; merges come back flat.
 */
export function referenceMerges(chunks: readonly Uint8Array[], numMerges: number): { merges: number[]; counts: number[] } {
  let ids = chunks.map((c) => Array.from(c));
  const merges: number[] = [];
  const counts: number[] = [];
  for (let m = 0; m < numMerges; m++) {
    // a Map iterates in insertion order, as minbpe's dict does; the first pair with the top count wins
    const stats = new Map<string, number>();
    for (const c of ids) for (let i = 0; i + 1 < c.length; i++) {
      const key = `${c[i]},${c[i + 1]}`;
      stats.set(key, (stats.get(key) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestCount = 0;
    for (const [key, count] of stats) if (count > bestCount) { best = key; bestCount = count; }
    if (best === null) break;
    const [a, b] = best.split(',').map(Number);
    const id = 256 + m;
    merges.push(a, b);
    counts.push(bestCount);
    ids = ids.map((c) => {
      const out: number[] = [];
      for (let i = 0; i < c.length; i++) {
        if (i + 1 < c.length && c[i] === a && c[i + 1] === b) { out.push(id); i++; } else out.push(c[i]);
      }
      return out;
    });
  }
  return { merges, counts };
}
