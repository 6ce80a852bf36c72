/** The models' settings: what `--model` chooses, and the shapes their weights have (checked when a checkpoint loads). */

/** The models, simplest first. */
export const MODEL_KINDS = ['bow-logreg', 'embedding-bag', 'encoder'] as const;
/** One of {@link MODEL_KINDS}. */
export type ModelKind = (typeof MODEL_KINDS)[number];

/** Bag of words → dropout → one Linear layer: logistic regression on n-gram counts or tf-idf. */
export interface BowLogRegConfig {
  kind: 'bow-logreg';
  numFeatures: number;
  numClasses: number;
  /** Dropout on the input vector while training. */
  dropout: number;
}

/** Word embeddings averaged over the sentence (padding left out) → dropout → Linear. */
export interface EmbeddingBagConfig {
  kind: 'embedding-bag';
  vocabSize: number;
  /** The embedding width. */
  dim: number;
  numClasses: number;
  dropout: number;
}

/** `@typegrad/transformer`'s EncoderClassifier: pre-LayerNorm blocks, padding masked, mean-pooled, a linear head. */
export interface EncoderModelConfig {
  kind: 'encoder';
  vocabSize: number;
  /** The longest sequence in tokens; longer texts are cut. */
  maxLength: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  numClasses: number;
  dropout: number;
}

/** Any model's settings. */
export type ModelConfig = BowLogRegConfig | EmbeddingBagConfig | EncoderModelConfig;

/** A model in a few words. @example describeModel({ kind: 'embedding-bag', vocabSize: 2000, dim: 64, numClasses: 2, dropout: 0.3 }) */
export function describeModel(c: ModelConfig): string {
  if (c.kind === 'bow-logreg') return `bow-logreg: ${c.numFeatures} features → ${c.numClasses} classes, input dropout ${c.dropout}`;
  if (c.kind === 'embedding-bag') return `embedding-bag: ${c.vocabSize} tokens × ${c.dim}, mean-pooled → ${c.numClasses} classes, dropout ${c.dropout}`;
  return `encoder: ${c.vocabSize} tokens, ${c.nLayer} layers × ${c.nHead} heads, width ${c.nEmbd}, up to ${c.maxLength} tokens, mean-pooled → ${c.numClasses} classes, dropout ${c.dropout}`;
}
