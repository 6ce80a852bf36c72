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

/**
 * Training examples: contexts X (int32 [N, blockSize]) and the next character Y (int32 [N]); or, for a model that
 * predicts at every position, sequences X [N, blockSize] and their next characters Y [N, blockSize] (−1 where
 * there is nothing to predict).
 */
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

/** The target of padding positions in {@link buildSequences}, which the loss ignores (PyTorch's ignore_index). */
export const IGNORE = -1;

/**
 * Sequences for a model that predicts the next character at every position (the transformer), as makemore's
 * `CharDataset`: X is the boundary, the name's characters, then boundaries; Y is X shifted left by one, the
 * characters then the boundary, padded with {@link IGNORE}. One row a name.
 * @example
 * const { X, Y } = buildSequences(['emma'], vocab, 6);
 * // X: [[0, e, m, m, a, 0]]  Y: [[e, m, m, a, 0, -1]]
 */
export function buildSequences(words: readonly string[], vocab: CharTokenizer, blockSize: number): Examples {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`buildSequences: blockSize must be a positive integer, got ${blockSize}`);
  const boundary = vocab.boundaryId;
  if (boundary === undefined) throw new Error('buildSequences: the vocabulary needs a boundary token');
  const X = new Int32Array(words.length * blockSize).fill(boundary);
  const Y = new Int32Array(words.length * blockSize).fill(IGNORE);
  words.forEach((w, r) => {
    const ids = vocab.encode(w);
    if (ids.length + 1 > blockSize) throw new RangeError(`buildSequences: '${w}' has ${ids.length} characters; a block of ${blockSize} holds names of at most ${blockSize - 1}`);
    X.set(ids, r * blockSize + 1);
    Y.set(ids, r * blockSize);
    Y[r * blockSize + ids.length] = boundary;
  });
  const shape = [words.length, blockSize];
  return { X: tensor(X, { dtype: 'int32', shape }), Y: tensor(Y, { dtype: 'int32', shape }) };
}

/** How many characters examples predict: Y's entries other than {@link IGNORE}. @example targetCount(buildExamples(['emma'], vocab, 3)) // 5 */
export function targetCount(examples: Examples): number {
  let n = 0;
  for (const y of examples.Y.dataSync()) if (y !== IGNORE) n++;
  return n;
}
