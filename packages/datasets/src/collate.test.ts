import { tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { defaultCollate } from './collate.js';

describe('defaultCollate', () => {
  it('stacks tensors and turns numbers into tensors, position by position', () => {
    const [x, y] = defaultCollate([
      [tensor([1, 2]), 0],
      [tensor([3, 4]), 1],
    ] as [ReturnType<typeof tensor>, number][]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.toArraySync()).toEqual([[1, 2], [3, 4]]);
    expect(y.dtype).toBe('int32');
    expect(y.toArraySync()).toEqual([0, 1]);
  });

  it('collates objects key by key, keeps strings as lists, floats as float32 and booleans as bool', () => {
    const batch = defaultCollate([
      { name: 'ava', score: 0.5, ok: true },
      { name: 'emma', score: 2, ok: false },
    ]);
    expect(batch.name).toEqual(['ava', 'emma']);
    expect(batch.score.dtype).toBe('float32');
    expect(batch.score.toArraySync()).toEqual([0.5, 2]);
    expect(batch.ok.dtype).toBe('bool');
  });

  it('names what cannot be collated', () => {
    expect(() => defaultCollate([[1, 2], [1]])).toThrow('defaultCollate: batch has items of different lengths: 2 (item 0) and 1 (item 1)');
    expect(() => defaultCollate([{ a: 1 }, { a: 'x' }])).toThrow('defaultCollate: batch.a mixes number (item 0) and string (item 1)');
    expect(() => defaultCollate([null])).toThrow(/cannot collate null values/);
    expect(() => defaultCollate([tensor([1, 2]), tensor([1])])).toThrow(/stack/);
    expect(() => defaultCollate([])).toThrow(/empty batch/);
  });
});
