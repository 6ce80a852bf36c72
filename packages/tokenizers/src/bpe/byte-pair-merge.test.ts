import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytePairMerge, mergeByHeap, mergeByScan, MergeScratch, SCAN_LIMIT } from './byte-pair-merge.js';
import { PairTable } from './pair-table.js';

/** A table from flat merges: merge i joins merges[2i], merges[2i+1] into 256 + i. */
function table(merges: number[]): PairTable {
  const t = new PairTable();
  for (let i = 0; i < merges.length; i += 2) t.set(merges[i], merges[i + 1], 256 + i / 2);
  return t;
}

const run = (ids: number[], t: PairTable, how: 'scan' | 'heap' | 'auto'): number[] => {
  const buf = Int32Array.from(ids);
  const scratch = new MergeScratch();
  const ranks = new Int32Array(Math.max(ids.length, 1));
  const n = how === 'scan' ? mergeByScan(buf, ids.length, t, ranks) : how === 'heap' ? mergeByHeap(buf, ids.length, t, scratch) : bytePairMerge(buf, ids.length, t, scratch);
  return Array.from(buf.subarray(0, n));
};

describe('bytePairMerge', () => {
  const t = table([97, 98, 256, 99, 98, 99]); // ab → 256, (ab)c → 257, bc → 258

  it('applies the lowest-ranked merge first', () => {
    // 'ab' (256) ranks before 'bc' (258), so 'abc' becomes (ab)c → 257
    expect(run([97, 98, 99], t, 'scan')).toEqual([257]);
    expect(run([97, 98, 99], t, 'heap')).toEqual([257]);
  });

  it('merges the leftmost of equal pairs first', () => {
    const aa = table([97, 97]);
    expect(run([97, 97, 97], aa, 'scan')).toEqual([256, 97]);
    expect(run([97, 97, 97], aa, 'heap')).toEqual([256, 97]);
  });

  it('leaves a sequence with no known pair alone', () => {
    expect(run([120, 121, 122], t, 'auto')).toEqual([120, 121, 122]);
    expect(run([5], t, 'auto')).toEqual([5]);
    expect(run([], t, 'auto')).toEqual([]);
  });

  it('gives the same result on the scan and heap paths', () => {
    const merges = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: 20 })
      .map((pairs) => {
        // each merge may use bytes 0..3 or any earlier merge
        const flat: number[] = [];
        const seen = new Set<string>();
        pairs.forEach(([a, b], i) => {
          const left = a === 3 && i > 0 ? 256 + (i - 1) : a;
          const key = `${left},${b}`;
          if (seen.has(key)) return;
          seen.add(key);
          flat.push(left, b);
        });
        return flat;
      });
    fc.assert(fc.property(merges, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 150 }), (m, ids) => {
      const pt = table(m);
      expect(run(ids, pt, 'heap')).toEqual(run(ids, pt, 'scan'));
    }), { numRuns: 500 });
  });

  it('handles a long run in O(n log n): 100,000 repeated bytes', () => {
    const aa = table([97, 97, 256, 256, 257, 257]); // a·a, aa·aa, aaaa·aaaa
    const ids = new Array(100_000).fill(97);
    const start = performance.now();
    const out = run(ids, aa, 'auto');
    expect(performance.now() - start).toBeLessThan(5000); // a rescan per merge would take ~10^10 steps
    expect(out.length).toBe(100_000 / 8);
    expect(out.every((id) => id === 258)).toBe(true);
    expect(ids.length).toBeGreaterThan(SCAN_LIMIT);
  });
});
