import { describe, expect, it } from 'vitest';
import { allocate, recycle, recycleOnCollect } from './allocator.js';

describe('CPU allocator', () => {
  it('hands released memory out again, zeroed, to the next request of the same size in any dtype', () => {
    const a = allocate('float32', 6);
    a.fill(7);
    recycle(a);
    const b = allocate('int32', 6);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(a.byteOffset);
    expect(Array.from(b)).toEqual([0, 0, 0, 0, 0, 0]);
    // 24 bytes is 3 float64s
    recycle(b);
    const c = allocate('float64', 3);
    expect(c.byteOffset).toBe(a.byteOffset);
    expect(c.length).toBe(3);
  });

  it("skips clearing reused memory when asked for 'any' contents (a kernel will write every element)", () => {
    const a = allocate('float32', 5);
    a.fill(3);
    recycle(a);
    const b = allocate('float32', 5, 'any');
    expect(b.byteOffset).toBe(a.byteOffset);
    expect(Array.from(b)).toEqual([3, 3, 3, 3, 3]);
    expect(Array.from(allocate('float32', 4, 'any'))).toEqual([0, 0, 0, 0]); // new memory is zero anyway
  });

  it('rounds blocks to 8 bytes, so odd sizes share a block size without overlapping the next block', () => {
    const a = allocate('bool', 5);
    const next = allocate('bool', 3);
    expect(next.byteOffset - a.byteOffset).toBeGreaterThanOrEqual(8);
    next.fill(1);
    recycle(a);
    const b = allocate('bool', 7); // same 8-byte block
    expect(b.byteOffset).toBe(a.byteOffset);
    b.fill(1);
    expect(Array.from(next)).toEqual([1, 1, 1]);
  });

  it('gives new memory for a size nothing was released at, and large arrays their own buffer', () => {
    const a = allocate('float32', 10);
    recycle(a);
    expect(allocate('float32', 11).byteOffset).not.toBe(a.byteOffset);
    const big = allocate('float32', 1 << 16);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(1 << 18);
    recycle(big);
    expect(allocate('float32', 1 << 16).buffer).toBe(big.buffer);
  });
});

describe('CPU allocator and the garbage collector', () => {
  it('takes large buffers back when their tensors are collected; slabs and small blocks never', () => {
    const big = allocate('float32', 1 << 16);
    expect(recycleOnCollect(big)).toBe(true);
    expect(recycleOnCollect(big)).toBe(false); // already waiting
    const small = allocate('float32', 16);
    expect(recycleOnCollect(small)).toBe(false);
    recycle(big); // what the collector's cleanup does
    const again = allocate('float32', 1 << 16);
    expect(again.buffer).toBe(big.buffer);
    expect(recycleOnCollect(again)).toBe(true);
  });

  it('keeps at most its budget of buffers waiting for collection', () => {
    const taken = Array.from({ length: 80 }, () => allocate('float64', 1 << 17)); // 1 MiB each
    const waiting = taken.filter((a) => recycleOnCollect(a)).length;
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBeLessThanOrEqual(64);
    for (const a of taken) recycle(a);
  });
});
