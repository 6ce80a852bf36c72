import { isFloat, releaseTemporaries, onesLike, setGradEnabled, Storage, type BackwardOptions, type Tensor } from '@typegrad/tensor';
import { Node } from './node.js';
import { GRAD_RULES } from './rules/index.js';
import { RowSparseGrad } from './sparse/row-sparse.js';
import { setSparseGrad, sparseGrad } from './sparse/slot.js';

/** A gradient on its way back: dense, or over a few rows of its tensor (from `sparseIndexSelect`). */
type Grad = Tensor | RowSparseGrad;

/** Records an op whose inputs require grad: the output becomes a non-leaf with a node pointing at its inputs. */
export function recordOp(op: string, inputs: readonly Tensor[], output: Tensor, saved: Readonly<Record<string, unknown>>): void {
  if (!isFloat(output.dtype)) return; // integer and bool results carry no gradient
  if (!(op in GRAD_RULES)) throw new Error(`autograd: no gradient rule is defined for op '${op}'`);
  output.requiresGrad = true;
  output.gradFn = new Node(op, inputs, saved);
}

/** Tensors reachable from root through recorded nodes, consumers before producers. */
function topologicalOrder(root: Tensor): Tensor[] {
  const post: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  // iterative depth-first search, so long graphs (a sequence model over many steps) do not overflow the stack
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [t, next] = top;
    const inputs = (t.gradFn as Node | null)?.inputs ?? [];
    if (next < inputs.length) {
      top[1]++;
      const child = inputs[next];
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      post.push(t);
    }
  }
  return post.reverse();
}

function checkGradient(root: Tensor, gradient: Tensor | undefined): Tensor {
  if (gradient === undefined) {
    if (root.numel !== 1) throw new Error(`backward: grad can be implicitly created only for scalar outputs (got shape [${root.shape.join(', ')}]); pass a gradient`);
    return onesLike(root);
  }
  if (gradient.shape.length !== root.shape.length || gradient.shape.some((d, i) => d !== root.shape[i])) {
    throw new Error(`backward: mismatch in shape: grad_output has a shape of [${gradient.shape.join(', ')}] and output has a shape of [${root.shape.join(', ')}]`);
  }
  return gradient.to(root.dtype);
}

/** A leaf's accumulated gradient: its own contiguous storage, so optimizers can update it in place. */
function accumulate(prev: Tensor | null, g: Tensor): Tensor {
  return prev === null ? g.clone() : prev.add(g);
}

/**
 * Reverse-mode differentiation from `root`: runs each recorded node's gradient rule once, consumers before
 * producers, adding gradients that meet at a tensor, and accumulating into leaves' `grad`. Unless `retainGraph`,
 * each node's saved values are dropped as soon as it has run, so intermediate memory is freed during backward.
 *
 * Every tensor backward creates is a temporary except the `grad`s it assigns (each in its own new storage), so
 * the rest are released when it returns rather than left to the garbage collector.
 */
export function backward(root: Tensor, gradient: Tensor | undefined, opts: BackwardOptions = {}): void {
  if (!root.requiresGrad) throw new Error('backward: element 0 of tensors does not require grad and does not have a grad_fn');
  const prevMode = setGradEnabled(false);
  try {
    releaseTemporaries(
      () => propagate(root, gradient, opts),
      (assigned) => assigned.flatMap((t) => keptGradStorages(t)),
    );
  } finally {
    setGradEnabled(prevMode);
  }
}

/**
 * Counts the gradients that view each storage while backward runs, so a leaf can take a gradient as its `grad`
 * without a copy when nothing else sees that memory: one backward made it, no other pending gradient shares it,
 * and it is a whole, contiguous buffer of the leaf's dtype (PyTorch steals such a gradient the same way).
 */
class GradUses {
  private readonly uses = new Map<Storage, number>();
  private readonly firstId = Storage.created;

  hold(t: Tensor): Tensor {
    this.uses.set(t.storage, (this.uses.get(t.storage) ?? 0) + 1);
    return t;
  }

  drop(t: Tensor): void {
    this.uses.set(t.storage, this.uses.get(t.storage)! - 1);
  }

