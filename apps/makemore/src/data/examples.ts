import { tensor, type Tensor } from '@typegrad/tensor';
import { CharTokenizer } from '@typegrad/tokenizers';

/**
 * The character vocabulary of a list of names: '.' (the boundary, id 0), then the characters in code-point
 * order; for the lectures' names, '.' = 0 and 'a' … 'z' = 1 … 26.
 * @example vocabularyOf(['emma', 'ava']).tokens // ['.', 'a', 'e', 'm', 'v']
 */
export function vocabularyOf(words: readonly string[]): CharTokenizer {
  return CharTokenizer.fromCorpus(words, { boundary: '.' });
}

/** Training examples: contexts X (int32 [N, blockSize]) and the next character Y (int32 [N]). */
export interface Examples {
  X: Tensor;
  Y: Tensor;
}

/**
 * The lecture's `build_dataset`: for every name, every position gives one example, the previous `blockSize`
 * characters (padded with '.') and the character that follows (ending with '.').
 *
 * ```python
 * for w in words:
 *   context = [0] * block_size
 *   for ch in w + '.':
 *     ix = stoi[ch]; X.append(context); Y.append(ix); context = context[1:] + [ix]
 * ```
 * @example
 * const { X, Y } = buildExamples(['emma'], vocab, 3);
 * // X: [[0,0,0], [0,0,e], [0,e,m], [e,m,m], [m,m,a]]  Y: [e, m, m, a, 0]
 */
export function buildExamples(words: readonly string[], vocab: CharTokenizer, blockSize: number): Examples {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`buildExamples: blockSize must be a positive integer, got ${blockSize}`);
  const boundary = vocab.boundaryId;
  if (boundary === undefined) throw new Error('buildExamples: the vocabulary needs a boundary token');
  const ids = words.map((w) => vocab.encode(w));
  const n = ids.reduce((sum, w) => sum + w.length + 1, 0);
  const X = new Int32Array(n * blockSize);
  const Y = new Int32Array(n);
  let row = 0;
  const context = new Array<number>(blockSize);
  for (const w of ids) {
    context.fill(boundary);
    for (const ix of [...w, boundary]) {
      X.set(context, row * blockSize);
      Y[row++] = ix;
      context.shift();
      context.push(ix);
    }
  }
  return { X: tensor(X, { dtype: 'int32', shape: [n, blockSize] }), Y: tensor(Y, { dtype: 'int32', shape: [n] }) };
}
