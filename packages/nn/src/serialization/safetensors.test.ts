import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arange, tensor, zeros, type Tensor } from '@typegrad/tensor';
import { parseSafetensors, serializeSafetensors } from './safetensors.js';
import { loadSafetensors, saveSafetensors } from './safetensors-files.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A tensor's dtype, shape and values, for comparing with plain expectations. */
async function describeTensor(t: Tensor) {
  return { dtype: t.dtype, shape: [...t.shape], values: Array.from(await t.data()) };
}

/** The values of the file in fixtures/ that PyTorch wrote, as its JSON companion records them. */
interface ExpectedFile {
  metadata: Record<string, string>;
  tensors: Record<string, { dtype: string; shape: number[]; values: (number | boolean | string)[] }>;
}
const fromJson = (v: number | boolean | string) => Number(v); // booleans, and 'Infinity' and 'NaN' stored as strings

describe('reading files written by PyTorch', () => {
  it('loads every dtype, converting the ones typegrad lacks', async () => {
    const expected = JSON.parse(await readFile(fixture('torch_dtypes.json'), 'utf8')) as ExpectedFile;
    const { tensors, metadata } = await loadSafetensors(fixture('torch_dtypes.safetensors'));
    expect(metadata).toEqual(expected.metadata);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected.tensors).sort());
    const loadsAs: Record<string, string> = {
      float32: 'float32', float64: 'float64', bool: 'bool', int64: 'int32', float16: 'float32', bfloat16: 'float32',
      uint8: 'int32', int8: 'int32', int16: 'int32',
    };
    for (const [name, want] of Object.entries(expected.tensors)) {
      expect(await describeTensor(tensors[name]), name).toEqual({ dtype: loadsAs[want.dtype], shape: want.shape, values: want.values.map(fromJson) });
    }
  });

  it('names the tensor and the value when an int64 does not fit in int32', async () => {
    await expect(loadSafetensors(fixture('torch_int64_overflow.safetensors'))).rejects.toThrow(
      /^safetensors: .*torch_int64_overflow\.safetensors: tensor 'ids' \(I64\) holds 2147483648 at element 1, which does not fit in int32/,
    );
  });

  it('reads from a view of a larger buffer at any alignment', async () => {
    const file = await readFile(fixture('torch_dtypes.safetensors'));
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    const { tensors } = parseSafetensors(padded.subarray(3));
    expect(await tensors.f64.toArray()).toEqual([Math.PI, -1e300, 5e-324]);
    expect(await tensors.i16.toArray()).toEqual([[-32768], [32767]]);
  });
});

/** The same tensors as `reference_writable()` in fixtures/make_safetensors_fixtures.py. */
function referenceWritable(): Record<string, Tensor> {
  return {
    'layer.10.weight': arange(6).reshape([2, 3]).float().mul(0.5).sub(1),
    'layer.2.weight': tensor([[0.1, -0.2]], { dtype: 'float64' }),
    'layer.2.bias': tensor([1e-3], { dtype: 'float64' }),
    idx: tensor([3, -1, 2 ** 31 - 1], { dtype: 'int32' }),
    mask: tensor([[true, false], [false, true]]),
    step: tensor(42, { dtype: 'int32' }),
    empty: zeros([0]),
  };
}

/** Views whose values `typegrad_written_expected()` in the fixture script computes with PyTorch. */
function typegradWritten(): Record<string, Tensor> {
  return {
    weight_t: arange(12).reshape([3, 4]).float().T,
    every_third: arange(10, undefined, 1, { dtype: 'float64' }).mul(0.25).slice(0, 1, null, 3),
    expanded: tensor([1, 2, 3], { dtype: 'int32' }).expand(2, 3),
    positive: tensor([-1, 0, 2.5]).gt(0),
    scalar: tensor(-3.5),
    empty: zeros([2, 0], { dtype: 'int32' }),
    'ünïcode': tensor([1]),
  };
}

describe('writing files PyTorch reads', () => {
  it('writes the same bytes as the reference writer', async () => {
    const reference = new Uint8Array(await readFile(fixture('reference_writable.safetensors')));
    expect(await serializeSafetensors(referenceWritable(), { format: 'pt' })).toEqual(reference);
  });

  it('lays out the header as the reference implementation does', async () => {
    // a 64-byte header needs no padding; the data follows it directly
    const header = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    const values = new Float32Array([0, 1, 2, 3, 4, 5]);
    const bytes = await serializeSafetensors({ 'attn.0': tensor(values, { shape: [1, 2, 3] }) });
    expect(bytes).toEqual(concat(u64(64), utf8(header), new Uint8Array(values.buffer)));
    // a shorter name is padded with spaces to keep the data 8-byte aligned
    const padded = await serializeSafetensors({ attn0: tensor(values, { shape: [1, 1, 2, 3] }) });
    const header2 = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ';
    expect(padded).toEqual(concat(u64(72), utf8(header2), new Uint8Array(values.buffer)));
    expect(await serializeSafetensors({})).toEqual(concat(u64(8), utf8('{}      ')));
    expect(await serializeSafetensors({}, { framework: 'pt' })).toEqual(concat(u64(40), utf8('{"__metadata__":{"framework":"pt"}}     ')));
  });

  it('orders tensors by dtype, then by name in UTF-8 byte order', async () => {
    const bytes = await serializeSafetensors({
      '\u{1F600}': tensor([1]), // UTF-8 F0 9F.. (UTF-16 D83D..)
      '\uFF01': tensor([2]), // UTF-8 EF BC 81 (UTF-16 FF01): first in byte order, last in UTF-16 order
      flag: tensor([true]),
      w: tensor([3], { dtype: 'float64' }),
    });
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true)))));
    expect(Object.keys(header)).toEqual(['w', '\uFF01', '\u{1F600}', 'flag']);
    expect(header['\uFF01'].data_offsets).toEqual([8, 12]);
  });

  it('writes views contiguously, as the committed file PyTorch reads (fixtures/typegrad_written.safetensors)', async () => {
    const bytes = await serializeSafetensors(typegradWritten(), { format: 'pt' });
    const path = fixture('typegrad_written.safetensors');
    // regenerate with UPDATE_SAFETENSORS_FIXTURES=1, then check it with fixtures/make_safetensors_fixtures.py
    if (process.env.UPDATE_SAFETENSORS_FIXTURES) await writeFile(path, bytes);
    expect(bytes).toEqual(new Uint8Array(await readFile(path)));
    const { tensors } = parseSafetensors(bytes);
    expect(await tensors.weight_t.toArray()).toEqual([[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]]);
    expect(await tensors.every_third.toArray()).toEqual([0.25, 1, 1.75]);
    expect(await tensors.expanded.toArray()).toEqual([[1, 2, 3], [1, 2, 3]]);
  });
});

