// scaledDotProductAttention on every backend against its composition written out in float64 on the CPU: masks of
// each kind, causal, cross-attention shapes, broadcast batch dims; the output and the backward's three gradients.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  Generator, getBackend, randn, scaledDotProductAttention, scaledDotProductAttentionBackward, setCpuKernels, setOpRecorder, tensor, toDevice, where, type Tensor,
} from '../index.js';
import { describeBackends, describeWebGPU } from '../testing/backends.js';
import { wasmSimdSupported } from '../backends/cpu/wasm/select.js';

interface Case {
  name: string;
  q: number[];
  k: number[];
  v: number[];
  mask?: (g: Generator) => Tensor;
  causal?: boolean;
  scale?: number;
}

const CASES: Case[] = [
  { name: 'one head, square', q: [5, 4], k: [5, 4], v: [5, 4] },
  { name: 'batched heads, causal', q: [2, 3, 7, 8], k: [2, 3, 7, 8], v: [2, 3, 7, 8], causal: true },
  { name: 'cross-attention: L ≠ S, E ≠ Ev', q: [2, 6, 4], k: [2, 9, 4], v: [2, 9, 3] },
  { name: 'bool mask [L, S]', q: [2, 6, 4], k: [2, 9, 4], v: [2, 9, 4], mask: (g) => randn([6, 9], { generator: g }).gt(-0.8) },
  {
    name: 'padding mask [B, 1, 1, S]', q: [2, 2, 5, 4], k: [2, 2, 5, 4], v: [2, 2, 5, 4],
    mask: () => tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], { dtype: 'bool' }).reshape([2, 1, 1, 5]),
  },
  { name: 'float mask and causal, rows of several key blocks', q: [1, 70, 6], k: [1, 130, 6], v: [1, 130, 5], causal: true, mask: (g) => randn([70, 130], { generator: g }) },
  { name: 'broadcast batch dims and a scale', q: [3, 1, 4, 8], k: [1, 2, 6, 8], v: [1, 2, 6, 8], scale: 0.3 },
];

/** The op written out in float64 on the CPU: the forward, and the backward for the output's gradient `g`. */
function reference(q: Tensor, k: Tensor, v: Tensor, g: Tensor, c: Case, mask: Tensor | null) {
  const scale = c.scale ?? 1 / Math.sqrt(q.shape[q.ndim - 1]);
  let s = q.matmul(k.mT).mul(scale);
  if (mask) s = mask.dtype === 'bool' ? where(mask, s, -Infinity) : s.add(mask.double());
  if (c.causal) {
    const [L, S] = s.shape.slice(-2);
    const lower = tensor(Array.from({ length: L }, (_, i) => Array.from({ length: S }, (_, j) => j <= i)), { dtype: 'bool' });
    s = where(lower, s, -Infinity);
  }
  const p = s.softmax(-1);
  const dp = g.matmul(v.mT);
  const ds = p.mul(dp.sub(dp.mul(p).sum(-1, true))).mul(scale);
  // the broadcast batch dims' gradients are summed back to each input's shape
  const sumTo = (t: Tensor, shape: readonly number[]) => {
    const dims = t.shape.map((d, i) => (shape[i] === 1 && d !== 1 ? i : -1)).filter((i) => i >= 0);
    return dims.length ? t.sum(dims, true) : t;
  };
  return { out: p.matmul(v), dq: sumTo(ds.matmul(k), q.shape), dk: sumTo(ds.mT.matmul(q), k.shape), dv: sumTo(p.mT.matmul(g), v.shape) };
}

async function expectNear(got: Tensor, want: Tensor, tol: number, what: string): Promise<void> {
  expect(got.shape, what).toEqual(want.shape);
  const a = (await toDevice(got, 'cpu')).double().dataSync();
  const b = want.dataSync();
  for (let i = 0; i < b.length; i++) {
    if (Number.isNaN(b[i])) expect(Number.isNaN(a[i]), `${what}[${i}] is NaN`).toBe(true);
    else if (!(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])))) throw new Error(`${what}[${i}]: ${a[i]}, expected ${b[i]}`);
  }
}

/** Runs the op with a recorder installed, so its saved values (what autograd's rule gets) come back too. */
function forwardWithSaved(q: Tensor, k: Tensor, v: Tensor, opts: Parameters<typeof scaledDotProductAttention>[3]) {
  let saved: Readonly<Record<string, unknown>> = {};
  setOpRecorder((op, _inputs, _output, s) => {
    if (op === 'scaledDotProductAttention') saved = s;
  });
  try {
    return { out: scaledDotProductAttention(q.requiresGrad_(), k, v, opts), saved };
  } finally {
    setOpRecorder(null);
    q.requiresGrad_(false);
  }
}

