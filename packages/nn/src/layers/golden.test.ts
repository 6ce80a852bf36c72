/**
 * Golden tests: every layer's forward output and gradients against PyTorch 1.13 for the same inputs and weights,
 * then a float64 gradcheck of each layer. The cases live in fixtures/nn.json ("layers"); see
 * fixtures/make_nn_fixtures.py for how they are made and their format.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradcheck, noGrad } from '@typegrad/autograd';
import { Generator, manualSeed, randn, tensor, type Device, type DType, type Tensor } from '@typegrad/tensor';
import { describeBackends, expectClose as expectCloseOn, type TestBackend } from '@typegrad/tensor/testing';
import type { Module } from '../module.js';
import { Dropout, Flatten, GELU, ReLU, Sigmoid, Softmax, Tanh } from './activation.js';
import { Sequential } from './containers.js';
import { Embedding } from './embedding.js';
import { Linear } from './linear.js';
import { BatchNorm1d, LayerNorm } from './normalization.js';

interface TensorSpec {
  dtype: DType;
  shape: number[];
  /** Flat, row-major; NaN and the infinities as 'NaN', 'Infinity', '-Infinity'. */
  values: (number | string | boolean)[];
}

interface ModuleSpec {
  type: string;
  args?: unknown[];
  opts?: Record<string, unknown>;
  children?: ModuleSpec[];
}

interface LayerCase {
  name: string;
  module: ModuleSpec;
  train: boolean;
  seed?: number;
  /** By PyTorch's names (the same as ours for parameters). */
  params: Record<string, TensorSpec>;
  /** Buffers to load before the forward, by PyTorch's names (running_mean, …). */
  buffers?: Record<string, TensorSpec>;
  input: TensorSpec;
  out: TensorSpec;
  gradWeights: TensorSpec;
  grads: Record<string, TensorSpec>;
  buffersAfter?: Record<string, TensorSpec>;
  more?: { input: TensorSpec; buffersAfter: Record<string, TensorSpec> }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nn.json', import.meta.url), 'utf8')) as { layers: LayerCase[] };

const decode = (s: TensorSpec, device: Device = 'cpu'): Tensor =>
  tensor(s.values.map((v) => (typeof v === 'string' ? Number(v) : v)) as number[], { dtype: s.dtype, shape: s.shape, device });


/** Tolerances against PyTorch: rtol 1e-5, atol 1e-6 on the CPU; float32 on a GPU accumulates differently. */
const tolerances = (b: TestBackend): [rtol: number, atol: number] => (b.device === 'cpu' ? [1e-5, 1e-6] : [b.tol, b.tol]);

const BUILD: Record<string, (spec: ModuleSpec & { args: unknown[] }) => Module> = {
  Linear: ({ args: [i, o], opts }) => new Linear(i as number, o as number, opts),
  Embedding: ({ args: [n, d], opts }) => new Embedding(n as number, d as number, opts),
  Dropout: ({ args: [p] }) => new Dropout(p as number),
  ReLU: () => new ReLU(),
  Tanh: () => new Tanh(),
  Sigmoid: () => new Sigmoid(),
  GELU: ({ args }) => new GELU(args[0] as 'none' | 'tanh' | undefined),
  Softmax: ({ args: [dim] }) => new Softmax(dim as number),
  Flatten: ({ args }) => new Flatten(...(args as number[])),
  LayerNorm: ({ args: [shape], opts }) => new LayerNorm(shape as number[], opts),
  BatchNorm1d: ({ args: [n], opts }) => new BatchNorm1d(n as number, opts),
  Sequential: ({ children = [] }) => new Sequential(...children.map(build)),
};

function build(spec: ModuleSpec): Module {
  return BUILD[spec.type]({ args: [], ...spec });
}

/** Loads the fixture's parameters (and buffers) strictly: every name must be one the module has. */
function load(m: Module, c: LayerCase): void {
  const state = m.stateDict();
  for (const [k, s] of Object.entries(c.params)) state[k] = decode(s);
  for (const [k, s] of Object.entries(c.buffers ?? {})) state[k] = decode(s);
  m.loadStateDict(state);
}

describeBackends('layers match PyTorch: forward output, input and parameter gradients', (b) => {
  const [rtol, atol] = tolerances(b);
  const expectClose = (actual: Tensor | null, expected: TensorSpec, what: string) => expectCloseOn(actual, expected, what, rtol, atol);
  async function expectBuffers(m: Module, expected: Record<string, TensorSpec>, when: string): Promise<void> {
    const own = Object.fromEntries(m.namedBuffers());
    expect(Object.keys(own).sort()).toEqual(Object.keys(expected).sort()); // state dicts use PyTorch's keys
    for (const [k, s] of Object.entries(expected)) {
      expect(own[k].device, k).toBe(b.device);
      await expectClose(own[k], s, `${k} ${when}`);
    }
  }

  it.each(fixture.layers.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const m = build(c.module).train(c.train);
    load(m, c);
    m.to(b.device);
    const params = Object.fromEntries(m.namedParameters());
    expect(Object.keys(params)).toEqual(Object.keys(c.params)); // the same parameters, in PyTorch's order
    for (const p of Object.values(params)) expect(p.device).toBe(b.device);

    const x = decode(c.input, b.device);
    if (c.input.dtype === 'float32') x.requiresGrad_();
    if (c.seed !== undefined) manualSeed(c.seed);
    const out = (m.forward as (x: Tensor) => Tensor)(x);
    await expectClose(out, c.out, 'output');

    out.mul(decode(c.gradWeights, b.device)).sum().backward();
    if (c.grads.input) await expectClose(x.grad, c.grads.input, 'gradient of the input');
    for (const name of Object.keys(c.params)) await expectClose(params[name].grad, c.grads[name], `gradient of ${name}`);

    if (c.buffersAfter) await expectBuffers(m, c.buffersAfter, 'after the forward');
    for (const [i, step] of (c.more ?? []).entries()) {
      noGrad(() => (m.forward as (x: Tensor) => Tensor)(decode(step.input, b.device)));
      await expectBuffers(m, step.buffersAfter, `after batch ${i + 2}`);
    }
  });
});

