import { isFloat, releaseTemporaries, Tensor, type Storage } from '@typegrad/tensor';
import { enableGrad, noGrad, setSparseGrad, sparseGrad } from '@typegrad/autograd';

/**
 * What every optimizer's options have: a learning rate (schedulers and the range finder set it).
 * @example optimizer.paramGroups[0].lr = 0.01; // takes effect at the next step()
 */
export interface LrOptions {
  lr: number;
}

/**
 * An optimizer's state for one parameter: buffers as tensors (`exp_avg`, `momentum_buffer`, …), counters as numbers (`step`).
 * @example const { step, exp_avg } = adam.state.get(w)!;
 */
export type ParamState = Record<string, Tensor | number>;

/**
 * A parameter group as the optimizer holds it: the parameters and every option, each group's own values
 * overriding the optimizer's defaults. Change `lr` (or any option) here to change how the next `step()` updates.
 * `initialLr` is added by a learning-rate scheduler, as PyTorch's `initial_lr`.
 * @example for (const group of optimizer.paramGroups) group.lr *= 0.5;
 */
export type ParamGroup<O extends LrOptions> = O & { params: Tensor[]; initialLr?: number };

/**
 * A parameter group as given to a constructor or `addParamGroup`: parameters and any options to override.
 * @example { params: model.head.parameters(), lr: 1e-4 }
 */
export type ParamGroupInput<O extends LrOptions> = Partial<O> & { params: Iterable<Tensor> | Tensor };

/**
 * What optimizers are built from: parameters, or parameter groups with their own options.
 * @example new SGD([{ params: encoder.parameters() }, { params: decoder.parameters(), lr: 0.01 }], { lr: 0.1 })
 */
export type Params<O extends LrOptions> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/**
 * An optimizer's state in PyTorch's layout: `state` by parameter index (counting through the groups in order),
 * and each group's options with `params` as those indices. Tensors are the optimizer's own (not copies).
 * @example { state: { 0: { step: 3, exp_avg, exp_avg_sq } }, param_groups: [{ lr: 0.001, betas: [0.9, 0.999], …, params: [0, 1] }] }
 */
export interface OptimizerStateDict<O extends LrOptions = LrOptions> {
  state: Record<number, ParamState>;
  param_groups: (Omit<O, 'params'> & { params: number[]; initialLr?: number })[];
}

/**
 * The base of every optimizer, shaped like `torch.optim.Optimizer`: parameter groups with per-group options,
 * `zeroGrad()`, `step()`, `stateDict()`/`loadStateDict()` and `addParamGroup()`. A subclass supplies its defaults
 * and `updateGroup`, which changes parameters in place (so models and other references see the new values).
 * Tensors `updateGroup` creates are temporaries, released when `step()` returns, unless they are kept in the
 * optimizer's `state` (as `torch.optim` optimizers keep theirs).
 *
 * @example
 * const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * for (let i = 0; i < 1000; i++) {
 *   const loss = crossEntropy(model.forward(x), y);
 *   optimizer.zeroGrad();
 *   loss.backward();
 *   optimizer.step();
 * }
 */
export abstract class Optimizer<O extends LrOptions> {
  static readonly typeName: string = 'Optimizer';

  /** The options a group gets when it does not set its own. */
  readonly defaults: Readonly<O>;
  /** The parameter groups, in order. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (moment buffers, step counts), created lazily by the first `step()`. */
  readonly state = new Map<Tensor, ParamState>();

