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
});