describe('round trips', () => {
  it('keeps every dtype, shape and value, including special floats, 0-d and empty tensors', async () => {
    const original: Record<string, Tensor> = {
      f32: tensor(new Float32Array([NaN, Infinity, -Infinity, -0, 1e-45, 3.4028234663852886e38, 0.1]), { shape: [7] }),
      f64: tensor(new Float64Array([NaN, -Infinity, -0, 5e-324, Number.MAX_VALUE, 0.1]), { shape: [2, 3] }),
      i32: tensor(new Int32Array([-(2 ** 31), -1, 0, 2 ** 31 - 1]), { shape: [2, 1, 2] }),
      b: tensor([[true, false, true]]),
      f32_scalar: tensor(2.5),
      i32_scalar: tensor(7, { dtype: 'int32' }),
      f64_empty: zeros([3, 0, 2], { dtype: 'float64' }),
      bool_empty: zeros([0], { dtype: 'bool' }),
    };
    const metadata = { format: 'pt', 'ключ': 'значение 🙂', empty: '', quote: '"\\\n' };
    const { tensors, metadata: readBack } = parseSafetensors(await serializeSafetensors(original, metadata));
    expect(readBack).toEqual(metadata);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(original).sort());
    for (const [name, t] of Object.entries(original)) {
      expect(await describeTensor(tensors[name]), name).toEqual(await describeTensor(t));
    }
  });

  it('creates the tensors on the requested device', async () => {
    const { tensors } = parseSafetensors(await serializeSafetensors({ x: tensor([1, 2]) }), { device: 'cpu' });
    expect(tensors.x.device).toBe('cpu');
  });

  it('refuses what the format cannot hold', async () => {
    await expect(serializeSafetensors({ __metadata__: tensor([1]) })).rejects.toThrow("safetensors: a tensor cannot be named '__metadata__'");
    await expect(serializeSafetensors({ w: [1, 2] as never })).rejects.toThrow("safetensors: 'w' is not a Tensor (got object)");
    await expect(serializeSafetensors({ w: tensor([1]) }, { epoch: 3 as never })).rejects.toThrow("safetensors: metadata values must be strings, but 'epoch' is number");
    await expect(serializeSafetensors({ 'bad\uD800': tensor([1]) })).rejects.toThrow('safetensors: tensor name');
    await expect(serializeSafetensors({}, { note: '\uDC00' })).rejects.toThrow('lone UTF-16 surrogate');
  });
});

describe('saving and loading files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'typegrad-safetensors-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves atomically and loads back', async () => {
    const path = join(dir, 'model.safetensors');
    await saveSafetensors(path, { w: tensor([[1, 2], [3, 4]]) }, { format: 'pt' });
    await saveSafetensors(path, { w: tensor([[5, 6], [7, 8]]) }); // replaces the file
    expect(await readdir(dir)).toEqual(['model.safetensors']);
    const { tensors, metadata } = await loadSafetensors(path);
    expect(metadata).toEqual({});
    expect(await tensors.w.toArray()).toEqual([[5, 6], [7, 8]]);
  });

  it('leaves the target and the directory untouched when serialisation fails', async () => {
    const path = join(dir, 'model.safetensors');
    await saveSafetensors(path, { w: tensor([1]) });
    const before = await readFile(path);
    await expect(saveSafetensors(path, { w: tensor([2]), v: 'oops' as never })).rejects.toThrow("safetensors: 'v' is not a Tensor");
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual(['model.safetensors']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const path = join(dir, 'taken');
    await mkdir(path); // a directory cannot be replaced by a file
    await writeFile(join(path, 'keep'), 'x');
    await expect(saveSafetensors(path, { w: tensor([1]) })).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readdir(path)).toEqual(['keep']);
  });

  it('names the file in errors', async () => {
    const path = join(dir, 'short.safetensors');
    await writeFile(path, new Uint8Array(3));
    await expect(loadSafetensors(path)).rejects.toThrow(`safetensors: ${path}: input is 3 bytes`);
    await expect(loadSafetensors(join(dir, 'missing.safetensors'))).rejects.toThrow('ENOENT');
  });
});

function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
