import { cat, fused, tensor, zeros, type Tensor } from '@typegrad/tensor';

/**
 * A gradient that is zero outside some rows of a parameter (its dim 0): the gradient an `Embedding` with
 * `sparse: true` gives its weight, as PyTorch gives a sparse COO gradient with one sparse dim. `indices` [k] names
 * the rows and `values` [k, ...row] holds them; an index may repeat (its rows add up) until `coalesce()`. Costs
 * memory and time in proportion to the rows a batch touched, never to the whole parameter.
 *
 * @example
 * const g = sparseGrad(embedding.weight)!; // after loss.backward()
 * g.indices;      // int32 [k]: the rows the batch looked up
 * g.toDense();    // the same gradient as a dense [numEmbeddings, dim] tensor
 */
export class RowSparseGrad {
  /**
   * @param indices int32 [k]: row of each entry of `values`
   * @param values [k, ...shape.slice(1)]
   * @param shape the parameter's shape
   * @param coalesced whether the indices are unique and ascending
   */
  constructor(
    readonly indices: Tensor,
    readonly values: Tensor,
    readonly shape: readonly number[],
    readonly coalesced = false,
  ) {
    if (indices.dtype !== 'int32' || indices.ndim !== 1) throw new TypeError(`RowSparseGrad: indices must be a 1-d int32 tensor, got ${indices.dtype} [${indices.shape.join(', ')}]`);
    const rowShape = shape.slice(1);
    if (values.ndim !== shape.length || values.shape[0] !== indices.numel || rowShape.some((d, i) => values.shape[i + 1] !== d)) {
      throw new Error(`RowSparseGrad: values of shape [${values.shape.join(', ')}] do not hold ${indices.numel} rows of a [${shape.join(', ')}] parameter`);
    }
  }

  /** The dtype of the values (the parameter's). */
  get dtype(): Tensor['dtype'] {
    return this.values.dtype;
  }

  /**
   * The same gradient with each row once, rows in ascending order, repeats summed (PyTorch's `coalesce()`); an
   * optimizer whose update is not linear in the gradient (Adam) needs it. The indices are read on the host.
   * @example grad.coalesce().indices // int32 [unique rows]
   */
  coalesce(): RowSparseGrad {
    if (this.coalesced) return this;
    const ids = readRows(this.indices, 'RowSparseGrad.coalesce');
    const unique = Int32Array.from(new Set(ids)).sort();
    const alreadyUnique = unique.length === ids.length && ids.every((v, i) => v === unique[i]);
    if (alreadyUnique) return new RowSparseGrad(this.indices, this.values, this.shape, true);
    const position = new Map<number, number>();
    unique.forEach((row, k) => position.set(row, k));
    const device = this.values.device;
    const inverse = tensor(Int32Array.from(ids, (row) => position.get(row)!), { dtype: 'int32', device });
    // summed into fresh zeros in place: the out-of-place indexAdd would copy them first
    const summed = fused.indexAdd_(zeros([unique.length, ...this.shape.slice(1)], { dtype: this.dtype, device }), 0, inverse, this.values);
    return new RowSparseGrad(tensor(unique, { dtype: 'int32', device }), summed, this.shape, true);
  }

  /** The sum of two sparse gradients of one parameter: their entries side by side (not coalesced). */
  add(other: RowSparseGrad): RowSparseGrad {
    if (other.shape.some((d, i) => d !== this.shape[i])) throw new Error(`RowSparseGrad.add: shapes [${this.shape.join(', ')}] and [${other.shape.join(', ')}] differ`);
    return new RowSparseGrad(catRows(this.indices, other.indices), catRows(this.values, other.values.to(this.dtype)), this.shape);
  }

  /** A dense tensor plus this gradient (out of place). @example dense = g.addTo(otherGrad) */
  addTo(dense: Tensor): Tensor {
    return dense.indexAdd(0, this.indices, this.values.to(dense.dtype));
  }

  /** The gradient as a dense tensor of the parameter's shape (costs the whole parameter). */
  toDense(): Tensor {
    return this.addTo(zeros([...this.shape], { dtype: this.dtype, device: this.values.device }));
  }

  /** The gradient times a number (`maximize` flips its sign). */
  mul(scale: number): RowSparseGrad {
    return new RowSparseGrad(this.indices, this.values.mul(scale), this.shape, this.coalesced);
  }
}

function catRows(a: Tensor, b: Tensor): Tensor {
  return a.numel === 0 ? b : b.numel === 0 ? a : cat([a, b], 0);
}

/**
 * The row numbers, read on the host. Devices that cannot read synchronously (WebGPU) cannot coalesce inside a
 * synchronous step: say so, and what works there instead.
 */
export function readRows(indices: Tensor, op: string): Int32Array {
  try {
    return indices.dataSync() as Int32Array;
  } catch (e) {
    throw new Error(`${op}: the rows of a sparse gradient are read on the host, which ${indices.device} cannot do synchronously; SparseAdam and Embedding's paddingIdx with sparse: true need the CPU (SGD takes sparse gradients on any device)`, { cause: e });
  }
}
