import { noGrad, setSparseGrad } from '@typegrad/autograd';
import { Tensor, isFloat, type DType, type Device } from '@typegrad/tensor';
import { buffer, isBuffer, isParameter, isPersistentBuffer, parameter } from './parameter.js';

const isDType = (s: string): s is DType => s === 'float32' || s === 'float64' || s === 'int32' || s === 'bool';

/** Options of `loadStateDict`. */
export interface LoadOptions {
  /** Require exactly the module's keys (default true). */
  strict?: boolean;
}

/** Keys that did not line up in a non-strict `loadStateDict`. */
export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Base class of every layer and model, as PyTorch's `nn.Module`. Subclasses assign parameters (made with
 * `parameter(...)`), buffers (`buffer(...)`) and child modules to their own properties; the module finds them
 * there, in the order they were assigned, so no registration call is needed.
 *
 * @example
 * class MLP extends Module {
 *   fc1 = new Linear(2, 16);
 *   fc2 = new Linear(16, 1);
 *   forward(x: Tensor) { return this.fc2.forward(this.fc1.forward(x).tanh()); }
 * }
 */
export abstract class Module {
  /**
   * The class name that printouts and errors show: the class's own static `typeName` where it declares one (every
   * typegrad layer does, since minifiers rename classes), else the constructor's name. A subclass that declares
   * none shows its own class name, as in PyTorch.
   * @example class Head extends Module { static readonly typeName = 'Head'; … }
   */
  get typeName(): string {
    const ctor = this.constructor as { name: string; typeName?: unknown };
    return Object.hasOwn(ctor, 'typeName') && typeof ctor.typeName === 'string' ? ctor.typeName : ctor.name;
  }

  /** True in training mode (dropout active, batch statistics used); set by `train()` / `eval()`. */
  training = true;

  /** The computation; called by users as `model.forward(x)`. */
  abstract forward(...args: never[]): unknown;

