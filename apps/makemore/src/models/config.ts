/**
 * The models of the makemore lectures, makemore's transformer over names, and 'gpt': nanoGPT's character-level GPT
 * over a stream of text (text mode).
 */
export type ModelKind = 'bigram-counts' | 'bigram' | 'mlp' | 'transformer' | 'gpt';
/** Every model kind, in the lectures' order. @example MODEL_KINDS.includes('mlp') // true */
export const MODEL_KINDS: readonly ModelKind[] = ['bigram-counts', 'bigram', 'mlp', 'transformer', 'gpt'];
/** The kinds that are transformers, reading sequences and predicting at every position. */
export const isTransformer = (kind: ModelKind): boolean => kind === 'transformer' || kind === 'gpt';

/** How the MLP's weights start: 'randn' as in the MLP lecture (all N(0, 1)); 'kaiming' as the next lecture fixes it. */
export type MlpInit = 'randn' | 'kaiming';
/** How the bigram network reads its input: the lecture's one-hot matrix product, or the equivalent row lookup. */
export type BigramInput = 'one-hot' | 'embedding';

/**
 * Everything that fixes a model's shape and its initial weights (with the seed); saved in checkpoints.
 * @example { model: 'mlp', vocabSize: 27, blockSize: 3, embDim: 10, hidden: 200, init: 'kaiming', smoothing: 1, input: 'embedding' }
 */
export interface ModelConfig {
  model: ModelKind;
  /** Characters, boundary included (27 for the names). */
  vocabSize: number;
  /** Characters of context (1 for the bigram models; 3 for the lecture's MLP; the longest name + 1 for the transformer). */
  blockSize: number;
  /** MLP: size of each character's embedding (default 10); transformer: the width of its embeddings and blocks (default 64). */
  embDim: number;
  /** Transformer: blocks (default 4). */
  layers: number;
  /** Transformer: attention heads per block (default 4). */
  heads: number;
  /** Transformers: dropout on embeddings, attention and residual branches while training (default 0.2 for the transformer, 0 for the gpt, as nanoGPT's CPU run). */
  dropout: number;
  /** MLP: hidden units. Default 200. */
  hidden: number;
  /** MLP: initialisation. Default 'kaiming'. */
  init: MlpInit;
  /** bigram-counts: the count added to every pair ("model smoothing"). Default 1, as in the lecture. */
  smoothing: number;
  /** bigram: one-hot input or row lookup (the same function). Default 'embedding'. */
  input: BigramInput;
}

/**
 * A full config from the model kind, the vocabulary size and any overrides, with the lectures' defaults.
 * @example modelConfig('mlp', 27, { embDim: 2 }) // block 3, hidden 200
 */
export function modelConfig(model: ModelKind, vocabSize: number, overrides: Partial<ModelConfig> = {}): ModelConfig {
  if (!MODEL_KINDS.includes(model)) throw new Error(`unknown model '${model}' (expected one of ${MODEL_KINDS.join(', ')})`);
  const config: ModelConfig = {
    model,
    vocabSize,
    blockSize: model === 'mlp' ? 3 : model === 'transformer' ? 16 : model === 'gpt' ? 64 : 1,
    embDim: model === 'transformer' ? 64 : model === 'gpt' ? 128 : 10,
    layers: 4,
    heads: 4,
    // makemore's transformer overfits the 25,626 training names without it (dev 2.09 by step 18,000; 1.976 with 0.2)
    dropout: model === 'transformer' ? 0.2 : 0,
    hidden: 200,
    init: 'kaiming',
    smoothing: 1,
    input: 'embedding',
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const positive = (name: keyof ModelConfig) => {
    const v = config[name] as number;
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  };
  positive('vocabSize');
  positive('blockSize');
  positive('embDim');
  positive('hidden');
  positive('layers');
  positive('heads');
  if (isTransformer(model) && config.embDim % config.heads !== 0) throw new RangeError(`embDim (${config.embDim}) must be divisible by heads (${config.heads})`);
  if (!(config.dropout >= 0 && config.dropout < 1)) throw new RangeError(`dropout must be in [0, 1), got ${config.dropout}`);
  if (model !== 'mlp' && !isTransformer(model) && config.blockSize !== 1) throw new RangeError(`${model} looks at one character: blockSize must be 1, got ${config.blockSize}`);
  if (!(config.smoothing >= 0)) throw new RangeError(`smoothing must be >= 0, got ${config.smoothing}`);
  if (config.init !== 'randn' && config.init !== 'kaiming') throw new Error(`init must be 'randn' or 'kaiming', got '${config.init}'`);
  if (config.input !== 'one-hot' && config.input !== 'embedding') throw new Error(`input must be 'one-hot' or 'embedding', got '${config.input}'`);
  return config;
}

/**
 * The shapes of a model's state dict, from its config alone: what a checkpoint's weights must hold before a model
 * is built for them (so a config asking for ten million hidden units is refused before it allocates anything).
 * @example stateShapes(modelConfig('mlp', 27)) // { 'emb.weight': [27, 10], 'hidden.weight': [200, 30], … }
 */
export function stateShapes(config: ModelConfig): Record<string, number[]> {
  const { vocabSize: V, blockSize, embDim, hidden } = config;
  switch (config.model) {
    case 'bigram-counts':
      return { N: [V, V] };
    case 'bigram':
      return { W: [V, V] };
    case 'mlp':
      return { 'emb.weight': [V, embDim], 'hidden.weight': [hidden, blockSize * embDim], 'hidden.bias': [hidden], 'out.weight': [V, hidden], 'out.bias': [V] };
    case 'transformer':
    case 'gpt': {
      // makemore's transformer has biases and its own output layer; the gpt (nanoGPT's) neither: its head is the token embedding
      const E = embDim;
      const bias = config.model === 'transformer';
      const shapes: Record<string, number[]> = { 'transformer.wte.weight': [V, E], 'transformer.wpe.weight': [blockSize, E] };
      const layer = (name: string, weight: number[], biasShape: number[]) => {
        shapes[`${name}.weight`] = weight;
        if (bias) shapes[`${name}.bias`] = biasShape;
      };
      for (let i = 0; i < config.layers; i++) {
        const h = `transformer.h.${i}`;
        layer(`${h}.ln_1`, [E], [E]);
        layer(`${h}.attn.c_attn`, [3 * E, E], [3 * E]);
        layer(`${h}.attn.c_proj`, [E, E], [E]);
        layer(`${h}.ln_2`, [E], [E]);
        layer(`${h}.mlp.c_fc`, [4 * E, E], [4 * E]);
        layer(`${h}.mlp.c_proj`, [E, 4 * E], [E]);
      }
      layer('transformer.ln_f', [E], [E]);
      return bias ? { ...shapes, 'lm_head.weight': [V, E] } : shapes;
    }
  }
}
