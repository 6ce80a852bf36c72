import { Tensor, tensor } from '@typegrad/tensor';

/**
 * A map-style data set, as PyTorch's `Dataset`: a length and an item by index. `get` may return a promise (an
 * item read from a file or fetched in the browser); `DataLoader` awaits it.
 * @example
 * const squares: Dataset<[number, number]> = { length: 10, get: (i) => [i, i * i] };
 */
export interface Dataset<T> {
  /** How many items there are; indices run from 0 to length − 1. */
  readonly length: number;
  /** The item at `index`. */
  get(index: number): T | Promise<T>;
}

/**
 * A data set that can also fetch a whole batch at once, faster than item by item (`TensorDataset` gathers rows
 * with one `indexSelect` per tensor). `DataLoader` uses `getBatch` when no `collate` function is given; the result
 * must equal what collating the items would give.
 */
export interface BatchedDataset<T, B> extends Dataset<T> {
  getBatch(indices: readonly number[]): B | Promise<B>;
}

/** Whether a data set offers `getBatch`. @example hasGetBatch(new TensorDataset(X, Y)) // true */
export function hasGetBatch<T>(dataset: Dataset<T>): dataset is BatchedDataset<T, unknown> {
  return typeof (dataset as Partial<BatchedDataset<T, unknown>>).getBatch === 'function';
}

/** Throws a RangeError naming the data set's length unless `index` is an integer in [0, length). @example checkIndex('get', 3, 3) // throws */
export function checkIndex(op: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`${op}: index ${index} is out of range for a data set of length ${length}`);
  }
}

/**
 * Rows of tensors that share their first dimension, as PyTorch's `TensorDataset`: item i is
 * `[t0[i], t1[i], …]`, and a batch is gathered with one `indexSelect` per tensor.
 * @example
 * const ds = new TensorDataset(X, Y);   // X [N, 3] int32, Y [N] int32
 * const [x, y] = ds.get(0);              // x [3], y []
 * const [xb, yb] = ds.getBatch([4, 0]);  // xb [2, 3], yb [2]
 */
export class TensorDataset implements BatchedDataset<Tensor[], Tensor[]> {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new Error('TensorDataset: expected at least one tensor');
    tensors.forEach((t, k) => {
      if (!(t instanceof Tensor)) throw new TypeError(`TensorDataset: argument ${k} is not a Tensor`);
      if (t.ndim === 0) throw new Error(`TensorDataset: tensor ${k} is 0-d; every tensor needs a first dimension to index`);
      if (t.shape[0] !== tensors[0].shape[0]) {
        throw new Error(`TensorDataset: size mismatch between tensors: tensor 0 has ${tensors[0].shape[0]} rows, tensor ${k} has ${t.shape[0]}`);
      }
    });
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0].shape[0];
  }

  get(index: number): Tensor[] {
    checkIndex('TensorDataset.get', index, this.length);
    return this.tensors.map((t) => t.select(0, index));
  }

  getBatch(indices: readonly number[]): Tensor[] {
    for (const i of indices) checkIndex('TensorDataset.getBatch', i, this.length);
    const ids = Int32Array.from(indices);
    return this.tensors.map((t) => t.indexSelect(0, tensor(ids, { dtype: 'int32', device: t.device })));
  }
}

/**
 * The items of a JavaScript array as a data set.
 * @example new ArrayDataset(['emma', 'olivia', 'ava']).get(1) // 'olivia'
 */
export class ArrayDataset<T> implements Dataset<T> {
  constructor(readonly items: readonly T[]) {}

  get length(): number {
    return this.items.length;
  }

  get(index: number): T {
    checkIndex('ArrayDataset.get', index, this.length);
    return this.items[index];
  }
}

/**
 * The items of `dataset` at `indices`, in that order, as PyTorch's `Subset` (what `randomSplit` returns).
 * @example new Subset(names, [2, 0]).get(0) // names.get(2)
 */
export class Subset<T> implements Dataset<T> {
  readonly indices: readonly number[];
  /** Present when the underlying data set has `getBatch`: fetches the batch there, through `indices`. */
  readonly getBatch?: (indices: readonly number[]) => unknown;

  constructor(
    readonly dataset: Dataset<T>,
    indices: readonly number[],
  ) {
    for (const i of indices) checkIndex('Subset', i, dataset.length);
    this.indices = [...indices];
    if (hasGetBatch(dataset)) {
      this.getBatch = (batch) => {
        for (const i of batch) checkIndex('Subset.getBatch', i, this.length);
        return dataset.getBatch(batch.map((i) => this.indices[i]));
      };
    }
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T | Promise<T> {
    checkIndex('Subset.get', index, this.length);
    return this.dataset.get(this.indices[index]);
  }
}
