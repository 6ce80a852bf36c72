import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeUtf8, defaultCacheDir, resolveLocation, splitLines } from './source.js';

describe('file locations', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('resolve a file in a cache directory, $TYPEGRAD_DATA_DIR by default', async () => {
    expect(await resolveLocation({ file: 'a.csv', cacheDir: '/data' })).toBe(join('/data', 'a.csv'));
    vi.stubEnv('TYPEGRAD_DATA_DIR', '/srv/typegrad');
    expect(await defaultCacheDir()).toBe('/srv/typegrad');
    expect(await resolveLocation({ file: 'names.txt' })).toBe(join('/srv/typegrad', 'names.txt'));
    vi.stubEnv('TYPEGRAD_DATA_DIR', '');
    expect(await defaultCacheDir()).toMatch(/\.cache[/\\]typegrad[/\\]datasets$/);
    expect(await resolveLocation('x.txt')).toBe('x.txt');
  });
});

describe('text helpers', () => {
  it('split lines at LF and CRLF, without an empty last line', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual([]);
  });

  it('decode UTF-8, naming the line of the first bad byte', () => {
    expect(decodeUtf8(new TextEncoder().encode('zoë\n'), 'n.txt')).toBe('zoë\n');
    expect(() => decodeUtf8(Uint8Array.from([0x61, 0x0a, 0xc3]), 'n.txt')).toThrow('n.txt:2: the bytes are not valid UTF-8 text');
  });
});
