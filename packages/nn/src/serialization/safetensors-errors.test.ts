import { describe, expect, it } from 'vitest';
import { parseSafetensors } from './safetensors.js';

/** A file with the given header text (or object, as JSON) and data bytes; `length` overrides the length prefix. */
function file(header: string | object, data: ArrayLike<number> = [], length?: bigint): Uint8Array {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const f32 = (shape: number[], begin: number, end: number) => ({ dtype: 'F32', shape, data_offsets: [begin, end] });

/** Parsing `bytes` fails with a message that starts with `safetensors:` and matches `pattern`. */
function expectError(bytes: Uint8Array, pattern: RegExp | string): void {
  let error: Error | undefined;
  try {
    parseSafetensors(bytes);
  } catch (e) {
    error = e as Error;
  }
  expect(error, 'parsing should fail').toBeInstanceOf(Error);
  expect(error!.message).toMatch(/^safetensors: /);
  expect(error!.message).toMatch(pattern);
}

describe('malformed files', () => {
  it('accepts the smallest valid file and padded headers', () => {
    expect(parseSafetensors(file('{}      '))).toEqual({ tensors: {}, metadata: {} });
    expect(Object.keys(parseSafetensors(file(` { "w": ${JSON.stringify(f32([1], 0, 4))} }  `, [0, 0, 128, 63])).tensors)).toEqual(['w']);
  });

  it('rejects input shorter than the length prefix', () => {
    expectError(new Uint8Array(0), 'input is 0 bytes, shorter than the 8-byte header length');
    expectError(new Uint8Array(5), 'input is 5 bytes');
  });

  it('rejects a header length past the end of the file', () => {
    expectError(file('{}', [], 100n), 'header length 100 is larger than the 2 bytes that follow it (truncated file?)');
    expectError(file('{}').subarray(0, 9), 'header length 2 is larger than the 1 bytes that follow it');
  });

  it('rejects a header length over the maximum without allocating it', () => {
    expectError(file('{}', [], 100_000_001n), 'header length 100000001 is larger than the 100000000-byte maximum');
    expectError(file('{}', [], 2n ** 64n - 1n), 'header length 18446744073709551615 is larger than the 100000000-byte maximum');
  });

  it('rejects a header that is not UTF-8, not JSON or not an object', () => {
    const bad = file('{"w":1}');
    bad[10] = 0xff;
    expectError(bad, 'header is not valid UTF-8');
    expectError(file('{"w":'), /header is not valid JSON \(.+\)/);
    expectError(file('\uFEFF{}'), 'header is not valid JSON'); // a byte-order mark is not JSON whitespace
    expectError(file('[1, 2]'), 'header must be a JSON object, got an array');
    expectError(file('null'), 'header must be a JSON object, got null');
    expectError(file('"{}"'), 'header must be a JSON object, got string');
    expectError(file('        '), 'header is not valid JSON');
  });

  it('rejects duplicate names, including within __metadata__', () => {
    const w = JSON.stringify(f32([1], 0, 4));
    expectError(file(`{"w":${w},"w":${w}}`, [0, 0, 0, 0]), "header names 'w' more than once");
    expectError(file(`{"\\u0077":${w},"w":${w}}`, [0, 0, 0, 0]), "header names 'w' more than once"); // same key, escaped
    expectError(file('{"__metadata__":{"a":"1","a":"2"}}'), "header names 'a' more than once");
    // the same key in different objects, or a key-like string among values, is fine
    expect(parseSafetensors(file('{"__metadata__":{"w":"w","x":"[\\"w\\",{"}}')).metadata).toEqual({ w: 'w', x: '["w",{' });
  });

  it('rejects malformed __metadata__', () => {
    expectError(file({ __metadata__: ['a'] }), '__metadata__ must be an object of strings, got an array');
    expectError(file({ __metadata__: { epoch: 3 } }), "__metadata__ values must be strings, but 'epoch' is number 3");
    expect(parseSafetensors(file({ __metadata__: null })).metadata).toEqual({});
  });

  it('rejects entries that are not objects or lack a field', () => {
    expectError(file({ w: 3 }), "tensor 'w' must be an object with dtype, shape and data_offsets, got number 3");
    expectError(file({ w: [] }), "tensor 'w' must be an object with dtype, shape and data_offsets, got an array");
    expectError(file({ w: { shape: [1], data_offsets: [0, 4] } }, [0, 0, 0, 0]), "tensor 'w' is missing 'dtype'");
    expectError(file({ w: { dtype: 'F32', data_offsets: [0, 4] } }, [0, 0, 0, 0]), "tensor 'w' is missing 'shape'");
    expectError(file({ w: { dtype: 'F32', shape: [1] } }, [0, 0, 0, 0]), "tensor 'w' is missing 'data_offsets'");
  });

  it('rejects unknown dtypes, and known ones typegrad cannot hold', () => {
    expectError(file({ w: { ...f32([1], 0, 4), dtype: 'F33' } }, [0, 0, 0, 0]), `tensor 'w' has unknown dtype "F33"`);
    expectError(file({ w: { ...f32([1], 0, 4), dtype: 7 } }, [0, 0, 0, 0]), "tensor 'w' has unknown dtype 7");
    expectError(file({ w: { ...f32([1], 0, 8), dtype: 'U64' } }, new Uint8Array(8)), "tensor 'w' has dtype U64, which typegrad cannot load (supported: F32");
  });

  it('rejects shapes that are not lists of non-negative integers', () => {
    for (const shape of [[2, -1], [1.5], '3', [2, 'a'], null, [2 ** 53]]) {
      expectError(file({ w: { ...f32([], 0, 4), shape } }, [0, 0, 0, 0]), `tensor 'w' has shape ${JSON.stringify(shape)}; a shape must be a list of non-negative integers`);
    }
    expectError(file({ w: f32([2 ** 40, 2 ** 40], 0, 4) }, [0, 0, 0, 0]), `tensor 'w' has shape [${2 ** 40}, ${2 ** 40}], too large to address`);
  });

  it('rejects data_offsets that are not [begin, end]', () => {
    for (const offsets of [[0], [0, 4, 8], [4, 0], [-1, 3], [0, 1.5], 'x', null]) {
      expectError(file({ w: { ...f32([1], 0, 4), data_offsets: offsets } }, [0, 0, 0, 0]), `tensor 'w' has data_offsets ${JSON.stringify(offsets)}; expected [begin, end]`);
    }
  });

  it('rejects a byte range that disagrees with shape and dtype', () => {
    expectError(file({ w: f32([2, 2], 0, 12) }, new Uint8Array(12)), "tensor 'w' has 12 bytes (data_offsets [0, 12]) but dtype F32 and shape [2, 2] need 16");
    expectError(file({ w: { dtype: 'I64', shape: [], data_offsets: [0, 4] } }, new Uint8Array(4)), 'dtype I64 and shape [] need 8');
  });

  it('rejects overlapping ranges, gaps and data not covered exactly', () => {
    expectError(file({ a: f32([2], 0, 8), b: f32([2], 4, 12) }, new Uint8Array(12)), "tensor 'b' starts at byte 4 but tensor 'a' ends at byte 8 (data_offsets overlap)");
    expectError(file({ a: f32([2], 0, 8), b: f32([2], 0, 8) }, new Uint8Array(16)), 'data_offsets overlap');
    expectError(file({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, new Uint8Array(12)), "tensor 'b' starts at byte 8 but tensor 'a' ends at byte 4 (a gap in the data)");
    expectError(file({ a: f32([1], 4, 8) }, new Uint8Array(8)), "tensor 'a' starts at byte 4 but the data section starts at byte 0 (a gap in the data)");
    expectError(file({ a: f32([1], 0, 4) }, new Uint8Array(8)), 'the tensors cover 4 bytes but the data section has 8 (data_offsets must cover it exactly)');
    expectError(file({}, [1]), 'the tensors cover 0 bytes but the data section has 1');
  });

  it('rejects ranges past the end of the data, as in a truncated file, before allocating', () => {
    const whole = file({ a: f32([2], 0, 8) }, new Uint8Array(8));
    expectError(whole.subarray(0, whole.length - 3), "tensor 'a' ends at byte 8, past the end of the 5-byte data section (truncated file?)");
    // a header that claims a terabyte: the range check fails before anything that size is made
    expectError(file({ a: f32([250_000_000_000], 0, 1e12) }, new Uint8Array(4)), "tensor 'a' ends at byte 1000000000000, past the end of the 4-byte data section");
  });

  it('reads empty tensors at any position, in order of their offsets', () => {
    const bytes = file({ z: f32([0], 4, 4), a: f32([1], 0, 4), e: f32([3, 0], 4, 4) }, [0, 0, 128, 63]);
    const { tensors } = parseSafetensors(bytes);
    expect(Object.keys(tensors)).toEqual(['a', 'z', 'e']);
    expect(tensors.e.shape).toEqual([3, 0]);
  });
});

describe('converting integer dtypes', () => {
  /** An I64 tensor holding `values`. */
  function int64File(values: bigint[]): Uint8Array {
    const data = new Uint8Array(values.length * 8);
    values.forEach((v, i) => new DataView(data.buffer).setBigInt64(i * 8, v, true));
    return file({ ids: { dtype: 'I64', shape: [values.length], data_offsets: [0, data.length] } }, data);
  }

  it('narrows int64 values that fit in int32', async () => {
    const { tensors } = parseSafetensors(int64File([0n, -1n, 2147483647n, -2147483648n]));
    expect(tensors.ids.dtype).toBe('int32');
    expect(await tensors.ids.toArray()).toEqual([0, -1, 2147483647, -2147483648]);
  });

  it('names the tensor and the first value that does not fit', () => {
    expectError(int64File([1n, 2147483648n]), "tensor 'ids' (I64) holds 2147483648 at element 1, which does not fit in int32");
    expectError(int64File([-2147483649n]), 'holds -2147483649 at element 0');
    expectError(int64File([-(2n ** 63n)]), 'holds -9223372036854775808 at element 0');
    expectError(int64File([4294967296n]), 'holds 4294967296 at element 0');
  });

  it('widens small integers and halves exactly', async () => {
    const data = new Uint8Array([0xff, 0x80, 0x00, 0x80, 0xff, 0x7f, 0x01, 0x00, 0x00, 0x7c, 0x01, 0x80]);
    const { tensors } = parseSafetensors(
      file(
        {
          u8: { dtype: 'U8', shape: [1], data_offsets: [0, 1] },
          i8: { dtype: 'I8', shape: [1], data_offsets: [1, 2] },
          i16: { dtype: 'I16', shape: [2], data_offsets: [2, 6] },
          u16: { dtype: 'U16', shape: [1], data_offsets: [6, 8] },
          f16: { dtype: 'F16', shape: [2], data_offsets: [8, 12] },
        },
        data,
      ),
    );
    expect(await tensors.u8.toArray()).toEqual([255]);
    expect(await tensors.i8.toArray()).toEqual([-128]);
    expect(await tensors.i16.toArray()).toEqual([-32768, 32767]);
    expect(await tensors.u16.toArray()).toEqual([1]);
    expect(await tensors.f16.toArray()).toEqual([Infinity, -(2 ** -24)]); // 0x7c00 and the smallest negative subnormal
    expect(tensors.f16.dtype).toBe('float32');
  });
});
