import { checkTokenizerFile } from '../serialization.js';
import { modelFromMerges, modelFromRanks, type BpeModel } from './bpe-model.js';
import type { BpeSettings } from './bpe-options.js';
import { checkVocabSize, describeValue } from './limits.js';
import { patternFromFile, type FromJSONOptions } from './patterns.js';
import { tiktokenRanks } from './tiktoken-ranks.js';

/** What a saved BPE tokenizer holds, checked: the model and the settings for the constructor. */
export interface BpeFile {
  model: BpeModel;
  settings: BpeSettings;
}

/**
 * Reads and checks a saved BPE tokenizer (the object, or its JSON text). Every field is checked before it is used,
 * and the work is bounded by what the file declares: a merge list must fit the declared `vocabSize`, and no token
 * may grow beyond `MAX_TOKEN_BYTES`. The constructor then checks the special tokens and the vocabulary size
 * against the ids in use.
 * @example const { model, settings } = readBpeFile(text, {}, 'BpeTokenizer.fromJSON');
 */
export function readBpeFile(json: unknown, options: FromJSONOptions, op: string): BpeFile {
  const file = checkTokenizerFile(json, 'bpe', op);
  const name = file.name;
  if (name !== null && typeof name !== 'string') throw new Error(`${op}: field 'name' must be a string or null`);
  const pattern = patternFromFile(file.pattern, options, op);
  const specialTokens = specialTokensField(file.specialTokens, op);
  const vocabSize = file.vocabSize === undefined ? undefined : checkVocabSize(file.vocabSize, op, "field 'vocabSize'");
  const model = modelField(file, vocabSize, Object.keys(specialTokens).length, op);
  return { model, settings: { name, pattern, specialTokens, vocabSize } };
}

/** The special tokens: an object of token → id (the ids are checked with the model, by the constructor). */
function specialTokensField(value: unknown, op: string): Record<string, number> {
  // an array would pass as an object, its indices becoming token names
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${op}: field 'specialTokens' must be an object of token → id, got ${describeValue(value)}`);
  }
  return value as Record<string, number>;
}

/** The model from 'merges' (an array of ids) or 'ranks' (.tiktoken text). */
function modelField(file: Record<string, unknown>, vocabSize: number | undefined, specials: number, op: string): BpeModel {
  const { merges, ranks } = file;
  if (Array.isArray(merges)) {
    if (vocabSize !== undefined) checkMergeCount(merges.length / 2, vocabSize, specials, op);
    return modelFromMerges(merges as number[], op);
  }
  if (typeof ranks === 'string') return modelFromRanks(tiktokenRanks(ranks, op), op);
  throw new Error(`${op}: a 'bpe' tokenizer file needs 'merges' (an array) or 'ranks' (a string)`);
}

/** The 256 bytes, the merges and the special tokens all need ids below the declared vocabulary size. */
function checkMergeCount(count: number, vocabSize: number, specials: number, op: string): void {
  const room = vocabSize - 256 - specials;
  if (Math.ceil(count) > room) {
    throw new RangeError(`${op}: the file has ${Math.ceil(count)} merges, but its vocabSize ${vocabSize} leaves room for at most ${Math.max(0, room)} `
      + `(${vocabSize} − 256 bytes − ${specials} special tokens)`);
  }
}