/** Checks one case on `device` against the float64 reference: the output and the three gradients. */
async function checkCase(c: Case, device: string, float64: boolean): Promise<void> {
  const tol = float64 ? 1e-9 : 5e-5;
  const g = new Generator().manualSeed(7);
  const [q, k, v] = [c.q, c.k, c.v].map((shape) => randn(shape, { generator: g, dtype: 'float64' }));
  const mask = c.mask?.(g) ?? null;
  const dOut = randn([...q.matmul(k.mT).matmul(v).shape], { generator: g, dtype: 'float64' });
  const want = reference(q, k, v, dOut, c, mask);
  const on = (t: Tensor) => toDevice(float64 ? t : t.float(), device);
  const [Q, K, V, G] = await Promise.all([q, k, v, dOut].map(on));
  const M = mask ? await toDevice(mask.dtype === 'bool' ? mask : mask.to(Q.dtype), device) : null;
  const { out, saved } = forwardWithSaved(Q, K, V, { mask: M, causal: c.causal, scale: c.scale });
  await expectNear(out, want.out, tol, 'out');
  const [dq, dk, dv] = scaledDotProductAttentionBackward(G, Q, K, V, out, saved);
  const sum = (t: Tensor, shape: readonly number[]) => {
    const dims = t.shape.map((d, i) => (shape[i] === 1 && d !== 1 ? i : -1)).filter((i) => i >= 0);
    return dims.length ? t.sum(dims, true) : t;
  };
  await expectNear(sum(dq, Q.shape), want.dq, tol, 'dq');
  await expectNear(sum(dk, K.shape), want.dk, tol, 'dk');
  await expectNear(sum(dv, V.shape), want.dv, tol, 'dv');
}

describeBackends('scaledDotProductAttention', (b) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: output and gradients', (_, c) => checkCase(c, b.device, b.float64));

  it('gives NaN for a query whose keys are all masked, as PyTorch', async () => {
    const q = await toDevice(randn([1, 2, 4]), b.device);
    const mask = await toDevice(tensor([[true, false, true], [false, false, false]]), b.device);
    const out = await scaledDotProductAttention(q, randn([1, 3, 4]).to(b.device), randn([1, 3, 4]).to(b.device), { mask }).toArray();
    expect((out as number[][][])[0][0].every(Number.isFinite)).toBe(true);
    expect((out as number[][][])[0][1].every(Number.isNaN)).toBe(true);
  });

  it('refuses mismatched shapes, dtypes and masks, naming them', async () => {
    const on = (shape: number[]) => randn(shape).to(b.device);
    expect(() => scaledDotProductAttention(on([2, 4]), on([3, 5]), on([3, 4]))).toThrow('scaledDotProductAttention: expected query [..., L, E], key [..., S, E] and value [..., S, Ev], got [2,4], [3,5] and [3,4]');
    expect(() => scaledDotProductAttention(on([2, 4]), on([3, 4]), on([3, 4]), { mask: on([2, 2]).gt(0) })).toThrow('does not broadcast to the scores [2,3]');
    expect(() => scaledDotProductAttention(on([2, 4]), on([3, 4]), on([3, 4]), { dropout: 1 })).toThrow('dropout probability must be in [0, 1), got 1');
  });
});

describe.skipIf(!wasmSimdSupported())('scaledDotProductAttention on the WebAssembly kernel', () => {
  const cpu = getBackend('cpu');
  const [allocate, attention, attentionBackward] = [cpu.allocate, cpu.attention!, cpu.attentionBackward!];
  afterEach(() => {
    Object.assign(cpu, { allocate, attention, attentionBackward });
  });
  afterAll(() => setCpuKernels('auto'));

  it.each(CASES.map((c) => [c.name, c] as const))('%s: the kernels give the float64 reference', async (_, c) => {
    await setCpuKernels('wasm');
    const ran: string[] = [];
    cpu.attention = (views) => (attention(views) ? ran.push('forward') > 0 : false);
    cpu.attentionBackward = (views) => (attentionBackward(views) ? ran.push('backward') > 0 : false);
    await checkCase(c, 'cpu', false);
    expect(ran).toEqual(['forward', 'backward']);
  });

  it('runs one kernel each way and never allocates an [L, S] tensor', async () => {
    await setCpuKernels('wasm');
    const sizes: number[] = [];
    const ran: string[] = [];
    cpu.allocate = (dtype, size, contents) => (sizes.push(size), allocate(dtype, size, contents));
    cpu.attention = (views) => (attention(views) ? ran.push('forward') > 0 : false);
    cpu.attentionBackward = (views) => (attentionBackward(views) ? ran.push('backward') > 0 : false);
    const g = new Generator().manualSeed(1);
    const [q, k, v, dOut] = [0, 1, 2, 3].map(() => randn([2, 128, 8], { generator: g }));
    sizes.length = 0;
    const { out, saved } = forwardWithSaved(q, k, v, { causal: true });
    scaledDotProductAttentionBackward(dOut, q, k, v, out, saved);
    expect(ran).toEqual(['forward', 'backward']);
    expect(Math.max(...sizes)).toBeLessThan(128 * 128);
  });

  it('leaves heads too large for its memory to the composition, with the same results', async () => {
    await setCpuKernels('wasm');
    const g = new Generator().manualSeed(2);
    const [q, k, v] = [0, 1, 2].map(() => randn([1, 600, 32], { generator: g })); // 600·32 floats: over a region
    let declined = false;
    cpu.attention = (views) => {
      const r = attention(views);
      declined = !r;
      return r;
    };
    const out = scaledDotProductAttention(q, k, v);
    expect(declined).toBe(true);
    const want = q.matmul(k.mT).div(Math.sqrt(32)).softmax(-1).matmul(v);
    await expectNear(out, want.double(), 1e-5, 'out');
  });
});

describeWebGPU('scaledDotProductAttention on the WGSL kernel', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: the flash-style forward runs and gives the reference', async (_, c) => {
    const gpu = getBackend('webgpu');
    const kernel = gpu.attention!.bind(gpu);
    let ran = 0;
    gpu.attention = (views) => (kernel(views) ? ++ran > 0 : false);
    try {
      await checkCase(c, 'webgpu', false);
    } finally {
      delete (gpu as { attention?: unknown }).attention; // the prototype's method again
    }
    expect(ran).toBe(1);
  });
});
