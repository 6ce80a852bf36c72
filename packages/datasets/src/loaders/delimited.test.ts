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

  it('refuses booleans spelled as Object members, with the place in the file', () => {
    for (const word of ['constructor', '__proto__', 'toString']) {
      expect(() => parseCsv(`ok\ntrue\n${word}\n`, { columns: { ok: 'boolean' }, source: 'b.csv' }))
        .toThrow(`b.csv:3:1: column 'ok': "${word}" is not a boolean (true, false, 1 or 0, in any letter case)`);
    }
    expect(parseCsv('ok\nTRUE\n 0 \n', { columns: { ok: 'boolean' } }).rows).toEqual([{ ok: true }, { ok: false }]);
  });

  it('reads numbers as finite decimals and ints within int32, naming the place of anything else', () => {
    const read = (column: string, spec: 'number' | 'int'): unknown => parseCsv(`id,x\n1,2\n2,${column}\n`, { columns: { id: 'int', x: spec }, source: 'n.csv' }).rows;
    expect(() => read('1e999', 'number')).toThrow(`n.csv:3:2: column 'x': "1e999" is out of range (a number must be finite: at most about 1.8e308 in size)`);
    for (const text of ['Infinity', '-Infinity', 'NaN', '0x10', '1_000', 'inf']) {
      expect(() => read(text, 'number')).toThrow(`n.csv:3:2: column 'x': ${JSON.stringify(text)} is not a number (expected decimal notation such as 42, -0.5 or 1.5e-3; not Infinity, NaN, hex or digit separators)`);
    }
    expect(() => read('  ', 'number')).toThrow(`n.csv:3:2: column 'x': is empty (expected a number)`);
    expect(parseCsv('x\n  \n', { columns: { x: 'number?' } }).rows).toEqual([{ x: null }]);
    expect(read(' 2.5e3 ', 'number')).toEqual([{ id: 1, x: 2 }, { id: 2, x: 2500 }]);
    expect(() => read('4294967296', 'int')).toThrow(`n.csv:3:2: column 'x': "4294967296" is out of range for an int column (-2147483648 to 2147483647, int32; read larger integers as 'number')`);
    expect(() => read('2147483648', 'int')).toThrow(`n.csv:3:2: column 'x': "2147483648" is out of range for an int column`);
    expect(read('-2147483648', 'int')).toEqual([{ id: 1, x: 2 }, { id: 2, x: -2147483648 }]);
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
