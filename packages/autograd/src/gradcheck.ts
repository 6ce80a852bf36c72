import { noGrad } from './grad-mode.js';
import { setSparseGrad, sparseGrad } from './sparse/slot.js';
import type { Tensor } from '@typegrad/tensor';

/** Tolerances and step of `gradcheck`. */
export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Relative tolerance. Default 1e-3. */
  rtol?: number;
}

/** A tensor's gradient gone, dense or row-sparse. */
function clearGrad(t: Tensor): void {
  t.grad = null;
  setSparseGrad(t, null);
}

/**
 * Checks the gradients autograd computes for `fn` against central finite differences, element by element of the
 * full Jacobian, as `torch.autograd.gradcheck`. Inputs should be float64 CPU tensors that require grad.
 * Returns true, or throws naming the input, the element and both values.
 * @example gradcheck((x) => x.tanh().sum(), [randn([3], { dtype: 'float64' }).requiresGrad_()])
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], opts: GradcheckOptions = {}): true {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = opts;
  for (const x of inputs) {
    if (x.requiresGrad && x.dtype !== 'float64') {
      throw new TypeError(`gradcheck: inputs that require grad should be float64 for finite differences to be accurate (got ${x.dtype})`);
    }
  }
  const wrt = inputs.filter((x) => x.requiresGrad);
  const evaluate = (): Float64Array => Float64Array.from(noGrad(() => fn(...inputs)).contiguous().dataSync());
  const nOut = evaluate().length;

  for (const [k, x] of wrt.entries()) {
    const flat = x.contiguous();
    if (flat !== x) throw new Error('gradcheck: inputs must be contiguous');
    const data = x.dataSync();
    const numeric: Float64Array[] = [];
    for (let i = 0; i < data.length; i++) {
      const orig = data[i];
      const plus = perturbed(x, i, orig + eps, evaluate);
      const minus = perturbed(x, i, orig - eps, evaluate);
      numeric.push(plus.map((p, j) => (p - minus[j]) / (2 * eps)));
    }
    for (let j = 0; j < nOut; j++) {
      for (const t of inputs) clearGrad(t);
      const out = fn(...inputs);
      if (!out.requiresGrad) throw new Error('gradcheck: the output of fn does not require grad');
      const seed = new Float64Array(nOut);
      seed[j] = 1;
      out.backward(fromFlat(seed, out));
      const sparse = sparseGrad(x);
      const grad = x.grad ?? sparse?.toDense() ?? null;
      const analytic = grad === null ? new Float64Array(data.length) : Float64Array.from(grad.dataSync());
      for (let i = 0; i < data.length; i++) {
        const a = analytic[i];
        const n = numeric[i][j];
        if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
          throw new Error(`gradcheck: Jacobian mismatch for output ${j} with respect to input ${k}, element ${i}: numerical ${n}, analytical ${a}`);
        }
      }
    }
    for (const t of inputs) clearGrad(t);
  }
  return true;
}

function perturbed(x: Tensor, i: number, value: number, evaluate: () => Float64Array): Float64Array {
  const d = x.storage.backend.readSync(x.storage.buffer, x.dtype, x.storage.size) as Float64Array;
  const at = x.offset + i;
  const orig = d[at];
  d[at] = value;
  try {
    return evaluate();
  } finally {
    d[at] = orig;
  }
}

function fromFlat(values: Float64Array, like: Tensor): Tensor {
  return noGrad(() => like.detach().mul(0).add(0).reshape([-1]).mul(0).add(tensorLike(values, like)).reshape([...like.shape]));
}

function tensorLike(values: Float64Array, like: Tensor): Tensor {
  const t = like.detach().reshape([-1]).contiguous().mul(0);
  const buf = t.storage.backend.readSync(t.storage.buffer, t.dtype, t.storage.size);
  for (let i = 0; i < values.length; i++) buf[t.offset + i] = values[i];
  return t;
}
