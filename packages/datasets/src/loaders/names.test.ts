import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../errors.js';
import { loadNames } from './files.js';
import { parseNames } from './names.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';

describe('parseNames', () => {
  it('reads one name a line, with or without a final newline or CRLF endings', () => {
    expect(parseNames('emma\nolivia\nava').names).toEqual(['emma', 'olivia', 'ava']);
    expect(parseNames('emma\r\nava\r\n').names).toEqual(['emma', 'ava']);
    expect(parseNames('').names).toEqual([]);
  });

  it('names the file, line, column and character that is wrong', () => {
    expect(() => parseNames('emma\nzoë', { alphabet: LOWER, source: 'mine.txt' })).toThrow(`mine.txt:2:3: character 'ë' (U+00EB) is not in the alphabet "${LOWER}"`);
    expect(() => parseNames('emma\n\nava', { source: 'n.txt' })).toThrow('n.txt:2: empty line (expected one name a line)');
    expect(() => parseNames('mary ann')).toThrow("<names>:1:5: whitespace ' ' (U+0020) in a name");
    expect(() => parseNames('a.b')).toThrow(/<names>:1:2: character '\.' \(U\+002E\) is the models' boundary token/);
    expect(parseNames('a.b', { boundary: null }).names).toEqual(['a.b']);
    try {
      parseNames('ok\nbad!', { alphabet: LOWER });
    } catch (e) {
      expect(e).toBeInstanceOf(DataFormatError);
      expect((e as DataFormatError).problem).toEqual({ source: '<names>', line: 2, column: 4, message: `character '!' (U+0021) is not in the alphabet "${LOWER}"` });
    }
  });

  it("leaves bad lines out only when asked, and says how many and why", () => {
    const list = parseNames('emma\nZoe\n\nava', { alphabet: LOWER, onInvalid: 'skip' });
    expect(list.names).toEqual(['emma', 'ava']);
    expect(list.dropped).toBe(2);
    expect(list.problems.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe('loadNames', () => {
  it('reads the shipped names list by default', async () => {
    const { names, dropped, source } = await loadNames(undefined, { alphabet: LOWER });
    expect(names.length).toBe(32033);
    expect(names.slice(0, 3)).toEqual(['emma', 'olivia', 'ava']);
    expect(dropped).toBe(0);
    expect(source).toMatch(/data\/names\.txt$/);
  });

  it('reads a path or a file in a cache directory, and errors name the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typegrad-names-'));
    writeFileSync(join(dir, 'names.txt'), 'ann\nbob\n');
    expect((await loadNames(join(dir, 'names.txt'))).names).toEqual(['ann', 'bob']);
    expect((await loadNames({ file: 'names.txt', cacheDir: dir })).names).toEqual(['ann', 'bob']);
    writeFileSync(join(dir, 'bad.txt'), 'ann\nb0b\n');
    await expect(loadNames(join(dir, 'bad.txt'), { alphabet: LOWER })).rejects.toThrow(`${join(dir, 'bad.txt')}:2:2: character '0'`);
    await expect(loadNames(join(dir, 'missing.txt'))).rejects.toThrow(`loadNames: no file at ${join(dir, 'missing.txt')} (typegrad never downloads data`);
  });
});
