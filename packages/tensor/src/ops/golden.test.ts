/**
 * Golden tests: every op against the values PyTorch 1.13 computes for the same inputs.
 * The cases live in fixtures/ops.json (see fixtures/make_op_fixtures.py for how they are made and their format).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import opsFixture from '../../fixtures/ops.json?raw';
import {
  arange,
  cat,
  eye,
  full,
  linspace,
  maskedSelect,
  maskedSelectAsync,
  maximum,
  minimum,
  oneHot,
  oneHotAsync,
  ones,
  stack,
  tensor,
  Tensor,
  where,
  zeros,
  getBackend,
  histc,
  histcAsync,
  histogram,
  histogramAsync,
  type Device,
  type DType,
  type Nested,
  setCpuKernels,
} from '../index.js';
import { describeBackends, expectValues, type TestBackend } from '../testing/backends.js';

/** A JSON value as the fixtures hold it. */
type Json = number | boolean | string | null | Json[] | { [key: string]: Json };

/** A view to apply to an input so the op sees a non-contiguous tensor. */
type ViewStep =
  | { view: 'transpose'; dims: [number, number] }
  | { view: 'permute'; dims: number[] }
  | { view: 'slice'; dim: number; start: number | null; end: number | null; step: number }
  | { view: 'expand'; shape: number[] };

interface TensorSpec {
  dtype: DType;
  shape: number[];
  /** Nested values; NaN and the infinities as the strings 'NaN', 'Infinity', '-Infinity'. */
  values: Json;
  view?: ViewStep[];
}

interface GoldenCase {
  name: string;
  /** A Tensor method called on `self` … */
  method?: string;
  self?: TensorSpec;
  /** … or a free function. */
  fn?: string;
  args: Json[];
  out: TensorSpec[];
  /** Views only: whether PyTorch's result shares the input's storage. */
  sharesStorage?: boolean;
}

type Group = 'elementwise' | 'reduce' | 'matmul' | 'views' | 'indexing' | 'creation';

// imported as text rather than read from disk, so the suite also runs in a browser (and −0 survives)
const fixtures = JSON.parse(opsFixture) as Record<Group, GoldenCase[]>;

/** What an op returns: a tensor, several (split, chunk) or max/min's values and indices. */
type Result = Tensor | Tensor[] | { values: Tensor; indices: Tensor };
/** Decoded fixture arguments; each entry of the table passes them on as its call expects. */
type Args = any[];

/** Whether a device reads synchronously; ops whose result size depends on values take their async form elsewhere. */
const sync = (device: Device) => getBackend(device).syncRead;

/** The free functions cases call by name. Every other case calls the Tensor method named by `method`. */
const FUNCTIONS: Record<string, (device: Device, ...args: Args) => Result | Promise<Result>> = {
  where: (_, cond, a, b) => where(cond, a, b),
  maximum: (_, a, b) => maximum(a, b),
  minimum: (_, a, b) => minimum(a, b),
  cat: (_, tensors, dim) => cat(tensors, dim),
  stack: (_, tensors, dim) => stack(tensors, dim),
  maskedSelect: (d, x, mask) => (sync(d) ? maskedSelect(x, mask) : maskedSelectAsync(x, mask)),
  oneHot: (d, x, numClasses) => (sync(d) ? oneHot(x, numClasses) : oneHotAsync(x, numClasses)),
  // with the range from the data, the min and max are read first: on an asynchronous device, the async form
  histc: (d, x, opts) => (sync(d) ? histc(x, opts) : histcAsync(x, opts)),
  histogram: async (d, x, ...args) => {
    const r = sync(d) ? histogram(x, ...(args as [number])) : await histogramAsync(x, ...(args as [number]));
    return [r.hist, r.binEdges];
  },
  arange: (device, start, end, step, opts) => arange(start, end, step, { ...opts, device }),
  linspace: (device, start, end, steps, opts) => linspace(start, end, steps, { ...opts, device }),
  eye: (device, n, m, opts) => eye(n, m, { ...opts, device }),
  full: (device, shape, value, opts) => full(shape, value, { ...opts, device }),
  zeros: (device, shape, opts) => zeros(shape, { ...opts, device }),
  ones: (device, shape, opts) => ones(shape, { ...opts, device }),
};

const VIEWS: { [K in ViewStep['view']]: (t: Tensor, step: Extract<ViewStep, { view: K }>) => Tensor } = {
  transpose: (t, s) => t.transpose(s.dims[0], s.dims[1]),
  permute: (t, s) => t.permute(s.dims),
  slice: (t, s) => t.slice(s.dim, s.start, s.end, s.step),
  expand: (t, s) => t.expand(s.shape),
};

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function isTensorSpec(x: Json): x is Json & TensorSpec {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'values' in x && 'shape' in x;
}

/** Fixture values as nested numbers and booleans. */
function decodeValues(v: Json): Nested {
  if (Array.isArray(v)) return v.map(decodeValues);
  if (typeof v === 'string') return NON_FINITE[v];
  return v as number | boolean;
}

const flatten = (n: Nested): (number | boolean)[] => (Array.isArray(n) ? n.flatMap(flatten) : [n]);

function makeTensor(spec: TensorSpec, device: Device): Tensor {
  let t = tensor(flatten(decodeValues(spec.values)), { dtype: spec.dtype, shape: spec.shape, device });
  for (const step of spec.view ?? []) {
    t = (VIEWS[step.view] as (t: Tensor, s: ViewStep) => Tensor)(t, step);
    expect(t.isContiguous(), `input view ${JSON.stringify(spec.view)} should be non-contiguous`).toBe(false);
  }
  return t;
}