  constructor(params: Params<O>, defaults: O) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TypeError(`${this.name}: params argument given to the optimizer should be an iterable of Tensors or param groups, but got a Tensor`);
    }
    const items = [...(params as Iterable<Tensor | ParamGroupInput<O>>)];
    if (items.length === 0) throw new Error(`${this.name}: optimizer got an empty parameter list`);
    const groups = items[0] instanceof Tensor ? [{ params: items as Tensor[] } as unknown as ParamGroupInput<O>] : (items as ParamGroupInput<O>[]);
    for (const group of groups) this.addParamGroup(group);
  }

  /**
   * The optimizer's class name, for messages: the class's own static `typeName` where it declares one (typegrad's
   * optimizers do, since minifiers rename classes), else the constructor's name.
   */
  protected get name(): string {
    return typeNameOf(this);
  }

  /**
   * Adds a group of parameters with its own options (the rest from `defaults`), e.g. to train layers unfrozen
   * part-way through. A parameter may belong to one group only.
   * @example optimizer.addParamGroup({ params: head.parameters(), lr: 1e-4 });
   */
  addParamGroup(input: ParamGroupInput<O>): void {
    if (input === null || typeof input !== 'object' || !('params' in input)) {
      throw new TypeError(`${this.name}: a param group must be an object with a 'params' field`);
    }
    const params = input.params instanceof Tensor ? [input.params] : [...input.params];
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${this.name}: optimizer can only optimize Tensors, but param ${i} of the group is ${typeof p}`);
      if (!p.isLeaf) throw new Error(`${this.name}: can't optimize a non-leaf Tensor`);
      if (!isFloat(p.dtype)) throw new TypeError(`${this.name}: can only optimize floating point Tensors, but param ${i} of the group is ${p.dtype}`);
    });
    if (new Set(params).size !== params.length) throw new Error(`${this.name}: optimizer contains a parameter group with duplicate parameters`);
    for (const group of this.paramGroups) {
      if (group.params.some((p) => params.includes(p))) throw new Error(`${this.name}: some parameters appear in more than one parameter group`);
    }
    const group = { ...copyOptions(this.defaults), ...copyOptions(definedOptions(input)), params } as ParamGroup<O>;
    this.validateGroup(group);
    this.paramGroups.push(group);
  }

  /** Checks a group's options; throws PyTorch's message for an invalid value. */
  protected validateGroup(group: ParamGroup<O>): void {
    if (!(group.lr >= 0)) throw new RangeError(`${this.name}: Invalid learning rate: ${group.lr}`);
  }

  /**
   * Clears the gradients of every parameter: sets them to null (PyTorch 2's default), or fills them with zeros when
   * `setToNone` is false. A parameter whose grad is null is skipped by `step()`.
   * @example optimizer.zeroGrad(); loss.backward(); optimizer.step();
   */
  zeroGrad(setToNone = true): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        setSparseGrad(p, null); // a row-sparse gradient is cleared either way, as PyTorch zeroes a sparse one to empty
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else noGrad(() => p.grad!.zero_());
      }
    }
  }

  /**
   * Updates every parameter that has a gradient, in place and without recording for differentiation. If `closure`
   * is given it is run first (with recording on) to recompute the loss, which is returned.
   * @example loss.backward(); optimizer.step();
   */
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    for (const group of this.paramGroups) {
      if (this.acceptsSparseGradients(group)) continue;
      if (group.params.some((p) => sparseGrad(p) !== null)) throw new Error(`${this.name} does not support sparse gradients, please consider SparseAdam instead`);
    }
    // the update's scratch tensors are released now: on a GPU the garbage collector would return them only when
    // the event loop turns, which a synchronous training loop never lets happen
    releaseTemporaries(
      () =>
        noGrad(() => {
          for (const group of this.paramGroups) this.updateGroup(group);
        }),
      () => this.keptStorages(),
    );
    return loss;
  }

  /** Storages that outlive a step: the parameters, their gradients and every tensor in the state. */
  private keptStorages(): Set<Storage> {
    const kept = new Set<Storage>();
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        kept.add(p.storage);
        if (p.grad !== null) kept.add(p.grad.storage);
        for (const v of Object.values(this.state.get(p) ?? {})) if (v instanceof Tensor) kept.add(v.storage);
      }
    }
    return kept;
  }

  /**
   * Whether `updateGroup` handles row-sparse gradients (from an `Embedding` with `sparse: true`) in this group;
   * `step()` refuses them otherwise, rather than leaving those parameters silently unchanged.
   */
  protected acceptsSparseGradients(_group: ParamGroup<O>): boolean {
    return false;
  }

  /** Updates the group's parameters that have a gradient (called by `step()`, already without recording). */
  protected abstract updateGroup(group: ParamGroup<O>): void;

  /** The state of `p`, created empty on first use. */
  protected stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  /**
   * The optimizer's state for saving or resuming, as PyTorch lays it out: per-parameter state by index and the
   * groups' options with `params` as indices. The tensors are the optimizer's live buffers; `loadStateDict` copies.
   * @example const saved = optimizer.stateDict(); // { state: { 0: { step: 3, exp_avg, exp_avg_sq } }, param_groups: [...] }
   */
  stateDict(): OptimizerStateDict<O> {
    const index = new Map<Tensor, number>();
    const param_groups = this.paramGroups.map(({ params, ...options }) => ({
      ...copyOptions(options),
      params: params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      }),
    })) as OptimizerStateDict<O>['param_groups'];
    const state: Record<number, ParamState> = {};
    const entries = [...this.state].filter(([p]) => index.has(p)).sort(([a], [b]) => index.get(a)! - index.get(b)!);
    for (const [p, s] of entries) state[index.get(p)!] = { ...s };
    return { state, param_groups };
  }

  /**
   * Restores state saved by `stateDict()` onto this optimizer's parameters, matched by position. Group options are
   * taken from the saved groups; state tensors are copied (to each parameter's dtype and device). The number of
   * groups, their sizes and the state tensors' shapes must match, or this throws naming the mismatch.
   * @example resumed.loadStateDict(optimizer.stateDict());
   */
  loadStateDict(saved: OptimizerStateDict<O>): void {
    const tag = `${this.name}.loadStateDict`;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.param_groups) || typeof saved.state !== 'object' || saved.state === null) {
      throw new TypeError(`${tag}: expected an object with 'state' and 'param_groups', as stateDict() returns`);
    }
    const groups = this.paramGroups;
    if (groups.length !== saved.param_groups.length) {
      throw new Error(`${tag}: loaded state dict has ${saved.param_groups.length} parameter groups, but the optimizer has ${groups.length}`);
    }
    const byIndex = new Map<number, Tensor>();
    groups.forEach((g, i) => {
      const ids = saved.param_groups[i].params;
      if (!Array.isArray(ids) || ids.length !== g.params.length) {
        throw new Error(`${tag}: loaded state dict contains a parameter group (${i}) of ${ids?.length} parameters that doesn't match the size of optimizer's group (${g.params.length})`);
      }
      ids.forEach((id, k) => byIndex.set(id, g.params[k]));
    });
    const state = new Map<Tensor, ParamState>();
    for (const [key, s] of Object.entries(saved.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined) throw new Error(`${tag}: state refers to parameter ${key}, which no saved parameter group lists`);
      state.set(p, copyState(tag, key, s, p));
    }
    this.state.clear();
    for (const [p, s] of state) this.state.set(p, s);
    groups.forEach((g, i) => {
      const { params: _ids, ...options } = saved.param_groups[i];
      const next = { ...copyOptions(options), params: g.params } as unknown as ParamGroup<O>;
      for (const k of Object.keys(g)) delete (g as unknown as Record<string, unknown>)[k];
      Object.assign(g, next);
    });
  }
}

