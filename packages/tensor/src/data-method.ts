/**
 * A guard on `Tensor.data` against PyTorch's `.data` habit. In typegrad `data` is a method that reads the values
 * (`await t.data()`, as in TensorFlow.js); PyTorch's `.data` is the tensor itself, cut off from the graph. Code
 * carried over from PyTorch, `p.data.add_(…)` or `p.data.shape`, would otherwise fail with "p.data.add_ is not a
 * function", or read `undefined` and go on with a wrong answer, and `p.data = …` would quietly replace the method.
 *
 * The method is wrapped in a Proxy whose `get` trap throws for the names a function does not have but a tensor
 * does (its methods, getters and fields), PyTorch's in-place names (ending in `_`), array indices, and `then`
 * (which `await t.data` reads). Every other name reads through: test matchers, serializers, inspectors and
 * frameworks probe functions for arbitrary names (`toJSON`, `$$typeof`, `prototype`…) and must keep getting
 * `undefined`, so throwing for every unknown name would break code that never touched PyTorch's `.data`. A call,
 * `bind`/`call`/`apply`, `name` and `length` reach the method itself.
 */

/** Instance fields of a tensor, which its prototype does not list. */
const TENSOR_FIELDS = new Set(['shape', 'strides', 'offset', 'storage', 'requiresGrad', 'grad', 'gradFn', 'retainsGrad']);

const FIX = 'to change the values without recording gradients, use noGrad(() => t.add_(…)) from @typegrad/autograd; for a tensor cut off from the graph, use t.detach()';

function misuse(prop: string, tensorPrototype: object): string | null {
  if (prop === 'then') return 'Tensor.data: `await t.data` awaits the method itself; call it: `await t.data()`';
  if (/^\d+$/.test(prop)) return `Tensor.data[${prop}]: data is a method; read the values with (await t.data())[${prop}], or index the tensor: t.index(${prop})`;
  if (prop in tensorPrototype || TENSOR_FIELDS.has(prop) || prop.endsWith('_')) {
    return `Tensor.data.${prop}: data is a method that reads the values (await t.data()), not PyTorch's .data tensor; ${FIX}`;
  }
  return null;
}

/**
 * Replaces `Tensor.prototype.data` by the guarded method, and makes assigning `t.data = …` an error (it would
 * hide the method on that tensor).
 * @example guardDataMethod(Tensor.prototype); // once, after the class is defined
 */
export function guardDataMethod(tensorPrototype: { data: (...args: never[]) => unknown }): void {
  const method = tensorPrototype.data;
  const guarded = new Proxy(method, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !(prop in target)) {
        const message = misuse(prop, tensorPrototype);
        if (message) throw new TypeError(message);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  Object.defineProperty(tensorPrototype, 'data', {
    configurable: true,
    enumerable: false,
    get: () => guarded,
    set() {
      throw new TypeError(`Tensor.data: data is a method that reads the values, not PyTorch's .data tensor, and cannot be assigned; to overwrite the values, use noGrad(() => t.copy_(src)) from @typegrad/autograd`);
    },
  });
}
