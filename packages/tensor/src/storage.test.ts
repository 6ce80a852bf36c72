import { describe, expect, it } from 'vitest';
import { releaseTemporaries, tensor } from './index.js';

describe('releaseTemporaries', () => {
  it('releases what the function made except what it keeps, and never what existed before', () => {
    const before = tensor([1, 2]);
    let temp = before;
    const kept = releaseTemporaries(
      () => {
        temp = before.mul(2);
        return temp.add(1);
      },
      (result) => [result.storage],
    );
    expect(temp.storage.isReleased).toBe(true);
    expect(kept.storage.isReleased).toBe(false);
    expect(before.storage.isReleased).toBe(false);
    expect(kept.toArraySync()).toEqual([3, 5]);
  });

  it("hands what a nested call keeps to the enclosing call, which releases it unless it keeps it too", () => {
    let inner = tensor([0]);
    let innerTemp = inner;
    const outer = releaseTemporaries(
      () => {
        inner = releaseTemporaries(
          () => {
            innerTemp = tensor([1]).neg();
            return innerTemp.mul(3);
          },
          (r) => [r.storage],
        );
        expect(innerTemp.storage.isReleased).toBe(true);
        expect(inner.storage.isReleased).toBe(false);
        return inner.add(1);
      },
      (r) => [r.storage],
    );
    expect(inner.storage.isReleased).toBe(true);
    expect(outer.toArraySync()).toEqual([-2]);
  });
});
