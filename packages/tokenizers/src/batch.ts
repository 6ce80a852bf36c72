import { tensor, type Tensor } from '@typegrad/tensor';
import type { EncodeOptions, Tokenizer } from './tokenizer.js';

/**
 * How sequences of different lengths become one rectangle.
 * @example { length: 20, paddingSide: 'left' } // every row exactly 20 ids, padding in front
 */
export interface PadOptions {
  /** Every row gets exactly this length: shorter ones are padded, longer ones truncated. */
  length?: number;
  /** Without `length`: rows are padded to the longest, but truncated to at most this many ids. */
  maxLength?: number;
  /** Where padding goes. Default 'right'. */
  paddingSide?: 'left' | 'right';
  /** Which end of a long sequence is cut off. Default 'right' (keep the beginning). */
  truncationSide?: 'left' | 'right';
  /** The id used for padding. Default: the tokenizer's `<pad>` id (0 for `WordTokenizer`); required when it has none. */
  padId?: number;
}

/**
 * Options of `encodeBatch`: how to pad and truncate, and how to treat special-token text.
 * @example tok.encodeBatch(texts, { maxLength: 512, paddingSide: 'left', allowedSpecial: ['<|endoftext|>'], padId: 0 })
 */
export interface BatchEncodeOptions extends PadOptions, EncodeOptions {}

/**
 * A batch of encoded texts.
 * @example const { inputIds, attentionMask, lengths } = tok.encodeBatch(['a b', 'c']);
 */
export interface BatchEncoding {
  /** Token ids, int32, shape `[batch, length]`. */
  inputIds: Tensor;
  /** 1 where `inputIds` holds a token, 0 where it holds padding; int32, shape `[batch, length]`. */
  attentionMask: Tensor;
  /** How many real tokens each row kept (after truncation). */
  lengths: number[];
}

function checkLength(value: number | undefined, name: string, op: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new RangeError(`${op}: ${name} must be a non-negative integer, got ${value}`);
}

/** The row length for `sequences` under `options`. */
function targetLength(sequences: readonly (readonly number[])[], options: PadOptions, op: string): number {
  checkLength(options.length, 'length', op);
  checkLength(options.maxLength, 'maxLength', op);
  if (options.length !== undefined) return options.length;
  let longest = 0;
  for (const s of sequences) longest = Math.max(longest, s.length);
  return options.maxLength === undefined ? longest : Math.min(longest, options.maxLength);
}

/** Copies `seq`, cut to `length` and padded, into `ids` and `mask` at row offset `base`; returns the kept count. */
function fillRow(seq: readonly number[], length: number, padId: number, options: PadOptions, ids: Int32Array, mask: Int32Array, base: number): number {
  const kept = Math.min(seq.length, length);
  const from = options.truncationSide === 'left' ? seq.length - kept : 0;
  const at = options.paddingSide === 'left' ? length - kept : 0;
  ids.fill(padId, base, base + length);
  for (let i = 0; i < kept; i++) {
    ids[base + at + i] = seq[from + i];
    mask[base + at + i] = 1;
  }
  return kept;
}

/**
 * Pads (and truncates) id sequences to one length, as plain arrays: the fixed-length rows a sentiment
 * classifier's embedding layer reads. Padding defaults to id 0 on the right.
 * @example padSequences([[5, 6, 7], [8]], { length: 4 }) // [[5, 6, 7, 0], [8, 0, 0, 0]]
 * @example padSequences([[5, 6, 7], [8]], { length: 2, paddingSide: 'left', truncationSide: 'left' }) // [[6, 7], [0, 8]]
 */
export function padSequences(sequences: readonly (readonly number[])[], options: PadOptions = {}): number[][] {
  const length = targetLength(sequences, options, 'padSequences');
  const padId = options.padId ?? 0;
  const ids = new Int32Array(length);
  const mask = new Int32Array(length);
  return sequences.map((seq) => {
    fillRow(seq, length, padId, options, ids, mask, 0);
    return Array.from(ids);
  });
}

/**
 * Encodes texts with `tokenizer` into an int32 tensor `[batch, length]` and an attention mask of the same shape.
 * Rows are padded to the longest text (or to `length`), with the tokenizer's `<pad>` id unless `padId` is given.
 * @example
 * const { inputIds, attentionMask } = encodeBatch(tok, ['a good film', 'bad'], { length: 4 });
 * inputIds.shape // [2, 4]
 */
export function encodeBatch(tokenizer: Tokenizer, texts: readonly string[], options: BatchEncodeOptions = {}): BatchEncoding {
  const padId = options.padId ?? tokenizer.padId;
  if (padId === undefined) {
    throw new Error(`encodeBatch: this ${tokenizer.type} tokenizer has no '<pad>' token; pass { padId } (any id: the attention mask marks padding)`);
  }
  const sequences = texts.map((text) => tokenizer.encode(text, options));
  const length = targetLength(sequences, options, 'encodeBatch');
  const ids = new Int32Array(sequences.length * length);
  const mask = new Int32Array(sequences.length * length);
  const lengths = sequences.map((seq, row) => fillRow(seq, length, padId, options, ids, mask, row * length));
  const shape = [sequences.length, length];
  return {
    inputIds: tensor(ids, { dtype: 'int32', shape }),
    attentionMask: tensor(mask, { dtype: 'int32', shape }),
    lengths,
  };
}
