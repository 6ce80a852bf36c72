import { describe, expect, it } from 'vitest';
import { ChunkTable, hashRange } from './chunk-table.js';

describe('ChunkTable', () => {
  it('finds a key by a range of any text', () => {
    const t = new ChunkTable();
    t.insert('hello', 0, 5, hashRange('hello', 0, 5), [15339]);
    t.insert('xx world', 2, 8, hashRange('xx world', 2, 8), [1917, 3, 4]);
    const slot = t.find('say hello', 4, 9, hashRange('say hello', 4, 9));
    expect(t.idsAt(slot)).toEqual([15339]);
    expect(t.singleId(slot)).toBe(15339);
    const w = t.find(' world', 0, 6, hashRange(' world', 0, 6));
    expect(t.idsAt(w)).toEqual([1917, 3, 4]);
    expect(t.singleId(w)).toBe(-1);
    expect(t.find('hell', 0, 4, hashRange('hell', 0, 4))).toBe(-1);
  });

  it('keeps every key through growth, astral characters included', () => {
    const t = new ChunkTable(2);
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}😀${'é'.repeat(i % 7)}`);
    keys.forEach((k, i) => t.insert(k, 0, k.length, hashRange(k, 0, k.length), i % 3 === 0 ? [i] : [i, i + 1]));
    expect(t.size).toBe(5000);
    keys.forEach((k, i) => expect(t.idsAt(t.find(k, 0, k.length, hashRange(k, 0, k.length)))).toEqual(i % 3 === 0 ? [i] : [i, i + 1]));
  });
});
