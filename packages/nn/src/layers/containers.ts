import type { Tensor } from '@typegrad/tensor';
import { Module } from '../module.js';

/**
 * Runs modules one after another, as `nn.Sequential`; children are named '0', '1', ….
 * @example const mlp = new Sequential(new Linear(30, 200), new Tanh(), new Linear(200, 27));
 */
export class Sequential extends Module {
  static readonly typeName = 'Sequential';

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => ((this as unknown as Record<string, Module>)[String(i)] = m));
  }
  get length(): number {
    return this.children().length;
  }
  /** The i-th module (negative counts from the end). */
  at(i: number): Module {
    const list = this.children();
    const m = list[i < 0 ? i + list.length : i];
    if (!m) throw new RangeError(`Sequential: index ${i} is out of range for ${list.length} modules`);
    return m;
  }
  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.children()) y = (m.forward as (t: Tensor) => Tensor).call(m, y);
    return y;
  }
}

/** A list of modules whose parameters the parent finds, as `nn.ModuleList`. */
export class ModuleList<M extends Module = Module> extends Module {
  static readonly typeName = 'ModuleList';

  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.append(m);
  }
  append(m: M): this {
    (this as unknown as Record<string, M>)[String(this.length)] = m;
    return this;
  }
  get length(): number {
    return this.children().length;
  }
  at(i: number): M {
    const list = this.children() as M[];
    const m = list[i < 0 ? i + list.length : i];
    if (!m) throw new RangeError(`ModuleList: index ${i} is out of range for ${list.length} modules`);
    return m;
  }
  [Symbol.iterator](): Iterator<M> {
    return (this.children() as M[])[Symbol.iterator]();
  }
  forward(): never {
    throw new Error('ModuleList: a ModuleList has no forward; call its modules');
  }
}

/** Modules by name, as `nn.ModuleDict`. */
export class ModuleDict<M extends Module = Module> extends Module {
  static readonly typeName = 'ModuleDict';

  constructor(modules: Record<string, M> = {}) {
    super();
    for (const [k, m] of Object.entries(modules)) this.set(k, m);
  }
  set(key: string, m: M): this {
    if (key in this && !((this as unknown as Record<string, unknown>)[key] instanceof Module)) {
      throw new Error(`ModuleDict: '${key}' clashes with an attribute of ModuleDict`);
    }
    (this as unknown as Record<string, M>)[key] = m;
    return this;
  }
  get(key: string): M | undefined {
    const m = (this as unknown as Record<string, unknown>)[key];
    return m instanceof Module ? (m as M) : undefined;
  }
  keys(): string[] {
    return [...this.namedChildren()].map(([k]) => k);
  }
  forward(): never {
    throw new Error('ModuleDict: a ModuleDict has no forward; call its modules');
  }
}