/** A copy of one parameter's saved state, its tensors cast to p's dtype and device and checked against p's shape. */
function copyState(tag: string, key: string, saved: ParamState, p: Tensor): ParamState {
  const out: ParamState = {};
  for (const [name, v] of Object.entries(saved)) {
    if (!(v instanceof Tensor)) {
      out[name] = v;
      continue;
    }
    if (v.shape.length !== p.shape.length || v.shape.some((d, i) => d !== p.shape[i])) {
      throw new Error(`${tag}: state '${name}' of parameter ${key} has shape [${v.shape.join(', ')}], but the parameter has shape [${p.shape.join(', ')}]`);
    }
    const moved = noGrad(() => v.to({ dtype: p.dtype, device: p.device }));
    out[name] = moved === v ? noGrad(() => v.clone()) : moved;
  }
  return out;
}

/** Options with arrays (betas) copied, so groups and saved dicts never share them. */
function copyOptions<T extends object>(options: T): T {
  const out = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(options)) out[k] = Array.isArray(v) ? [...v] : v;
  return out as T;
}

/** @internal The options that were actually given: an explicit `undefined` keeps the default; `params` is not an option. */
export function definedOptions<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && k !== 'params')) as Partial<T>;
}

/** A class's own static `typeName`, else its constructor's name. @example typeNameOf(new SGD(params, { lr: 0.1 })) // 'SGD' */
export function typeNameOf(instance: object): string {
  const ctor = instance.constructor as { name: string; typeName?: unknown };
  return Object.hasOwn(ctor, 'typeName') && typeof ctor.typeName === 'string' ? ctor.typeName : ctor.name;
}
