/** Minibatches of interactions: a fresh seeded order each epoch, the batch's users and items as int32 tensors. */
import { randperm, tensor, type Generator as RandomGenerator, type Tensor } from '@typegrad/tensor';
import type { Interactions } from './interactions.js';

/** One minibatch: the users, items and ratings of some interactions, and where they sit in the data. */
export interface Batch {
  users: Tensor;
  items: Tensor;
  ratings: Tensor;
  /** Positions of the batch's interactions in the data (for negative sampling and the like). */
  positions: Int32Array;
}

/** A batch of the interactions at `positions`. */
export function batchAt(data: Interactions, positions: Int32Array): Batch {
  const n = positions.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const ratings = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const p = positions[k];
    users[k] = data.users[p];
    items[k] = data.items[p];
    ratings[k] = data.ratings[p];
  }
  return { users: tensor(users, { dtype: 'int32' }), items: tensor(items, { dtype: 'int32' }), ratings: tensor(ratings), positions };
}

/**
 * The minibatches of one epoch in a random order drawn from `generator` (`randperm`, as PyTorch's shuffling
 * DataLoader draws it); the last batch may be smaller.
 * @example for (const batch of epochBatches(train, 256, g)) { … }
 */
export function* epochBatches(data: Interactions, batchSize: number, generator: RandomGenerator): Generator<Batch> {
  const order = Int32Array.from(randperm(data.length, { generator, device: 'cpu' }).dataSync());
  for (let start = 0; start < order.length; start += batchSize) yield batchAt(data, order.subarray(start, start + batchSize));
}

/**
 * The interactions in order, in batches (evaluation: no shuffling, no gradient).
 * @example for (const batch of orderedBatches(test, 8192)) predictions.push(...)
 */
export function* orderedBatches(data: Interactions, batchSize: number): Generator<Batch> {
  for (let start = 0; start < data.length; start += batchSize) {
    const end = Math.min(data.length, start + batchSize);
    yield batchAt(data, Int32Array.from({ length: end - start }, (_, k) => start + k));
  }
}

/** The number of batches of an epoch. @example batchesPerEpoch(80669, 256) // 316 */
export const batchesPerEpoch = (n: number, batchSize: number): number => Math.ceil(n / batchSize);
