import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseTsv } from './delimited.js';
import { loadCsv, loadTsv } from './files.js';

const RATINGS = { userId: 'int', movieId: 'int', rating: 'number' } as const;

describe('parseCsv', () => {
  it('reads typed columns by header name, ignoring the others', () => {
    const table = parseCsv('userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3,1260759179\n', { columns: RATINGS });
    expect(table.rows).toEqual([
      { userId: 1, movieId: 31, rating: 2.5 },
      { userId: 1, movieId: 1029, rating: 3 },
    ]);
    expect(table.header).toEqual(['userId', 'movieId', 'rating', 'timestamp']);
  });

  it('handles quoted fields with commas, doubled quotes and newlines, keeping line numbers right', () => {
    const text = 'id,title\n1,"Toy Story (1995)"\n2,"Hello, ""World"""\n3,"two\nlines"\n4,x\n';
    const table = parseCsv(text, { columns: { id: 'int', title: 'string' } });
    expect(table.rows.map((r) => r.title)).toEqual(['Toy Story (1995)', 'Hello, "World"', 'two\nlines', 'x']);
    expect(() => parseCsv(text.replace('4,x', '4,x,y'), { columns: { id: 'int', title: 'string' }, source: 'm.csv' })).toThrow('m.csv:6: expected 2 fields (id, title), got 3');
  });

  it('says which line, column and value is wrong', () => {
    expect(() => parseCsv('userId,movieId,rating\n1,31,2.5\n1,32,four\n', { columns: RATINGS, source: 'r.csv' })).toThrow(`r.csv:3:3: column 'rating': "four" is not a number`);
    expect(() => parseCsv('userId,movieId,rating\n1.5,31,2\n', { columns: RATINGS })).toThrow(`<table>:2:1: column 'userId': "1.5" is not an integer`);
    expect(() => parseCsv('userId,rating\n1,2\n', { columns: RATINGS, source: 'r.csv' })).toThrow("r.csv:1: missing column 'movieId' (the header has: userId, rating)");
    expect(() => parseCsv('a,a\n', { columns: { a: 'int' } })).toThrow("the header names column 'a' twice");
    expect(() => parseCsv('a\n"open\n1\n', { columns: { a: 'string' } })).toThrow('<table>:2:1: quote opened in field 1 is never closed');
    expect(() => parseCsv('a\n"x"y\n', { columns: { a: 'string' } })).toThrow(`<table>:2:1: unexpected character 'y' after the closing quote of field 1`);
    expect(() => parseCsv('a\n1\n\n2\n', { columns: { a: 'int' } })).toThrow('<table>:3: empty line');
    expect(() => parseCsv('', { columns: { a: 'int' } })).toThrow('<table>:1: no header line (expected the columns a)');
  });

  it('makes empty fields null in optional columns, and reads booleans', () => {
    const table = parseCsv('n,ok,note\n,true,\n2,0,hi\n', { columns: { n: 'int?', ok: 'boolean', note: 'string?' } });
    expect(table.rows).toEqual([
      { n: null, ok: true, note: null },
      { n: 2, ok: false, note: 'hi' },
    ]);
    expect(() => parseCsv('1\n\n', { columns: { n: 'int' }, header: false })).toThrow('<table>:2: empty line');
    expect(() => parseCsv('n\n', { columns: { n: 'float' as never } })).toThrow(/unknown column type "float"/);
  });

  it('reads positional columns without a header', () => {
    expect(parseCsv('1,2.5\n', { columns: { user: 'int', rating: 'number' }, header: false }).rows).toEqual([{ user: 1, rating: 2.5 }]);
  });

  it('skips bad rows only when asked, and reports how many', () => {
    const table = parseCsv('userId,movieId,rating\n1,31,2.5\n1,32,four\n2,7\n3,8,4\n', { columns: RATINGS, onInvalid: 'skip' });
    expect(table.rows.map((r) => r.userId)).toEqual([1, 3]);
    expect(table.dropped).toBe(2);
    expect(table.problems.map((p) => [p.line, p.column])).toEqual([[3, 3], [4, undefined]]);
  });
});

describe('parseTsv, loadCsv and loadTsv', () => {
  it('treats quotes as ordinary characters in TSV', () => {
    const text = 'label\tsource\ttext\n1\timdb\tThe "best" film, really.\n0\tyelp\tMeh.\n';
    const { rows } = parseTsv(text, { columns: { label: 'int', source: 'string', text: 'string' } });
    expect(rows).toEqual([
      { label: 1, source: 'imdb', text: 'The "best" film, really.' },
      { label: 0, source: 'yelp', text: 'Meh.' },
    ]);
  });

  it('read local files and put the path in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typegrad-csv-'));
    writeFileSync(join(dir, 'r.csv'), 'userId,movieId,rating\r\n1,31,2.5\r\n');
    expect((await loadCsv({ file: 'r.csv', cacheDir: dir }, { columns: RATINGS })).rows).toEqual([{ userId: 1, movieId: 31, rating: 2.5 }]);
    writeFileSync(join(dir, 's.tsv'), 'label\ttext\nx\thi\n');
    await expect(loadTsv(join(dir, 's.tsv'), { columns: { label: 'int', text: 'string' } })).rejects.toThrow(`${join(dir, 's.tsv')}:2:1: column 'label': "x" is not an integer`);
  });
});
