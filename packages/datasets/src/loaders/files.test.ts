import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultCacheDir, loadShakespeare, resolveLocation } from './files.js';

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

describe('the tiny Shakespeare text', () => {
  it('ships with the package, whole', async () => {
    const { text } = await loadShakespeare();
    expect(text.length).toBe(1_115_394);
    expect(text.startsWith('First Citizen:\nBefore we proceed any further, hear me speak.')).toBe(true);
    expect(new Set(text).size).toBe(65); // nanoGPT's shakespeare_char vocabulary
  });
});
