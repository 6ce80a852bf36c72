import { describe, expect, it } from 'vitest';
import { parseJsTiktokenRanks, parseTiktokenFile, rankTableFromPairs } from './rank-table.js';

const tokens = (t: ReturnType<typeof parseTiktokenFile>): [string, number][] =>
  Array.from({ length: t.count }, (_, i) => [String.fromCharCode(...t.bytes.subarray(t.offsets[i], t.offsets[i + 1])), t.ranks[i]]);

describe('rank tables', () => {
  it('parses .tiktoken text', () => {
    const table = parseTiktokenFile('IQ== 0\nIg== 1\n\naGVsbG8= 7\n', 'test');
    expect(tokens(table)).toEqual([['!', 0], ['"', 1], ['hello', 7]]);
  });

  it("parses js-tiktoken's compact ranks, consecutive from each line's first rank", () => {
    const table = parseJsTiktokenRanks('! 0 IQ== Ig==\n! 10 aGk= /w==', 'test');
    expect(tokens(table)).toEqual([['!', 0], ['"', 1], ['hi', 10], ['\u00ff', 11]]);
  });

  it('packs latin1 pairs', () => {
    expect(tokens(rankTableFromPairs([['a', 0], ['bc', 5]], 'test'))).toEqual([['a', 0], ['bc', 5]]);
  });

  it('names the line of malformed data', () => {
    expect(() => parseTiktokenFile('IQ== 0\nIg==\n', 'load')).toThrow("load: line 2 of the .tiktoken data is not '<base64 token> <rank>': 'Ig=='");
    expect(() => parseTiktokenFile('I*Q== 0\n', 'load')).toThrow("load: invalid base64 token 'I*Q==' at rank 0");
    expect(() => parseJsTiktokenRanks('! x IQ==', 'load')).toThrow("load: bpe_ranks line '! x IQ==' does not start with '! <rank>'");
    expect(() => rankTableFromPairs([['\u0100', 0]], 'load')).toThrow('load: token at rank 0 is not a latin1 byte string (character U+100)');
  });

  it('refuses ranks an int32 cannot hold, naming the line, instead of wrapping them', () => {
    const range = 'a rank must be an integer from 0 to 2147483646, since ids are int32';
    // 2^32 + 256 would become 256 in the Int32Array
    expect(() => parseTiktokenFile('IQ== 0\nIg== 4294967552\n', 'load')).toThrow(`load: line 2 of the .tiktoken data has rank 4294967552; ${range}`);
    expect(() => parseTiktokenFile('IQ== 2147483647\n', 'load')).toThrow(`load: line 1 of the .tiktoken data has rank 2147483647; ${range}`);
    expect(tokens(parseTiktokenFile('IQ== 2147483646\n', 'load'))).toEqual([['!', 2147483646]]);
    expect(() => parseJsTiktokenRanks('! 0 IQ==\n! 2147483646 Ig== Iw==', 'load')).toThrow(`load: bpe_ranks line 2 has rank 2147483647; ${range}`);
    expect(() => rankTableFromPairs([['a', 0], ['b', 2 ** 32 + 256]], 'load')).toThrow(`load: (token, rank) pair 1 has rank 4294967552; ${range}`);
    expect(() => rankTableFromPairs([['a', 1.5]], 'load')).toThrow(`load: (token, rank) pair 0 has rank 1.5; ${range}`);
  });

  it('reads a rank as decimal digits only, white space around it allowed', () => {
    expect(tokens(parseTiktokenFile('IQ== 0\r\nIg== 1\r\n', 'load'))).toEqual([['!', 0], ['"', 1]]);
    for (const rank of ['', '0x10', '1e2', '-0', '+1', '1.0', '1_000', 'Infinity']) {
      expect(() => parseTiktokenFile(`IQ== ${rank}\n`, 'load')).toThrow(`load: line 1 of the .tiktoken data is not '<base64 token> <rank>': 'IQ== ${rank}'`);
    }
    expect(() => parseJsTiktokenRanks('! 0x10 IQ==', 'load')).toThrow("load: bpe_ranks line '! 0x10 IQ==' does not start with '! <rank>'");
  });

  it('refuses tokens longer than 1024 bytes, before decoding them', () => {
    const line = (bytes: number): string => `${btoa('x'.repeat(bytes))} 0\n`;
    expect(parseTiktokenFile(line(1024), 'load').offsets[1]).toBe(1024);
    expect(() => parseTiktokenFile(line(1025), 'load')).toThrow('load: the token on line 1 of the .tiktoken data is 1025 bytes long; tokens may be at most 1024 bytes');
    expect(() => rankTableFromPairs([['x'.repeat(1025), 0]], 'load')).toThrow('load: the token on (token, rank) pair 0 is 1025 bytes long; tokens may be at most 1024 bytes');
  });

  it('refuses text after the base64 padding, which would otherwise be dropped', () => {
    expect(() => parseTiktokenFile('IQ==Ig== 0\n', 'load')).toThrow("load: invalid base64 token 'IQ==Ig==' at rank 0 (line 1 of the .tiktoken data)");
    expect(tokens(parseTiktokenFile('IQ== 0\nIQ 1\n', 'load'))).toEqual([['!', 0], ['!', 1]]); // padding may be left out
  });
});
