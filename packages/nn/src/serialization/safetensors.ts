/**
 * State dicts as `.safetensors` files, the format PyTorch users exchange weights in.
 *
 * A file is an 8-byte little-endian length N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte
 * range (plus an optional `__metadata__` object of strings), then the raw little-endian data. The writer lays
 * files out as the reference implementation does (tensors sorted by dtype alignment, then name; the header
 * padded with spaces to a multiple of 8 bytes), so the bytes match what `safetensors.torch.save_file` writes
 * for the same tensors (and at most one metadata key). The reader validates everything before it allocates tensor data.
 */
import { tensor, Tensor, type Device } from '@typegrad/tensor';
import { decodeElements, dtypeRank, itemSize, LOADABLE_DTYPES, loadsAs, toLittleEndianBytes, writesAs } from './dtypes.js';
import { readHeader } from './header.js';

/** Options for reading tensors out of a `.safetensors` file. */
export interface LoadSafetensorsOptions {
  /** Device the loaded tensors are created on; the default device when omitted. */
  device?: Device;
}

/** What a `.safetensors` file holds: its tensors by name, and its free-form string metadata. */
export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

const fail = (message: string): never => {
  throw new Error(`safetensors: ${message}`);
};

/**
 * Encodes named tensors (a state dict) as the bytes of a `.safetensors` file.
 *
 * float32, float64, int32 and bool tensors are written as F32, F64, I32 and BOOL. Views (transposes, slices,
 * broadcasts) are written as contiguous copies of their values, and tensors on any device are read back first,
 * hence the `async`. `metadata` is stored as the header's `__metadata__` (omitted when not given; its keys keep
 * the object's order, where the reference writer's order is unspecified). Tensor data is laid out as the
 * reference implementation lays it out, so PyTorch's `safetensors.torch.load_file` reads the result unchanged.
 *
 * @param tensors - tensors by name (the name `__metadata__` is reserved by the format).
 * @param metadata - optional string-to-string information, such as `{ format: 'pt' }`.
 * @example
 * const bytes = await serializeSafetensors({ 'fc.weight': randn([4, 3]), 'fc.bias': zeros([4]) }, { format: 'pt' });
 * const { tensors } = parseSafetensors(bytes);
 */
export async function serializeSafetensors(tensors: Record<string, Tensor>, metadata?: Record<string, string>): Promise<Uint8Array> {
  if (typeof tensors !== 'object' || tensors === null) fail(`expected an object of tensors by name, got ${String(tensors)}`);
  const encoder = new TextEncoder();
  const items = Object.entries(tensors).map(([name, t]) => {
    if (!(t instanceof Tensor)) fail(`'${name}' is not a Tensor (got ${t === null ? 'null' : typeof t})`);
    if (name === '__metadata__') fail("a tensor cannot be named '__metadata__'; the format reserves that key for metadata");
    checkUnicode(name, `tensor name '${name}'`);
    return { name, tensor: t, dtype: writesAs(t.dtype), nameBytes: encoder.encode(name) };
  });
  if (metadata !== undefined) checkMetadata(metadata);
  // highest alignment first keeps every tensor aligned to its element size; ties break by name, in UTF-8 byte order
  items.sort((a, b) => dtypeRank(b.dtype) - dtypeRank(a.dtype) || compareBytes(a.nameBytes, b.nameBytes));

  const values = await Promise.all(items.map((item) => item.tensor.data()));
  const entries: string[] = metadata === undefined ? [] : [`"__metadata__":${JSON.stringify(metadata)}`];
  let offset = 0;
  items.forEach((item, i) => {
    const size = values[i].length * itemSize(item.dtype);
    entries.push(`${JSON.stringify(item.name)}:{"dtype":"${item.dtype}","shape":[${item.tensor.shape.join(',')}],"data_offsets":[${offset},${offset + size}]}`);
    offset += size;
  });
  const json = encoder.encode(`{${entries.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8; // padded with spaces so the data starts 8-byte aligned

  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let position = 8 + headerLength;
  for (const v of values) {
    out.set(toLittleEndianBytes(v), position);
    position += v.byteLength;
  }
  return out;
}

/**
 * Decodes the bytes of a `.safetensors` file into tensors and metadata.
 *
 * F32, F64, I32 and BOOL load as float32, float64, int32 and bool. Other dtypes are converted to the nearest
 * typegrad dtype: F16 and BF16 to float32 (exactly), U8, I8, I16 and U16 to int32 (exactly), and I64 to int32
 * when every value fits (an error names the tensor and the first value that does not). U32, U64 and FP8 are
 * rejected. Malformed input (truncated, a header that is not a JSON object, missing fields, unknown dtypes,
 * offsets that overlap, leave gaps or disagree with shape × dtype, duplicate names) throws an error that says
 * what is wrong, before any tensor memory is allocated.
 *
 * @param bytes - the whole file.
 * @param opts - `device` for the new tensors.
 * @example
 * const response = await fetch('model.safetensors');
 * const { tensors, metadata } = parseSafetensors(new Uint8Array(await response.arrayBuffer()));
 * tensors['fc.weight'].shape; // [4, 3]
 */
export function parseSafetensors(bytes: Uint8Array, opts: LoadSafetensorsOptions = {}): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) fail(`expected the file's bytes as a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`);
  bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a plain view, also of a Node Buffer
  const { entries, metadata, dataStart } = readHeader(bytes);
  for (const { name, dtype } of entries) {
    if (loadsAs(dtype) === undefined) fail(`tensor '${name}' has dtype ${dtype}, which typegrad cannot load (supported: ${LOADABLE_DTYPES})`);
  }
  const loaded = entries.map((entry): [string, Tensor] => {
    const raw = bytes.subarray(dataStart + entry.begin, dataStart + entry.end);
    const values = decodeElements(entry.dtype, raw, entry.numel, (value, index) =>
      fail(`tensor '${entry.name}' (I64) holds ${value} at element ${index}, which does not fit in int32, typegrad's integer dtype`),
    );
    return [entry.name, tensor(values, { dtype: loadsAs(entry.dtype), shape: entry.shape, device: opts.device })];
  });
  return { tensors: Object.fromEntries(loaded), metadata };
}

function checkMetadata(metadata: Record<string, string>): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) fail('metadata must be an object of strings');
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') fail(`metadata values must be strings, but '${key}' is ${typeof value}`);
    checkUnicode(key, `metadata key '${key}'`);
    checkUnicode(value, `metadata value of '${key}'`);
  }
}

/** Lone UTF-16 surrogates have no UTF-8 form; other readers would reject the header, so refuse to write one. */
function checkUnicode(text: string, what: string): void {
  if (/\p{Cs}/u.test(text)) fail(`${what} contains a lone UTF-16 surrogate, which UTF-8 cannot encode`);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