  /** Direct children with their property names. */
  *namedChildren(): Generator<[string, Module]> {
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Module) yield [name, value];
    }
  }

  children(): Module[] {
    return [...this.namedChildren()].map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names ('' for this one). */
  *namedModules(prefix = ''): Generator<[string, Module]> {
    yield [prefix, this];
    for (const [name, child] of this.namedChildren()) yield* child.namedModules(prefix ? `${prefix}.${name}` : name);
  }

  modules(): Module[] {
    return [...this.namedModules()].map(([, m]) => m);
  }

  private *ownTensors(pred: (t: Tensor) => boolean): Generator<[string, Tensor]> {
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Tensor && pred(value)) yield [this.stateKey(name), value];
    }
  }

  /**
   * The name a property's tensor has in state dicts. By default the property name; layers whose PyTorch
   * counterparts use other names (BatchNorm's `running_mean`) override it so checkpoints load in both.
   */
  protected stateKey(property: string): string {
    return property;
  }

  /** Every parameter with its dotted name (shared parameters once, under their first name). */
  namedParameters(): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, t] of m.ownTensors(isParameter)) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push([prefix ? `${prefix}.${name}` : name, t]);
      }
    }
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Every buffer with its dotted name. */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, t] of m.ownTensors(isBuffer)) out.push([prefix ? `${prefix}.${name}` : name, t]);
    }
    return out;
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, t]) => t);
  }

  /** Sets training mode on this module and its descendants. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's gradient (sets it to null, as PyTorch's default), row-sparse ones too. */
  zeroGrad(): void {
    for (const p of this.parameters()) {
      p.grad = null;
      setSparseGrad(p, null);
    }
  }

  /**
   * Moves every parameter and buffer to a device and/or converts the floating ones to a dtype (integer buffers keep
   * theirs, as PyTorch). Properties are replaced by the moved tensors: create optimizers after moving.
   */
  to(target: Device | DType | { device?: Device; dtype?: DType }): this {
    const { device, dtype } = typeof target === 'string' ? (isDType(target) ? { dtype: target, device: undefined } : { device: target, dtype: undefined }) : target;
    noGrad(() => {
      for (const m of this.modules()) {
        const self = m as unknown as Record<string, unknown>;
        for (const [name, value] of Object.entries(m)) {
          if (!(value instanceof Tensor) || !(isParameter(value) || isBuffer(value))) continue;
          const conv = { device, dtype: dtype !== undefined && isFloat(value.dtype) ? dtype : undefined };
          const moved = value.to(conv);
          if (moved === value) continue;
          if (isParameter(value)) {
            parameter(moved, value.requiresGrad);
            if (value.grad) moved.grad = value.grad.to(conv);
          } else buffer(moved, isPersistentBuffer(value));
          self[name] = moved;
        }
      }
    });
    return this;
  }

  /** Parameters and persistent buffers by dotted name (detached views; load them back with `loadStateDict`). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, t] of this.namedParameters()) out[name] = t.detach();
    for (const [name, t] of this.namedBuffers()) if (isPersistentBuffer(t)) out[name] = t.detach();
    return out;
  }

  /**
   * Copies values into the module's own tensors (so optimizers holding them keep working). Strict by default:
   * missing, unexpected and wrongly shaped keys are listed in one error.
   */
  loadStateDict(state: Record<string, Tensor>, opts: LoadOptions = {}): LoadResult {
    const strict = opts.strict ?? true;
    if (typeof state !== 'object' || state === null || Array.isArray(state) || state instanceof Tensor) {
      throw new TypeError(`${this.typeName}.loadStateDict: expected an object of tensors by name (a state dict), got ${describe(state)}`);
    }
    const own = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers().filter(([, t]) => isPersistentBuffer(t))]);
    const has = (k: string) => Object.hasOwn(state, k);
    const missingKeys = [...own.keys()].filter((k) => !has(k));
    const unexpectedKeys = Object.keys(state).filter((k) => !own.has(k));
    const mismatched: string[] = [];
    for (const [k, t] of own) {
      const src = has(k) ? (state[k] as unknown) : undefined;
      if (src !== undefined && !(src instanceof Tensor)) {
        mismatched.push(`value for ${k} is not a Tensor (got ${describe(src)}).`);
        continue;
      }
      if (src && (src.ndim !== t.ndim || src.shape.some((d, i) => d !== t.shape[i]))) {
        mismatched.push(`size mismatch for ${k}: copying a param with shape [${src.shape.join(', ')}] from checkpoint, the shape in current model is [${t.shape.join(', ')}].`);
      }
    }
    const problems: string[] = [...mismatched];
    if (strict && missingKeys.length) problems.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}.`);
    if (strict && unexpectedKeys.length) problems.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`);
    if (problems.length) throw new Error(`Error(s) in loading state_dict for ${this.typeName}:\n\t${problems.join('\n\t')}`);
    noGrad(() => {
      for (const [k, t] of own) if (has(k)) t.copy_(state[k]);
    });
    return { missingKeys, unexpectedKeys };
  }

  /** Extra text inside this module's printout parentheses (e.g. `in_features=2, out_features=3`). */
  extraRepr(): string {
    return '';
  }

  /** PyTorch-style printout of the module tree. */
  toString(): string {
    const lines = [...this.namedChildren()].map(([name, child]) => `(${name}): ${indent(child.toString())}`);
    const head = `${this.typeName}(${this.extraRepr()}`;
    if (lines.length === 0) return `${head})`;
    return `${head}\n  ${lines.join('\n  ')}\n)`;
  }

  /** A table of parameters (name, shape, count) with the total, for printing. */
  summary(): string {
    const rows = this.namedParameters().map(([name, t]) => [name, `[${t.shape.join(', ')}]`, t.numel.toLocaleString('en-US')]);
    const total = this.parameters().reduce((n, t) => n + t.numel, 0);
    const trainable = this.parameters().filter((t) => t.requiresGrad).reduce((n, t) => n + t.numel, 0);
    const widths = [0, 1, 2].map((i) => Math.max(['parameter', 'shape', 'count'][i].length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}`;
    return [
      this.toString(),
      fmt(['parameter', 'shape', 'count']),
      ...rows.map(fmt),
      `Total parameters: ${total.toLocaleString('en-US')} (trainable: ${trainable.toLocaleString('en-US')})`,
    ].join('\n');
  }
}

/** A value's kind for messages: 'null', 'an array', 'a number (3)'. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' || typeof v === 'boolean') return `a ${typeof v} (${String(v)})`;
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)})`;
  return typeof v === 'object' ? `an object${v instanceof Tensor ? ' (a Tensor)' : ''}` : typeof v;
}

function indent(s: string): string {
  return s.split('\n').join('\n  ');
}
