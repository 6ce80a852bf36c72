/**
 * A text classifier: the model, what turns text into its input (a bag-of-words vocabulary or a tokenizer), and the
 * class names. Training, evaluation, prediction and explanations all go through it, whatever the model.
 */
import { noGrad } from '@typegrad/autograd';
import { tensor, type Tensor } from '@typegrad/tensor';
import type { BpeTokenizer, WordTokenizer } from '@typegrad/tokenizers';
import type { EncoderClassifier } from '@typegrad/transformer';
import { BagOfWords, type SparseVector } from '../features/bag-of-words.js';
import type { BowLogReg } from './bow-logreg.js';
import type { ModelConfig } from './config.js';
import type { EmbeddingBag } from './embedding-bag.js';

/** What turns text into a model's input. */
export type TextFeatures = BagOfWords | WordTokenizer | BpeTokenizer;

/** A text as a model reads it: a sparse vector (bow-logreg) or token ids (the others). */
export type EncodedText = SparseVector | number[];

/** A batch: dense vectors [B, features], or ids [B, T] with their padding mask (true at padding). */
export type ModelInput = { x: Tensor } | { ids: Tensor; paddingMask: Tensor };

/** A prediction: the class, its probability, and every class's. */
export interface Prediction {
  label: string;
  index: number;
  probability: number;
  probabilities: number[];
}

/** The module of a model kind. */
export type ClassifierModule = BowLogReg | EmbeddingBag | EncoderClassifier;

/**
 * A trained (or training) classifier.
 * @example
 * const { label, probability } = classifier.predict('The food was great.'); // { label: 'positive', probability: 0.93, … }
 */
export class TextClassifier {
  constructor(
    readonly config: ModelConfig,
    readonly module: ClassifierModule,
    readonly features: TextFeatures,
    readonly classes: readonly string[],
  ) {}

  /** The longest token sequence a model reads (the encoder's maxLength; 512 for the embedding bag). */
  get maxLength(): number {
    return this.config.kind === 'encoder' ? this.config.maxLength : 512;
  }

  /** A text as the model's input row. @example classifier.encode('Great food.') */
  encode(text: string): EncodedText {
    if (this.features instanceof BagOfWords) return this.features.vectorize(text);
    return this.features.encode(text, { disallowedSpecial: [] }).slice(0, this.maxLength);
  }

  /** Encoded texts as one batch. */
  input(rows: readonly EncodedText[]): ModelInput {
    if (this.features instanceof BagOfWords) {
      const width = this.features.size;
      const x = new Float32Array(rows.length * width);
      rows.forEach((row, r) => {
        const { indices, values } = row as SparseVector;
        for (let k = 0; k < indices.length; k++) x[r * width + indices[k]] = values[k];
      });
      return { x: tensor(x).reshape([rows.length, width]) };
    }
    const padId = this.features.padId ?? 0;
    const T = Math.max(1, ...rows.map((r) => (r as number[]).length));
    const ids = new Int32Array(rows.length * T).fill(padId);
    const padding = new Uint8Array(rows.length * T).fill(1);
    rows.forEach((row, r) => {
      const seq = row as number[];
      seq.forEach((id, t) => {
        ids[r * T + t] = id;
        padding[r * T + t] = 0;
      });
      // a text with no tokens reads as one padding token, unmasked, so its pooled vector is defined
      if (seq.length === 0) padding[r * T] = 0;
    });
    return { ids: tensor(ids, { dtype: 'int32' }).reshape([rows.length, T]), paddingMask: tensor(padding, { dtype: 'bool' }).reshape([rows.length, T]) };
  }

  /** Logits [B, classes] of a batch. */
  forward(input: ModelInput): Tensor {
    if ('x' in input) return (this.module as BowLogReg).forward(input.x);
    if (this.config.kind === 'embedding-bag') return (this.module as EmbeddingBag).forward(input.ids, input.paddingMask);
    return (this.module as EncoderClassifier).forward(input.ids, { paddingMask: input.paddingMask });
  }

  /** Class probabilities of many texts, in batches, in evaluation mode. @example classifier.probabilities(['Good.', 'Bad.']) // [[0.1, 0.9], [0.8, 0.2]] */
  probabilities(texts: readonly string[], batchSize = 256): number[][] {
    return this.probabilitiesOf(texts.map((t) => this.encode(t)), batchSize);
  }

  /** Class probabilities of encoded texts. */
  probabilitiesOf(rows: readonly EncodedText[], batchSize = 256): number[][] {
    const wasTraining = this.module.training;
    this.module.eval();
    const out: number[][] = [];
    noGrad(() => {
      for (let start = 0; start < rows.length; start += batchSize) {
        const p = this.forward(this.input(rows.slice(start, start + batchSize))).softmax(-1);
        out.push(...(p.toArraySync() as number[][]));
      }
    });
    if (wasTraining) this.module.train();
    return out;
  }

  /** The class of one text. @example classifier.predict('Loved it!').label // 'positive' */
  predict(text: string): Prediction {
    const probabilities = this.probabilities([text])[0];
    const index = probabilities.indexOf(Math.max(...probabilities));
    return { label: this.classes[index], index, probability: probabilities[index], probabilities };
  }
}