describe('layers: gradcheck in float64 (input and every parameter)', () => {
  const g = new Generator().manualSeed(7);
  const leaf = (shape: number[]): Tensor => randn(shape, { dtype: 'float64', generator: g }).requiresGrad_();

  /** Checks d/d(input, params) of (layer(x)·w).sum() for a fixed random w, by central differences. */
  function check(m: Module, x: Tensor, before: () => void = () => {}): void {
    m.to('float64');
    const forward = (): Tensor => {
      before();
      return (m.forward as (x: Tensor) => Tensor)(x);
    };
    const w = randn(noGrad(forward).shape, { dtype: 'float64', generator: g });
    const inputs = x.dtype === 'float64' ? [x, ...m.parameters()] : m.parameters();
    expect(m.parameters().every((p) => p.dtype === 'float64')).toBe(true);
    expect(gradcheck(() => forward().mul(w).sum(), inputs)).toBe(true);
  }
  /** Moves a norm layer's scale and shift away from 1 and 0, so their gradients are checked in general. */
  const randomAffine = (weight: Tensor, bias: Tensor): void =>
    noGrad(() => {
      weight.normal_(1, 0.5, { generator: g });
      bias.normal_(0, 0.5, { generator: g });
    });
  const ids = tensor([[1, 4, 1], [0, 3, 4]], { dtype: 'int32' });

  it('Linear, 2-d and 3-d input, with and without bias', () => {
    check(new Linear(3, 4), leaf([5, 3]));
    check(new Linear(4, 2, { bias: false }), leaf([2, 3, 4]));
  });
  it('Embedding, with paddingIdx', () => {
    check(new Embedding(5, 3), ids);
    // the padding row's output depends on it but gets no gradient by design (checked against PyTorch above),
    // so differences are taken for ids that do not use it
    check(new Embedding(5, 3, { paddingIdx: 2 }), ids);
  });
  it('Dropout (the mask re-drawn from the same seed at each evaluation)', () => {
    const mask = new Generator();
    check(new Dropout(0.3, { generator: mask }), leaf([4, 5]), () => mask.manualSeed(3));
  });
  it('activations', () => {
    for (const m of [new ReLU(), new Tanh(), new Sigmoid(), new GELU(), new GELU('tanh'), new Softmax(1), new Softmax(-1)]) check(m, leaf([3, 4]));
  });
  it('Flatten', () => check(new Flatten(), leaf([2, 3, 2])));
  it('LayerNorm, one and two normalized dims, with and without affine', () => {
    for (const m of [new LayerNorm(4), new LayerNorm([3, 4]), new LayerNorm([3, 4], { elementwiseAffine: false })]) {
      if (m.weight && m.bias) randomAffine(m.weight, m.bias);
      check(m, leaf([2, 3, 4]));
    }
  });
  it('BatchNorm1d in training and eval mode, 2-d and 3-d input', () => {
    const bn = new BatchNorm1d(3);
    randomAffine(bn.weight!, bn.bias!);
    check(bn, leaf([5, 3]));
    check(new BatchNorm1d(2), leaf([3, 2, 4]));
    check(new BatchNorm1d(3).eval(), leaf([4, 3]));
    const trained = new BatchNorm1d(2);
    noGrad(() => trained.forward(randn([6, 2, 3], { generator: g }).mul(2).add(1)));
    check(trained.eval(), leaf([3, 2, 3]));
  });
  it('Sequential(Linear, Tanh, Linear)', () => check(new Sequential(new Linear(4, 5), new Tanh(), new Linear(5, 3)), leaf([3, 4])));
});
