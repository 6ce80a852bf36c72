import { isSafetensorsDType, itemSize, type SafetensorsDType } from './dtypes.js';

/** The largest header the reader accepts, as the reference implementation (a guard against hostile lengths). */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor as the header describes it; `begin`/`end` are byte offsets into the data section. */
export interface TensorEntry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  numel: number;
  begin: number;
  end: number;
}

/** A validated header: entries in data order, the free-form metadata, and where the data section starts. */
export interface Header {
  entries: TensorEntry[];
  metadata: Record<string, string>;
  dataStart: number;
}

const fail = (message: string): never => {
  throw new Error(`safetensors: ${message}`);
};

/**
 * Reads and validates the length prefix and JSON header of a `.safetensors` file, checking that the entries
 * tile the data section exactly, before anything is allocated for tensor data.
 */
export function readHeader(bytes: Uint8Array): Header {
  if (bytes.length < 8) fail(`input is ${bytes.length} bytes, shorter than the 8-byte header length that starts every file`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) fail(`header length ${declared} is larger than the ${MAX_HEADER_BYTES}-byte maximum (corrupt file?)`);
  const headerLength = Number(declared);
  if (headerLength > bytes.length - 8) {
    fail(`header length ${headerLength} is larger than the ${bytes.length - 8} bytes that follow it (truncated file?)`);
  }
  const dataStart = 8 + headerLength;
  const json = parseJson(bytes.subarray(8, dataStart));
  const metadata = readMetadata(json.__metadata__);
  const entries = Object.keys(json)
    .filter((name) => name !== '__metadata__')
    .map((name) => readEntry(name, json[name]));
  checkLayout(entries, bytes.length - dataStart);
  return { entries, metadata, dataStart };
}

function parseJson(headerBytes: Uint8Array): Record<string, unknown> {
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    fail('header is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    fail(`header must be a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) fail(`header names '${duplicate}' more than once`);
  return json as Record<string, unknown>;
}

function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(`__metadata__ must be an object of strings, got ${describe(value)}`);
  const metadata = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') fail(`__metadata__ values must be strings, but '${key}' is ${describe(v)}`);
  }
  return { ...(metadata as Record<string, string>) };
}

function readEntry(name: string, value: unknown): TensorEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`tensor '${name}' must be an object with dtype, shape and data_offsets, got ${describe(value)}`);
  }
  const info = value as Record<string, unknown>;
  for (const field of ['dtype', 'shape', 'data_offsets']) {
    if (!(field in info)) fail(`tensor '${name}' is missing '${field}'`);
  }
  const { dtype, shape, data_offsets: offsets } = info;
  if (!isSafetensorsDType(dtype)) fail(`tensor '${name}' has unknown dtype ${JSON.stringify(dtype)}`);
  const isCount = (d: unknown): d is number => Number.isSafeInteger(d) && (d as number) >= 0;
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    fail(`tensor '${name}' has shape ${JSON.stringify(shape)}; a shape must be a list of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    fail(`tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; expected [begin, end], non-negative integers with begin <= end`);
  }
  const dims = shape as number[];
  const [begin, end] = offsets as [number, number];
  const numel = dims.includes(0) ? 0 : dims.reduce((a, b) => a * b, 1);
  const needed = numel * itemSize(dtype as SafetensorsDType);
  if (!Number.isSafeInteger(needed)) fail(`tensor '${name}' has shape [${dims.join(', ')}], too large to address`);
  if (end - begin !== needed) {
    fail(`tensor '${name}' has ${end - begin} bytes (data_offsets [${begin}, ${end}]) but dtype ${dtype} and shape [${dims.join(', ')}] need ${needed}`);
  }
  return { name, dtype: dtype as SafetensorsDType, shape: dims, numel, begin, end };
}

/** Sorts entries into data order and checks they cover `[0, dataLength)` exactly, without gaps or overlaps. */
function checkLayout(entries: TensorEntry[], dataLength: number): void {
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  let previous: TensorEntry | undefined;
  for (const entry of entries) {
    const after = previous ? `tensor '${previous.name}' ends` : 'the data section starts';
    if (entry.begin < position) fail(`tensor '${entry.name}' starts at byte ${entry.begin} but ${after} at byte ${position} (data_offsets overlap)`);
    if (entry.begin > position) fail(`tensor '${entry.name}' starts at byte ${entry.begin} but ${after} at byte ${position} (a gap in the data)`);
    if (entry.end > dataLength) {
      fail(`tensor '${entry.name}' ends at byte ${entry.end}, past the end of the ${dataLength}-byte data section (truncated file?)`);
    }
    position = entry.end;
    previous = entry;
  }
  if (position !== dataLength) fail(`the tensors cover ${position} bytes but the data section has ${dataLength} (data_offsets must cover it exactly)`);
}

/**
 * The first key that appears twice in one object of a valid JSON text (`JSON.parse` silently keeps the last).
 * A small scanner: strings are skipped whole, and a string is a key when it follows `{` or `,` inside an object.
 */
function firstDuplicateKey(text: string): string | undefined {
  const objects: (Set<string> | null)[] = []; // null marks an array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const keys = objects[objects.length - 1]!;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      objects.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      objects.push(null);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      objects.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = objects[objects.length - 1] !== null;
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
