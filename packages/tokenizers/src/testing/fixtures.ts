import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** Reads a file from the package's `fixtures/` folder. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8');
}

/**
 * One unit of random text: mostly any code point (astral ones included), sometimes a lone surrogate, sometimes
 * ASCII or white space so that words and repeats occur.
 */
export const unicodeUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)) },
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'e', 't', 'h', ' ', ' ', '\n', '.', "'", '1', 'é', '日', '😀') },
);

/** Random Unicode strings, lone surrogates included. */
export const unicodeText = (maxLength = 40): fc.Arbitrary<string> => fc.string({ unit: unicodeUnit, maxLength });
