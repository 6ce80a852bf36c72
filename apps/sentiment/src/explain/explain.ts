/**
 * Why a classifier chose its class: each token's contribution to the chosen class's logit, centred (the logit minus
 * the mean of all classes' logits, which is all softmax reads). For the linear models the contributions are exact:
 * they and the bias add up to that centred logit. For the encoder they are gradient × input on the token embeddings,
 * a first-order estimate, and named so.
 */
import { arange, tensor, where } from '@typegrad/tensor';
import type { EncoderClassifier, TransformerBlock } from '@typegrad/transformer';
import { BagOfWords } from '../features/bag-of-words.js';
import type { BowLogReg } from '../models/bow-logreg.js';
import type { Prediction, TextClassifier } from '../models/classifier.js';
import type { EmbeddingBag } from '../models/embedding-bag.js';

/** One token and its contribution. */
export interface TokenContribution {
  token: string;
  contribution: number;
}

/**
 * An explained prediction.
 * @example { label: 'positive', probability: 0.97, method: 'exact', tokens: [{ token: 'great', contribution: 1.21 }, …], bias: 0.02, logit: 1.9 }
 */
export interface Explanation extends Prediction {
  /** 'exact' (linear models: the contributions and the bias sum to `logit`) or 'gradient × input' (the encoder: an estimate). */
  method: 'exact' | 'gradient × input';
  /** The text's tokens in order, each with its contribution to the chosen class's centred logit. */
  tokens: TokenContribution[];
  /** bow-logreg: each n-gram in the vocabulary found in the text, with its contribution (a pair's is split evenly between its two tokens in `tokens`). */
  ngrams?: TokenContribution[];
  /** The part of the centred logit no token accounts for: the bias (exact methods), or what the estimate leaves (gradient × input). */
  bias: number;
  /** The chosen class's logit minus the mean logit. */
  logit: number;
}

/** Each class's weights minus the mean over classes, for the chosen class: a row of [classes, n] centred. */
function centredRow(weight: number[][], c: number): number[] {
  const k = weight.length;
  return weight[c].map((_, j) => weight[c][j] - weight.reduce((a, row) => a + row[j], 0) / k);
}

const centred = (values: readonly number[], c: number) => values[c] - values.reduce((a, b) => a + b, 0) / values.length;

function explainBow(classifier: TextClassifier, bow: BagOfWords, text: string, c: number): Omit<Explanation, keyof Prediction> {
  const model = classifier.module as BowLogReg;
  const { tokens, occurrences } = bow.analyse(text);
  const { indices, values } = bow.vectorOf(occurrences);
  const value = new Map(indices.map((j, k) => [j, values[k]]));
  const count = new Map<number, number>();
  for (const o of occurrences) count.set(o.feature, (count.get(o.feature) ?? 0) + 1);
  const w = centredRow(model.linear.weight.toArraySync() as number[][], c);
  const bias = centred(model.linear.bias!.toArraySync() as number[], c);
  const perToken = new Array<number>(tokens.length).fill(0);
  const ngrams = new Map<number, number>();
  for (const o of occurrences) {
    // x_j · w_j shared among the n-gram's occurrences, and each occurrence's share among the tokens it covers
    const share = (value.get(o.feature)! * w[o.feature]) / count.get(o.feature)!;
    for (const p of o.positions) perToken[p] += share / o.positions.length;
    ngrams.set(o.feature, (ngrams.get(o.feature) ?? 0) + share);
  }
  const logit = bias + [...ngrams.values()].reduce((a, b) => a + b, 0);
  return {
    method: 'exact',
    tokens: tokens.map((token, i) => ({ token, contribution: perToken[i] })),
    ngrams: [...ngrams].map(([j, contribution]) => ({ token: bow.features[j], contribution })),
    bias,
    logit,
  };
}

/** The display text of each id: a word, or a BPE token's text. */
function tokenTexts(classifier: TextClassifier, ids: readonly number[]): string[] {
  const f = classifier.features as Exclude<TextClassifier['features'], BagOfWords>;
  return ids.map((id) => (f.type === 'word' ? (f.idToToken(id) ?? '?') : f.decode([id])));
}

function explainEmbeddingBag(classifier: TextClassifier, ids: number[], c: number): Omit<Explanation, keyof Prediction> {
  const model = classifier.module as EmbeddingBag;
  const w = centredRow(model.head.weight.toArraySync() as number[][], c);
  const bias = centred(model.head.bias!.toArraySync() as number[], c);
  const n = Math.max(1, ids.length);
  const rows = ids.length ? (model.embedding.weight.indexSelect(0, tensor(ids, { dtype: 'int32' })).toArraySync() as number[][]) : [];
  // logit_c = b_c + w_c · (1/n) Σ_t E[id_t]: token t's share is w_c · E[id_t] / n
  const contributions = rows.map((e) => e.reduce((a, v, d) => a + v * w[d], 0) / n);
  const texts = tokenTexts(classifier, ids);
  return { method: 'exact', tokens: texts.map((token, i) => ({ token, contribution: contributions[i] })), bias, logit: bias + contributions.reduce((a, b) => a + b, 0) };
}

function explainEncoder(classifier: TextClassifier, ids: number[], c: number): Omit<Explanation, keyof Prediction> {
  const model = classifier.module as EncoderClassifier;
  const encoder = model.encoder;
  const T = Math.max(1, ids.length);
  const idTensor = tensor(ids.length ? ids : [(classifier.features as Exclude<TextClassifier['features'], BagOfWords>).padId ?? 0], { dtype: 'int32' }).reshape([1, T]);
  // the encoder's forward with the token embeddings as a leaf, so their gradient can be read
  const embedded = encoder.wte.forward(idTensor).detach().requiresGrad_();
  let h = encoder.drop.forward(embedded.add(encoder.wpe.forward(arange(T, { dtype: 'int32' }))));
  for (const block of encoder.h.children() as TransformerBlock[]) h = block.forward(h);
  const pooled = encoder.ln_f.forward(h).mean(1);
  const logits = model.head.forward(pooled).reshape([-1]);
  const k = logits.shape[0];
  const weights = where(arange(k).eq(c), 1 - 1 / k, -1 / k); // d(centred logit_c)/d(logits)
  const target = logits.mul(weights).sum();
  target.backward();
  const grad = embedded.grad!.reshape([T, -1]).toArraySync() as number[][];
  const emb = embedded.detach().reshape([T, -1]).toArraySync() as number[][];
  const contributions = emb.map((e, t) => e.reduce((a, v, d) => a + v * grad[t][d], 0));
  const logit = target.itemSync();
  const texts = tokenTexts(classifier, ids);
  return { method: 'gradient × input', tokens: texts.map((token, i) => ({ token, contribution: contributions[i] })), bias: logit - contributions.reduce((a, b) => a + b, 0), logit };
}

/**
 * The prediction of one text with each token's contribution to it.
 * @example
 * const e = explain(classifier, 'The food was great.');
 * e.tokens // [{ token: 'the', contribution: -0.01 }, …, { token: 'great', contribution: 1.4 }, …]
 */
export function explain(classifier: TextClassifier, text: string): Explanation {
  const prediction = classifier.predict(text);
  const c = prediction.index;
  const f = classifier.features;
  classifier.module.eval();
  if (f instanceof BagOfWords) return { ...prediction, ...explainBow(classifier, f, text, c) };
  const ids = classifier.encode(text) as number[];
  if (classifier.config.kind === 'embedding-bag') return { ...prediction, ...explainEmbeddingBag(classifier, ids, c) };
  return { ...prediction, ...explainEncoder(classifier, ids, c) };
}
