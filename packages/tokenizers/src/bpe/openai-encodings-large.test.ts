import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe } from 'vitest';
import { compareWithJsTiktoken } from '../testing/tiktoken-compat.js';

// cl100k_base and o200k_base sit in their own file so that the test runner loads them beside the smaller two
describe('cl100k_base', () => compareWithJsTiktoken('cl100k_base', cl100k));
describe('o200k_base', () => compareWithJsTiktoken('o200k_base', o200k));
