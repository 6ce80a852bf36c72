import { arange, Generator, tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader } from './dataloader.js';
import { ArrayDataset, TensorDataset, type Dataset } from './dataset.js';
import { fixtures } from './fixtures.js';

const ints = (n: number) => new TensorDataset(arange(0, n, 1, { dtype: 'int32' }));

async function epoch<B>(loader: AsyncIterable<B>, read: (b: B) => unknown): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const b of loader) out.push(read(b));
  return out;
}

describe('DataLoader', () => {
  it('batches in order, keeping or dropping the last short batch', async () => {
    const loader = new DataLoader(ints(5), { batchSize: 2 });
    expect(loader.length).toBe(3);
    expect(await epoch(loader, ([x]) => x.toArraySync())).toEqual([[0, 1], [2, 3], [4]]);
    const dropping = new DataLoader(ints(5), { batchSize: 2, dropLast: true });
    expect(dropping.length).toBe(2);
    expect([...dropping].map(([x]) => x.toArraySync())).toEqual([[0, 1], [2, 3]]);
  });

  it("shuffles as PyTorch's DataLoader with the same seeded generator, a new order each epoch", async () => {
    const loader = new DataLoader(ints(10), { batchSize: 3, shuffle: true, generator: new Generator().manualSeed(42) });
    const epochs = [await epoch(loader, ([x]) => x.toArraySync()), await epoch(loader, ([x]) => x.toArraySync())];
    expect(epochs).toEqual(fixtures.torch_dataloader_shuffle_42);
    const dropping = new DataLoader(ints(10), { batchSize: 4, shuffle: true, dropLast: true, generator: new Generator().manualSeed(7) });
    expect([...dropping].map(([x]) => x.toArraySync())).toEqual(fixtures.torch_dataloader_droplast_7);
  });

  it('collates items when the data set has no getBatch, or with a given collate function', async () => {
    const words = new ArrayDataset(['emma', 'olivia', 'ava']);
    expect(await epoch(new DataLoader(words, { batchSize: 2 }), (b) => b)).toEqual([['emma', 'olivia'], ['ava']]);
    const lengths = new DataLoader(words, { batchSize: 3, collate: (items) => tensor(items.map((w) => w.length), { dtype: 'int32' }) });
    expect([...lengths].map((t) => t.toArraySync())).toEqual([[4, 6, 3]]);
  });

  it('awaits items of an async data set, and refuses them in a for…of', async () => {
    const slow: Dataset<number> = { length: 4, get: async (i) => i * 10 };
    const loader = new DataLoader(slow, { batchSize: 3 });
    expect(await epoch(loader, (b) => b.toArraySync())).toEqual([[0, 10, 20], [30]]);
    expect(() => [...loader]).toThrow('DataLoader: item 0 is a promise (an async data set); iterate with for await');
  });

  it('checks its options', () => {
    expect(() => new DataLoader(ints(3), { batchSize: 0 })).toThrow('DataLoader: batchSize should be a positive integer, got 0');
    expect(() => new DataLoader({} as Dataset<number>)).toThrow(/length and a get/);
  });
});
