import { noGrad } from '@typegrad/autograd';
import { crossEntropy } from '@typegrad/nn';
import { arange, randint, tensor, type Generator, type Tensor } from '@typegrad/tensor';
import { CharTokenizer } from '@typegrad/tokenizers';
import type { LanguageModel } from '../models/language-model.js';
import type { BatchSource } from '../train/train.js';

/** A text for text mode: its characters, and the token ids of its training and validation parts. */
export interface TextData {
  vocab: CharTokenizer;
  train: Tensor;
  val: Tensor;
}

/**
 * A text as nanoGPT's shakespeare_char prepares it: the vocabulary is its distinct characters in code-point order
 * (no boundary token), and the first 90% of its characters train while the last 10% validate.
 * @example const { vocab, train, val } = prepareText(text); // Shakespeare: 65 characters, 1,003,854 / 111,540
 */
export function prepareText(text: string, opts: { valFraction?: number; vocab?: CharTokenizer } = {}): TextData {
  if (typeof text !== 'string') {
    const got = text === null ? 'null' : typeof text === 'object' ? 'an object (from a loader? pass its .text)' : typeof text;
    throw new TypeError(`prepareText: expected the text as a string, got ${got}`);
  }
  const valFraction = opts.valFraction ?? 0.1;
  if (!(valFraction > 0 && valFraction < 1)) throw new RangeError(`prepareText: valFraction must be between 0 and 1, got ${valFraction}`);
  const vocab = opts.vocab ?? CharTokenizer.fromCorpus(text, { boundary: null });
  const ids = Int32Array.from(vocab.encode(text));
  const cut = Math.floor(ids.length * (1 - valFraction));
  return { vocab, train: tensor(ids.subarray(0, cut), { dtype: 'int32' }), val: tensor(ids.subarray(cut), { dtype: 'int32' }) };
}

/**
 * Minibatches of windows of a token stream, as nanoGPT's get_batch: each row starts at `randint(0, n − T)`; X is
 * T tokens from there and Y the same T shifted by one.
 * @example textBatches(data.train, 64).batch(12, g) // [X [12, 64], Y [12, 64]]
 */
export function textBatches(ids: Tensor, blockSize: number): BatchSource {
  const n = ids.shape[0];
  if (n <= blockSize) throw new RangeError(`textBatches: a text of ${n} tokens is too short for windows of ${blockSize + 1}`);
  const offsets = arange(blockSize, { dtype: 'int32' }).unsqueeze(0);
  return {
    batch(size, generator) {
      const starts = randint(0, n - blockSize, [size, 1], { generator });
      const at = starts.add(offsets);
      const rows = (t: Tensor) => ids.indexSelect(0, t.reshape([-1])).reshape([size, blockSize]);
      return [rows(at), rows(at.add(1))];
    },
  };
}

/**
 * The mean loss over `iters` random batches, without gradients, in eval mode: nanoGPT's estimate_loss.
 * @example await estimateTextLoss(model, textBatches(data.val, 64), { iters: 200, batchSize: 12, generator: g })
 */
export async function estimateTextLoss(model: LanguageModel, source: BatchSource, opts: { iters: number; batchSize: number; generator: Generator }): Promise<number> {
  const wasTraining = model.training;
  model.eval();
  try {
    let total = 0;
    for (let i = 0; i < opts.iters; i++) {
      const [x, y] = source.batch(opts.batchSize, opts.generator);
      total += await noGrad(() => crossEntropy(model.forward(x), y.reshape([-1]))).item();
    }
    return total / opts.iters;
  } finally {
    model.train(wasTraining);
  }
}
