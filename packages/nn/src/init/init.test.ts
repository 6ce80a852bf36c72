/**
 * Initialisation against PyTorch 1.13: layers created right after the same seed start with the same weights, the
 * init functions draw the same numbers, and their statistics follow the formulas. The cases live in
 * fixtures/nn.json ("init"); see fixtures/make_nn_fixtures.py.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualSeed, tensor, zeros, type DType, type Tensor } from '@typegrad/tensor';
import { Embedding } from '../layers/embedding.js';
import { Linear } from '../layers/linear.js';
import type { Module } from '../module.js';
import * as init from './index.js';

interface TensorSpec {
  dtype: DType;
  shape: number[];
  values: number[];
}
interface ModuleSpec {
  type: 'Linear' | 'Embedding';
  args: [number, number];
  opts?: { bias?: boolean; paddingIdx?: number };
}
interface Fixture {
  init: {
    defaults: ({ name: string; seed: number } & (
      | { module: ModuleSpec; params: Record<string, TensorSpec> }
      | { modules: ModuleSpec[]; params: Record<string, TensorSpec>[] }
    ))[];
    functions: {
      fn: 'kaimingUniform_' | 'kaimingNormal_' | 'xavierUniform_' | 'xavierNormal_' | 'uniform_' | 'normal_';
      shape: number[];
      seed: number;
      args: unknown[];
      values?: TensorSpec;
      stats?: { mean: number; std: number; min: number; max: number; scale: number };
    }[];
    gains: [init.Nonlinearity, number | null, number][];
  };
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nn.json', import.meta.url), 'utf8')) as Fixture;

const build = ({ type, args: [a, b], opts }: ModuleSpec): Module => (type === 'Linear' ? new Linear(a, b, opts) : new Embedding(a, b, opts));

/** Distance in float32 units in the last place (0: the same float32). */
function ulps(a: number, b: number): number {
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const ordered = (i: number) => (i < 0 ? -0x80000000 - i : i);
  return Math.abs(ordered(bits[0]) - ordered(bits[1]));
}

/** Asserts the same shape and every value within `maxUlps` float32 ulps of PyTorch's. */
function expectSameFloats(actual: Tensor, expected: TensorSpec, what: string, maxUlps = 1): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  const a = actual.dataSync();
  const worst = expected.values.reduce((w, e, i) => Math.max(w, ulps(a[i], e)), 0);
  expect(worst, `${what}: largest difference from PyTorch, in float32 ulps`).toBeLessThanOrEqual(maxUlps);
}

function expectParams(m: Module, expected: Record<string, TensorSpec>, what: string): void {
  const own = Object.fromEntries(m.namedParameters());
  expect(Object.keys(own)).toEqual(Object.keys(expected));
  for (const [k, spec] of Object.entries(expected)) expectSameFloats(own[k], spec, `${what} ${k}`);
}

describe("layers start with PyTorch's weights for the same seed", () => {
  it('manualSeed(2147483647); new Linear(3, 4) gives torch.nn.Linear(3, 4)\'s weight and bias', () => {
    manualSeed(2147483647);
    const fc = new Linear(3, 4);
    const torchFc = fixture.init.defaults.find((c) => c.name === 'Linear(3, 4)')!;
    expect(fc.weight.shape).toEqual([4, 3]);
    expectParams(fc, torchFc.params as Record<string, TensorSpec>, 'Linear(3, 4)');
    // Kaiming-uniform with a = √5 is U(±1/√in); the bias is U(±1/√in) too
    const bound = 1 / Math.sqrt(3);
    for (const v of [...fc.weight.dataSync(), ...fc.bias!.dataSync()]) expect(Math.abs(v)).toBeLessThan(bound);
  });

  it.each(fixture.init.defaults.map((c) => [c.name, c] as const))('%s', (_, c) => {
    manualSeed(c.seed);
    if ('module' in c) expectParams(build(c.module), c.params, c.name);
    else {
      const modules = c.modules.map(build); // created in order, drawing from one stream
      modules.forEach((m, i) => expectParams(m, c.params[i], `${c.name}, module ${i}`));
    }
  });

  it('an Embedding with paddingIdx starts with that row at zero', () => {
    const emb = new Embedding(6, 4, { paddingIdx: 2 });
    expect(emb.weight.select(0, 2).toArraySync()).toEqual([0, 0, 0, 0]);
  });
});

describe('init functions', () => {
  const call = (c: Fixture['init']['functions'][number], t: Tensor): Tensor => {
    const fn = init[c.fn] as (t: Tensor, ...args: unknown[]) => Tensor;
    return fn(t, ...c.args);
  };
  const label = (c: Fixture['init']['functions'][number]) => `${c.fn}(${c.args.map((a) => JSON.stringify(a)).join(', ')}) on [${c.shape.join(', ')}]`;

  it.each(fixture.init.functions.filter((c) => c.values).map((c) => [label(c), c] as const))('%s draws what PyTorch draws', (_, c) => {
    manualSeed(c.seed);
    const t = zeros(c.shape);
    expect(call(c, t)).toBe(t); // in place, returning its argument
    expectSameFloats(t, c.values!, label(c));
  });

  it.each(fixture.init.functions.filter((c) => c.stats).map((c) => [label(c), c] as const))('%s: statistics as PyTorch and as the formula', (_, c) => {
    manualSeed(c.seed);
    const values = Float64Array.from(call(c, zeros(c.shape)).dataSync());
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const [min, max] = values.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
    const { stats } = c;
    // the same draws as PyTorch give the same statistics
    expect(mean).toBeCloseTo(stats!.mean, 6);
    expect(std).toBeCloseTo(stats!.std, 6);
    expect([min, max]).toEqual([Math.fround(stats!.min), Math.fround(stats!.max)]);
    // and they follow the formula: a uniform's bound is `scale` and its std scale/√3; a normal's std is `scale`
    const uniform = c.fn.endsWith('Uniform_');
    const expectedStd = uniform ? stats!.scale / Math.sqrt(3) : stats!.scale;
    expect(Math.abs(mean)).toBeLessThan(0.01 * expectedStd);
    expect(Math.abs(std / expectedStd - 1)).toBeLessThan(0.01); // std's sampling error is ~1/√(2n) = 0.2%
    if (uniform) {
      expect(max).toBeLessThanOrEqual(stats!.scale);
      expect(min).toBeGreaterThanOrEqual(-stats!.scale);
      expect(max).toBeGreaterThan(0.999 * stats!.scale);
    }
  });

  it.each(fixture.init.gains.map(([name, param, gain]) => [`${name}${param === null ? '' : `(${param})`}`, name, param, gain] as const))(
    'calculateGain %s is PyTorch\'s',
    (_, name, param, gain) => {
      expect(init.calculateGain(name, param ?? undefined)).toBeCloseTo(gain, 15);
    },
  );

  it('counts fan in and fan out as PyTorch: [out, in, ...receptive field]', () => {
    expect(init.fanInAndOut(zeros([5, 3, 2]))).toEqual({ fanIn: 6, fanOut: 10 });
    expect(() => init.fanInAndOut(zeros([4]))).toThrow('fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  });

  it('fills with constants', () => {
    expect(init.constant_(zeros([2, 2]), 0.5).toArraySync()).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(init.ones_(zeros([3])).toArraySync()).toEqual([1, 1, 1]);
    expect(init.zeros_(tensor([1, 2])).toArraySync()).toEqual([0, 0]);
  });
});
