/** Negative items for BPR: for each positive (user, item), an item drawn uniformly among those the user has not seen. */
import { randint, type Generator } from '@typegrad/tensor';

/**
 * One negative item for each user of the batch: drawn uniformly from all items with `generator`, and drawn again
 * (up to `tries` times) while the user has it among their training interactions.
 * @example const j = sampleNegatives(Int32Array.of(0, 3), seen, 9724, g);
 */
export function sampleNegatives(users: Int32Array, seen: readonly ReadonlySet<number>[], numItems: number, generator: Generator, tries = 10): Int32Array {
  const out = Int32Array.from(randint(0, numItems, [users.length], { generator, dtype: 'int32', device: 'cpu' }).dataSync());
  for (let k = 0; k < users.length; k++) {
    for (let t = 0; t < tries && seen[users[k]].has(out[k]); t++) {
      out[k] = randint(0, numItems, [1], { generator, dtype: 'int32', device: 'cpu' }).dataSync()[0];
    }
  }
  return out;
}
