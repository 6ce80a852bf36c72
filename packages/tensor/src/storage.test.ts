import { describe, expect, it } from 'vitest';
import { full, memoryStats, releaseTemporaries, tensor, zeros, type Nested, type Tensor } from './index.js';
import { describeBackends, expectValues } from './testing/backends.js';

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

/** The garbage collector as a function, in Node (`--expose-gc` set at run time, for a new context). */
async function collector(): Promise<() => void> {
  const [v8, vm] = await Promise.all([import('node:v8'), import('node:vm')]);
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

// A released buffer goes to the next tensor of its size, so a read of a tensor whose memory was released would show
// that tensor's values: each view kind is disposed in both orders, with such a tensor made in between.
describeBackends('dispose() gives up one tensor\'s claim; memory goes back when every tensor on it is disposed', ({ device, syncRead }) => {
  const BASE = [[1, 2, 3], [4, 5, 6]];
  const VIEWS: [kind: string, make: (t: Tensor) => Tensor, values: Nested][] = [
    ['narrow', (t) => t.narrow(0, 1, 1), [[4, 5, 6]]],
    ['reshape (a view)', (t) => t.reshape([3, 2]), [[1, 2], [3, 4], [5, 6]]],
    ['transpose', (t) => t.transpose(0, 1), [[1, 4], [2, 5], [3, 6]]],
    ['detach', (t) => t.detach(), BASE],
    ['expand', (t) => t.expand([2, 2, 3]), [BASE, BASE]],
    ['index slices', (t) => t.index('1:'), [[4, 5, 6]]],
  ];
  const released = "this tensor's memory was released by dispose(); it can no longer be read or used";

  /** Every read of a disposed tensor, async and (where the device has them) sync, names itself in the error. */
  async function expectReadsRefused(t: Tensor): Promise<void> {
    await expect(t.toArray()).rejects.toThrow(`toArray: ${released}`);
    await expect(t.data()).rejects.toThrow(`data: ${released}`);
    await expect(t.format()).rejects.toThrow(`format: ${released}`);
    expect(() => t.toString()).toThrow(`toString: ${released}`);
    if (syncRead) {
      expect(() => t.toArraySync()).toThrow(`toArraySync: ${released}`);
      expect(() => t.dataSync()).toThrow(`dataSync: ${released}`);
    }
    expect(() => t.add(1)).toThrow(`add: ${released}`);
    expect(() => t.sum()).toThrow(`sum: ${released}`);
    expect(() => t.narrow(0, 0, 1)).toThrow(`narrow: ${released}`);
  }

  for (const [kind, make, values] of VIEWS) {
    it(`${kind}: disposing the base leaves the view its values; disposing the view then releases the memory`, async () => {
      const base = tensor(BASE, { device });
      const v = make(base);
      const storage = v.storage;
      expect(storage).toBe(base.storage);
      base.dispose();
      expect(base.isDisposed).toBe(true);
      expect(storage.isReleased).toBe(false);
      const other = full([2, 3], 99, { device }); // would be handed the memory, were it released
      await expectValues(v, values, 0);
      await expectReadsRefused(base);
      v.dispose();
      expect(storage.isReleased).toBe(true);
      await expectReadsRefused(v);
      await expectValues(other, [[99, 99, 99], [99, 99, 99]], 0);
    });

    it(`${kind}: disposing the view leaves the base, which releases the memory when it is disposed`, async () => {
      const base = tensor(BASE, { device });
      const v = make(base);
      v.dispose();
      v.dispose(); // a second call does nothing
      expect(base.storage.isReleased).toBe(false);
      await expectValues(base, BASE, 0);
      await expectReadsRefused(v);
      const storage = base.storage;
      base.dispose();
      expect(storage.isReleased).toBe(true);
    });
  }

  it('views made through dropped intermediates (x.select, x.index(a, b), x.unsqueeze(0).expand) keep their values', async () => {
    // each intermediate view holds a claim until the collector takes it; the memory then goes back at collection
    const chains: [(t: Tensor) => Tensor, Nested][] = [
      [(t) => t.select(0, 1), [4, 5, 6]],
      [(t) => t.index(':', '1:'), [[2, 3], [5, 6]]],
      [(t) => t.unsqueeze(0).expand([2, 2, 3]), [BASE, BASE]],
    ];
    for (const [make, values] of chains) {
      const base = tensor(BASE, { device });
      const v = make(base);
      base.dispose();
      const other = full([2, 3], 99, { device });
      await expectValues(v, values, 0);
      v.dispose();
      await expectReadsRefused(v);
      await expectValues(other, [[99, 99, 99], [99, 99, 99]], 0);
    }
  });

  it.runIf(typeof process !== 'undefined' && !!process.versions?.node)('memory that only a dropped intermediate still claims goes back once the collector takes it', async () => {
    const gc = await collector();
    const settle = async () => {
      for (let i = 0; i < 4; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    await settle();
    const before = memoryStats(device).bytes;
    let base: Tensor | null = zeros([1 << 16], { device }); // its own buffer on every device
    let v: Tensor | null = base.unsqueeze(0).expand([2, 1 << 16]); // the unsqueezed intermediate is dropped at once
    base.dispose();
    v.dispose();
    expect(memoryStats(device).bytes).toBeGreaterThanOrEqual(before + (1 << 18)); // the intermediate's claim holds it
    base = v = null;
    await settle();
    expect(memoryStats(device).bytes).toBe(before);
  });

  it('a view made after its base was disposed, or of a disposed view, is refused by the op that makes it', () => {
    const base = tensor(BASE, { device });
    const v = base.T;
    base.dispose();
    expect(() => base.reshape([6])).toThrow(`reshape: ${released}`);
    expect(() => base.detach()).toThrow(`detach: ${released}`);
    expect(() => v.T.T).not.toThrow();
    v.dispose();
    expect(() => v.transpose(0, 1)).toThrow(`transpose: ${released}`);
    expect(() => v.expand([2, 3, 2])).toThrow(`expand: ${released}`);
  });

  it('counts the memory as held until the last claim goes, then as free', async () => {
    const base = zeros([1 << 16], { device }); // its own buffer on every device
    const v = base.narrow(0, 0, 10);
    const held = memoryStats(device).bytes;
    base.dispose();
    expect(memoryStats(device).bytes).toBe(held);
    v.dispose();
    expect(memoryStats(device).bytes).toBeLessThan(held);
  });

  it('a temporary that releaseTemporaries released says so when read', async () => {
    const x = tensor([1, 2], { device });
    let temp = x;
    releaseTemporaries(
      () => (temp = x.mul(2)).add(1),
      (r) => [r.storage],
    );
    await expect(temp.toArray()).rejects.toThrow("toArray: this tensor's memory was released by releaseTemporaries()");
    temp.dispose();
    await expect(temp.toArray()).rejects.toThrow(`toArray: ${released}`);
  });
});

describe('memoryStats on the CPU', () => {
  it('counts released memory as pooled, not held, and as held again once a tensor takes it', () => {
    const big = zeros([3 << 14]); // 192 KiB: a buffer of its own
    const small = zeros([5]); // an 8-byte-aligned block of a shared slab
    const held = memoryStats();
    big.dispose();
    const afterBig = memoryStats();
    expect(afterBig.buffers).toBe(held.buffers - 1);
    expect(afterBig.bytes).toBe(held.bytes - (3 << 16));
    expect(afterBig.pooledBytes).toBe(held.pooledBytes + (3 << 16));
    small.dispose();
    const afterSmall = memoryStats();
    expect(afterSmall.buffers).toBe(afterBig.buffers); // the slab still holds other tensors
    expect(afterSmall.bytes).toBe(afterBig.bytes - 24);
    expect(afterSmall.pooledBytes).toBe(afterBig.pooledBytes + 24);
    const again = zeros([3 << 14]);
    expect(memoryStats()).toEqual({ buffers: held.buffers, bytes: held.bytes - 24, pooledBytes: held.pooledBytes + 24 });
    again.dispose();
  });
});