  /** Whether `g` (held once, by the leaf about to take it) can become `leaf.grad` as it is. */
  canTake(g: Tensor, leaf: Tensor): boolean {
    const s = g.storage;
    return s.id >= this.firstId && this.uses.get(s) === 1 && g.offset === 0 && g.numel === s.size && g.dtype === leaf.dtype && g.isContiguous();
  }
}

/** The storages of the gradient a leaf holds after backward, dense or row-sparse. */
function keptGradStorages(t: Tensor): Storage[] {
  if (t.grad !== null) return [t.grad.storage];
  const sparse = sparseGrad(t);
  return sparse ? [sparse.indices.storage, sparse.values.storage] : [];
}

/**
 * A row-sparse gradient reaching a leaf: added to a dense `grad` already there (which stays dense), else kept (or
 * added to the sparse gradient kept) beside it.
 */
function accumulateSparse(leaf: Tensor, g: RowSparseGrad): void {
  if (leaf.grad !== null) leaf.grad = g.addTo(leaf.grad);
  else setSparseGrad(leaf, sparseGrad(leaf)?.add(g) ?? g);
}

/** The backward pass itself; returns the tensors whose `grad` (or row-sparse gradient) it set. */
function propagate(root: Tensor, gradient: Tensor | undefined, opts: BackwardOptions): Tensor[] {
  const assigned: Tensor[] = [];
  const uses = new GradUses();
  const grads = new Map<Tensor, Grad>([[root, uses.hold(checkGradient(root, gradient))]]);
  for (const t of topologicalOrder(root)) {
    const got = grads.get(t);
    if (got === undefined) continue;
    grads.delete(t);
    const node = t.gradFn as Node | null;
    if (node === null) {
      assigned.push(t);
      if (got instanceof RowSparseGrad) {
        accumulateSparse(t, got);
        continue;
      }
      // a dense gradient meeting a sparse one from an earlier backward: the sum is dense
      const earlier = sparseGrad(t);
      if (earlier !== null) setSparseGrad(t, null);
      const g = earlier === null ? got : earlier.addTo(got);
      t.grad = t.grad === null && earlier === null && uses.canTake(g, t) ? g : accumulate(t.grad, g);
      uses.drop(got);
      continue;
    }
    // gradient rules read dense gradients: a sparse one reaching a computed tensor is made dense here
    const g = got instanceof RowSparseGrad ? uses.hold(got.toDense()) : got;
    if (t.retainsGrad) {
      t.grad = accumulate(t.grad, g);
      assigned.push(t);
    }
    node.check();
    const inputGrads = GRAD_RULES[node.op](g, { inputs: node.inputs, output: t, saved: node.saved, needsInputGrad: node.inputs.map((x) => x.requiresGrad) });
    uses.drop(g);
    node.inputs.forEach((input, i) => {
      const gi = inputGrads[i];
      if (!input.requiresGrad || gi == null) return;
      const prev = grads.get(input);
      grads.set(input, prev === undefined ? holdGrad(uses, gi) : addGrads(uses, prev, gi));
    });
    if (!opts.retainGraph) node.free();
  }
  return assigned;
}

/**
 * Counts a gradient as held. A sparse one's values stay counted for good: they may be the very tensor another input
 * receives (an add passes its gradient to both sides), which must then not be taken as that leaf's own `grad`.
 */
function holdGrad(uses: GradUses, g: Grad): Grad {
  if (!(g instanceof RowSparseGrad)) return uses.hold(g);
  uses.hold(g.values);
  return g;
}

/** Two gradients meeting at one tensor: sparse + sparse stays sparse (rows side by side), anything else is dense. */
function addGrads(uses: GradUses, a: Grad, b: Grad): Grad {
  if (a instanceof RowSparseGrad) {
    if (!(b instanceof RowSparseGrad)) return uses.hold(a.addTo(b));
    holdGrad(uses, b);
    return a.add(b);
  }
  uses.drop(a);
  return uses.hold(b instanceof RowSparseGrad ? b.addTo(a) : a.add(b));
}