/** Turns a fixture argument into what the call takes: tensors, non-finite numbers; lists and options entry by entry. */
function decodeArg(a: Json, device: Device): unknown {
  if (Array.isArray(a)) return a.map((x) => decodeArg(x, device));
  if (isTensorSpec(a)) return makeTensor(a, device);
  if (typeof a === 'string' && a in NON_FINITE) return NON_FINITE[a];
  if (typeof a === 'object' && a !== null) return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, decodeArg(v, device)]));
  return a;
}

async function run(c: GoldenCase, device: Device): Promise<{ self?: Tensor; outputs: Tensor[] }> {
  // a null argument is an omitted one, except in index(...), where null inserts a dim
  const args = c.args.map((a) => (a === null && c.method !== 'index' ? undefined : decodeArg(a, device)));
  let self: Tensor | undefined;
  let r: Result;
  if (c.fn !== undefined) {
    const f = FUNCTIONS[c.fn];
    if (!f) throw new Error(`golden: no function '${c.fn}' in the table`);
    r = await f(device, ...args);
  } else {
    self = makeTensor(c.self!, device);
    const method = c.method === 'index' && !sync(device) ? 'indexAsync' : c.method!;
    const m = (self as unknown as Record<string, unknown>)[method];
    if (typeof m !== 'function') throw new Error(`golden: Tensor has no method '${c.method}'`);
    r = await (m as (...a: unknown[]) => Result | Promise<Result>).apply(self, args);
  }
  const outputs = r instanceof Tensor ? [r] : Array.isArray(r) ? r : [r.values, r.indices];
  return { self, outputs };
}

/** float32 to the backend's tolerance; float64 (CPU) close to its own precision. */
const tolerance = (dtype: DType, b: TestBackend) => (dtype === 'float64' ? 1e-12 : b.tol);

async function expectTensor(actual: Tensor, spec: TensorSpec, b: TestBackend, what: string): Promise<void> {
  expect(actual.dtype, `${what} dtype`).toBe(spec.dtype);
  expect(actual.shape, `${what} shape`).toEqual(spec.shape);
  const expected = decodeValues(spec.values);
  await expectValues(actual, expected, tolerance(spec.dtype, b));
  // expectValues lets a NaN through where a number is expected (NaN fails no comparison), so check where NaNs are
  const nans = (n: Nested) => flatten(n).flatMap((v, i) => (Number.isNaN(v) ? [i] : []));
  expect(nans(await actual.toArray()), `${what} NaN positions`).toEqual(nans(expected));
}

const usesFloat64 = (c: GoldenCase) => JSON.stringify(c).includes('"float64"');

/**
 * One suite per fixture group and backend; `extra` adds checks on each result. With `bothCpuKernels` the CPU
 * suite runs twice, once per set of float32 kernels ('wasm' takes every float32 product and elementwise op that
 * has a Wasm kernel, however small).
 */
function goldenSuite(
  group: Group,
  extra?: (c: GoldenCase, self: Tensor | undefined, out: Tensor, spec: TensorSpec, b: TestBackend) => Promise<void>,
  bothCpuKernels = false,
): void {
  const cases = fixtures[group];
  describeBackends(`golden ${group} (PyTorch 1.13)`, (b) => {
    const suite = () => {
      it(`has ${group} cases`, () => expect(cases.length).toBeGreaterThan(20));
      const runnable = cases.filter((c) => b.float64 || !usesFloat64(c));
      const skipped = cases.filter((c) => !runnable.includes(c));
      if (skipped.length > 0) it.skip.each(skipped.map((c) => [c.name]))('%s (no float64 on this backend)', () => {});
      it.each(runnable.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const { self, outputs } = await run(c, b.device);
        expect(outputs.length, 'number of results').toBe(c.out.length);
        for (let i = 0; i < outputs.length; i++) {
          await expectTensor(outputs[i], c.out[i], b, `result ${i}`);
          if (extra) await extra(c, self, outputs[i], c.out[i], b);
        }
      });
    };
    // the CPU's JS-kernel entry runs these on the JS kernels; the other one also on Wasm for every size
    if (!bothCpuKernels || b.device !== 'cpu' || b.cpuKernels === 'js') return suite();
    describe.each(['auto', 'wasm'] as const)('%s kernels', (kernels) => {
      beforeAll(async () => {
        const inUse = await setCpuKernels(kernels);
        if (kernels === 'wasm') expect(inUse).toBe('wasm');
      });
      afterAll(() => setCpuKernels('auto'));
      suite();
    });
  });
}

goldenSuite('elementwise', undefined, true);
goldenSuite('reduce', undefined, true);
goldenSuite('matmul', undefined, true);
// views: the result is a view exactly where PyTorch's is, and contiguous() of it holds the same values
goldenSuite('views', async (c, self, out, spec, b) => {
  expect(out.storage === self!.storage, 'shares the input storage').toBe(c.sharesStorage);
  const copy = out.contiguous();
  expect(copy.isContiguous()).toBe(true);
  expect(copy.shape).toEqual(out.shape);
  await expectTensor(copy, spec, b, 'contiguous()');
});
goldenSuite('indexing');
goldenSuite('creation');
