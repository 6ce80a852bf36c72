import { defaultGenerator, randperm, type Generator as RandomGenerator } from '@typegrad/tensor';
import { defaultCollate, type Collated } from './collate.js';
import { hasGetBatch, type Dataset } from './dataset.js';

/**
 * Options of {@link DataLoader}, as PyTorch's keyword arguments.
 * @example { batchSize: 32, shuffle: true, generator: new Generator().manualSeed(42), dropLast: true }
 */
export interface DataLoaderOptions<T, B> {
  /** Items per batch. Default 1. */
  batchSize?: number;
  /** Visit the items in a new random order every epoch. Default false. */
  shuffle?: boolean;
  /** The generator the order is drawn from (the default generator, seeded by `manualSeed`, if omitted). */
  generator?: RandomGenerator;
  /** Leave out the last batch when it is smaller than `batchSize`. Default false. */
  dropLast?: boolean;
  /**
   * Turns a list of items into a batch. Default: the data set's `getBatch` when it has one (as `TensorDataset`
   * does), else {@link defaultCollate}.
   */
  collate?: (items: T[]) => B | Promise<B>;
}

/**
 * Batches of a data set, in order or shuffled, as PyTorch's `DataLoader` (single process). Iterate it with
 * `for await` (items may be fetched asynchronously, in Node and in the browser) or, when every item is available
 * synchronously, with `for … of`. Each iteration is one epoch.
 *
 * Shuffling draws each epoch's order with `randperm(length, { generator })` and uses the generator exactly as
 * PyTorch 1.13 does (a 64-bit base seed first, and an unused permutation once an epoch is finished), so for the
 * same seeded generator every epoch's batches are the ones `DataLoader(ds, batch_size, shuffle=True, generator=g)`
 * gives.
 *
 * @example
 * const loader = new DataLoader(new TensorDataset(X, Y), { batchSize: 32, shuffle: true, generator: new Generator().manualSeed(42) });
 * for await (const [xb, yb] of loader) {
 *   const loss = crossEntropy(model.forward(xb), yb);
 * }
 */
export class DataLoader<T, B = Collated<T>> implements AsyncIterable<B>, Iterable<B> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator: RandomGenerator | undefined;
  private readonly collate: ((items: T[]) => B | Promise<B>) | undefined;

  constructor(
    readonly dataset: Dataset<T>,
    options: DataLoaderOptions<T, B> = {},
  ) {
    const { batchSize = 1, shuffle = false, dropLast = false } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`DataLoader: batchSize should be a positive integer, got ${batchSize}`);
    if (!dataset || !Number.isInteger(dataset.length) || dataset.length < 0 || typeof dataset.get !== 'function') {
      throw new TypeError('DataLoader: expected a data set with an integer length and a get(index) method');
    }
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = options.generator;
    this.collate = options.collate;
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /**
   * The indices of each batch of one epoch (drawing a new order when shuffling): what the iterators fetch.
   * @example [...new DataLoader(ds, { batchSize: 2 }).batchIndices()] // [[0, 1], [2, 3], [4]] for 5 items
   */
  *batchIndices(): Generator<number[], void, undefined> {
    const n = this.dataset.length;
    const g = this.shuffle ? (this.generator ?? defaultGenerator) : null;
    let order: ArrayLike<number> | null = null;
    if (g) {
      g.random64(); // PyTorch's iterator draws its workers' base seed first
      order = randperm(n, { generator: g, device: 'cpu' }).dataSync();
    }
    for (let start = 0; start < n; start += this.batchSize) {
      const end = Math.min(start + this.batchSize, n);
      if (end - start < this.batchSize && this.dropLast) break;
      const batch = new Array<number>(end - start);
      for (let i = start; i < end; i++) batch[i - start] = order ? order[i] : i;
      yield batch;
    }
    // Once its permutation is used up, PyTorch's RandomSampler draws one more for its `num_samples % n` tail and
    // keeps none of it; drawing it too keeps the next epoch's order the same as PyTorch's.
    if (g) randperm(n, { generator: g });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<B, void, undefined> {
    for (const indices of this.batchIndices()) {
      if (!this.collate && hasGetBatch(this.dataset)) {
        yield (await this.dataset.getBatch(indices)) as B;
        continue;
      }
      const items = await Promise.all(indices.map((i) => this.dataset.get(i)));
      yield await (this.collate ?? (defaultCollate as unknown as (items: T[]) => B))(items);
    }
  }

  /** Synchronous iteration, for data sets whose items (and collate function) need no waiting. */
  *[Symbol.iterator](): Generator<B, void, undefined> {
    for (const indices of this.batchIndices()) {
      const batch = !this.collate && hasGetBatch(this.dataset) ? this.dataset.getBatch(indices) : (this.collate ?? defaultCollate)(indices.map((i) => this.syncItem(i)));
      if (isPromise(batch)) throw new Error('DataLoader: the batch is a promise (async getBatch or collate); iterate with for await');
      yield batch as B;
    }
  }

  private syncItem(index: number): T {
    const item = this.dataset.get(index);
    if (isPromise(item)) throw new Error(`DataLoader: item ${index} is a promise (an async data set); iterate with for await`);
    return item;
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
