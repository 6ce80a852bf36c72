import { describe, expect, it } from 'vitest';
import { PairTable } from './pair-table.js';

describe('PairTable', () => {
  it('stores, replaces and finds pairs, and tells order apart', () => {
    const t = new PairTable(4);
    t.set(1, 2, 10);
    t.set(2, 1, 20);
    t.set(1, 2, 11);
    expect(t.get(1, 2)).toBe(11);
    expect(t.get(2, 1)).toBe(20);
    expect(t.get(1, 1)).toBe(-1);
    expect(t.size).toBe(2);
  });

  it('grows past its first capacity and keeps every entry', () => {
    const t = new PairTable(2);
    for (let a = 0; a < 300; a++) for (let b = 0; b < 30; b++) t.set(a, b * 1000, a * 30 + b);
    expect(t.size).toBe(9000);
    for (let a = 0; a < 300; a += 7) for (let b = 0; b < 30; b += 3) expect(t.get(a, b * 1000)).toBe(a * 30 + b);
    expect(t.get(300, 0)).toBe(-1);
  });
});
