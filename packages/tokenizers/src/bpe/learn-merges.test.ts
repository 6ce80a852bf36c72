import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures.js';
import { referenceMerges } from '../testing/reference-bpe.js';
import { learnMerges } from './learn-merges.js';
import { compilePattern, patternSource } from './patterns.js';

const encoder = new TextEncoder();
const chunk = (text: string, pattern: string): string[] => {
  const source = patternSource(pattern);
  return source === null ? [text] : text.match(compilePattern(source)) ?? [];
};

describe('learnMerges', () => {
  it('merges the most frequent pair first', () => {
    // 'ab' occurs twice, every other pair once
    expect(learnMerges(['ab', 'ab', 'c'], 1)).toEqual({ merges: [97, 98], counts: [2] });
  });

  it('breaks ties by first occurrence, not by value', () => {
    // ('z','y') and ('a','b') both occur twice; ('z','y') comes first although its bytes are larger
    expect(learnMerges(['zy', 'ab', 'zy', 'ab'], 2).merges).toEqual([122, 121, 97, 98]);
    expect(learnMerges(['ab', 'zy', 'ab', 'zy'], 2).merges).toEqual([97, 98, 122, 121]);
  });

  it("counts overlapping pairs as minbpe does and merges them left to right ('aaa' holds ('a','a') twice)", () => {
    const { merges, counts } = learnMerges(['aaa'], 2);
    expect(merges).toEqual([97, 97, 256, 97]); // 'aaa' → [aa, a] → [aaa]
    expect(counts).toEqual([2, 1]);
  });

  it('stops when no pair is left', () => {
    expect(learnMerges(['ab', 'c'], 10).merges).toEqual([97, 98]);
    expect(learnMerges([], 5).merges).toEqual([]);
  });

  it('gives the merges that minbpe\'s rule gives on small texts (fixtures/bpe-tie-break.json, made in Python)', () => {
    const cases = JSON.parse(fixture('bpe-tie-break.json')) as { text: string; pattern: string; numMerges: number; merges: number[][] }[];
    expect(cases.length).toBe(8);
    for (const c of cases) {
      const { merges, counts } = learnMerges(chunk(c.text, c.pattern), c.numMerges);
      expect(merges, c.text).toEqual(c.merges.flatMap(([a, b]) => [a, b]));
      expect(counts, c.text).toEqual(c.merges.map(([, , n]) => n));
    }
  });

  it('agrees with a recount-every-merge reference on random texts', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é', '\n', 'ab', 'ba', 'aa');
    fc.assert(fc.property(fc.array(fc.string({ unit: alphabet, maxLength: 30 }), { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (texts, numMerges) => {
      const chunks = texts.flatMap((t) => chunk(t, 'gpt2'));
      const expected = referenceMerges(chunks.map((c) => encoder.encode(c)), numMerges);
      expect(learnMerges(chunks, numMerges)).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('agrees with the reference on a real text with many ties (the first names)', () => {
    const text = fixture('names/names.txt').slice(0, 20_000);
    const chunks = chunk(text, 'gpt4');
    const expected = referenceMerges(chunks.map((c) => encoder.encode(c)), 120);
    expect(learnMerges(chunks, 120)).toEqual(expected);
  });

  it('agrees with the reference without pre-tokenisation (one long chunk)', () => {
    const text = fixture('multilingual/udhr-26lang.txt').slice(0, 3000);
    const expected = referenceMerges([encoder.encode(text)], 80);
    expect(learnMerges([text], 80)).toEqual(expected);
  });

  it('never merges a pair whose token would be longer than the limit, and takes the next pair instead', () => {
    // 'aaaaaaaa': aa ×7, then (aa)(aa) ×3 beats 'bc' ×2 but would make 4 bytes, over a limit of 2
    expect(learnMerges(['aaaaaaaa', 'bc', 'bc'], 10, 2)).toEqual({ merges: [97, 97, 98, 99], counts: [7, 2] });
    // doubling stops at the limit: 2, 4, 8 bytes, and (8 + 8) is refused
    expect(learnMerges(['a'.repeat(64)], 10, 8)).toEqual({ merges: [97, 97, 256, 256, 257, 257], counts: [63, 31, 15] });
  });
});
