import { stack, Tensor, tensor } from '@typegrad/tensor';

/**
 * The type `defaultCollate` turns a list of `T` into: tensors and numbers become one tensor with a new first
 * dimension, strings a list, and arrays and objects are collated position by position and key by key.
 */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

/**
 * Puts a list of items together into one batch, as PyTorch's `default_collate`:
 * - tensors are stacked along a new first dimension (they must have the same shape);
 * - numbers become a 1-d tensor: int32 when every value is an integer, else float32 (PyTorch would give int64
 *   and float64); booleans a bool tensor;
 * - strings stay a list of strings;
 * - arrays (tuples) and plain objects are collated element by element and key by key, so a batch of
 *   `[x, y]` pairs is `[X, Y]`.
 *
 * @example
 * defaultCollate([[tensor([1, 2]), 0], [tensor([3, 4]), 1]]) // [tensor [[1, 2], [3, 4]], tensor [0, 1]]
 * defaultCollate([{ name: 'ava', n: 3 }, { name: 'emma', n: 4 }]) // { name: ['ava', 'emma'], n: tensor [3, 4] }
 */
export function defaultCollate<T>(items: readonly T[]): Collated<T> {
  return collateAt(items as readonly unknown[], 'batch') as Collated<T>;
}

function collateAt(items: readonly unknown[], where: string): unknown {
  if (items.length === 0) throw new Error('defaultCollate: cannot collate an empty batch');
  const first = items[0];
  const kind = kindOf(first);
  items.forEach((item, k) => {
    if (kindOf(item) !== kind) throw new TypeError(`defaultCollate: ${where} mixes ${kind} (item 0) and ${kindOf(item)} (item ${k})`);
  });
  switch (kind) {
    case 'Tensor':
      return stack(items as Tensor[], 0);
    case 'number': {
      const values = items as number[];
      return tensor(values, { dtype: values.every(Number.isInteger) ? 'int32' : 'float32' });
    }
    case 'boolean':
      return tensor(items as boolean[], { dtype: 'bool' });
    case 'string':
      return [...(items as string[])];
    case 'array': {
      const arrays = items as unknown[][];
      arrays.forEach((a, k) => {
        if (a.length !== arrays[0].length) throw new Error(`defaultCollate: ${where} has items of different lengths: ${arrays[0].length} (item 0) and ${a.length} (item ${k})`);
      });
      return arrays[0].map((_, j) => collateAt(arrays.map((a) => a[j]), `${where}[${j}]`));
    }
    case 'object': {
      const objects = items as Record<string, unknown>[];
      const keys = Object.keys(objects[0]);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        objects.forEach((o, k) => {
          if (!(key in o)) throw new Error(`defaultCollate: ${where} item ${k} has no key '${key}' (item 0 has it)`);
        });
        out[key] = collateAt(
          objects.map((o) => o[key]),
          `${where}.${key}`,
        );
      }
      return out;
    }
    default:
      throw new TypeError(`defaultCollate: cannot collate ${kind} values (at ${where}); pass a collate function to the DataLoader`);
  }
}

function kindOf(value: unknown): string {
  if (value instanceof Tensor) return 'Tensor';
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  const t = typeof value;
  if (t === 'object') return Object.getPrototypeOf(value) === Object.prototype ? 'object' : `${(value as object).constructor?.name ?? 'object'} instance`;
  return t;
}
