import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';

/** Values as nested arrays: a number (or boolean) for 0-d, arrays of arrays otherwise. */
export type Nested = number | boolean | Nested[];

/** Builds nested arrays from contiguous row-major values. */
export function toNested(values: ArrayLike<number>, shape: Shape, dtype: DType): Nested {
  const conv = dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
  if (shape.length === 0) return conv(values[0]);
  let pos = 0;
  const build = (d: number): Nested[] => {
    const n = shape[d];
    const out = new Array<Nested>(n);
    if (d === shape.length - 1) for (let i = 0; i < n; i++) out[i] = conv(values[pos++]);
    else for (let i = 0; i < n; i++) out[i] = build(d + 1);
    return out;
  };
  return build(0);
}
