/** The models' settings: what each kind is and its defaults, and the tensors a checkpoint of it holds. */

/** `mf`: matrix factorisation on ratings; `nn`: fastai's embedding network on ratings; `bpr`: matrix factorisation for top-N, trained on interactions with BPR. */
export type ModelKind = 'mf' | 'nn' | 'bpr';

/** The model kinds, in the order the command line lists them. */
export const MODEL_KINDS: readonly ModelKind[] = ['mf', 'nn', 'bpr'];

/** What every model has: the table sizes, and how its raw output maps to ratings. */
interface CommonConfig {
  numUsers: number;
  numItems: number;
  /** The global mean rating μ of the training ratings (0 for bpr, which predicts no ratings). */
  mean: number;
  /** Outputs squashed into (lo, hi) by a sigmoid, as fastai's y_range; null: unbounded. */
  yRange: [number, number] | null;
}

/** Matrix factorisation, dot(U[u], V[i]) + b_u + b_i + μ: `mf` on ratings, `bpr` on interactions. */
export interface FactorizationConfig extends CommonConfig {
  kind: 'mf' | 'bpr';
  factors: number;
}

/** fastai's EmbeddingNN: user and item embeddings concatenated, then ReLU layers, then one output. */
export interface EmbeddingNNConfig extends CommonConfig {
  kind: 'nn';
  userFactors: number;
  itemFactors: number;
  hidden: number[];
}

/** A model's settings (saved in checkpoints). */
export type ModelConfig = FactorizationConfig | EmbeddingNNConfig;

/**
 * fastai's rule of thumb for an embedding's width from its table's size: min(600, round(1.6 · n^0.56)).
 * @example embeddingWidth(610) // 58
 */
export const embeddingWidth = (n: number): number => Math.min(600, Math.round(1.6 * n ** 0.56));

/** The rating range a model squashes into by default: half a star beyond the data's scale (fastai's (0, 5.5) for 0.5–5 stars). */
export const defaultYRange = (scale: readonly [number, number]): [number, number] => [scale[0] - 0.5, scale[1] + 0.5];

/** What {@link modelConfig} needs to know of the data, and the settings to change. */
export interface ConfigInput {
  numUsers: number;
  numItems: number;
  mean: number;
  scale: readonly [number, number];
  factors?: number;
  userFactors?: number;
  itemFactors?: number;
  hidden?: number[];
  /** false: no squashing. */
  yRange?: [number, number] | false;
}

/**
 * A model's settings with the defaults: mf 50 factors squashed into the rating range; nn fastai's widths and one
 * hidden layer of 100; bpr 64 factors, unsquashed.
 * @example modelConfig('mf', { numUsers: 610, numItems: 9724, mean: 3.5, scale: [0.5, 5] }) // { kind: 'mf', factors: 50, yRange: [0, 5.5], … }
 */
export function modelConfig(kind: ModelKind, input: ConfigInput): ModelConfig {
  const { numUsers, numItems, scale } = input;
  const yRange = input.yRange === false ? null : (input.yRange ?? (kind === 'bpr' ? null : defaultYRange(scale)));
  if (yRange && !(yRange[0] < scale[0] && scale[1] < yRange[1])) {
    throw new RangeError(`the squashing range (${yRange.join(', ')}) must hold the ratings' scale (${scale.join(', ')}) strictly inside it`);
  }
  if (kind === 'nn') {
    return {
      kind, numUsers, numItems, mean: input.mean, yRange,
      userFactors: input.userFactors ?? embeddingWidth(numUsers),
      itemFactors: input.itemFactors ?? embeddingWidth(numItems),
      hidden: input.hidden ?? [100],
    };
  }
  return { kind, numUsers, numItems, mean: kind === 'bpr' ? 0 : input.mean, yRange, factors: input.factors ?? (kind === 'bpr' ? 64 : 50) };
}

/** The shape of every tensor of a model's state dict (checked before a checkpoint's weights are loaded). */
export function stateShapes(c: ModelConfig): Record<string, number[]> {
  if (c.kind !== 'nn') {
    return { 'userFactors.weight': [c.numUsers, c.factors], 'itemFactors.weight': [c.numItems, c.factors], 'userBias.weight': [c.numUsers, 1], 'itemBias.weight': [c.numItems, 1] };
  }
  const shapes: Record<string, number[]> = { 'userFactors.weight': [c.numUsers, c.userFactors], 'itemFactors.weight': [c.numItems, c.itemFactors] };
  const widths = [c.userFactors + c.itemFactors, ...c.hidden, 1];
  for (let k = 0; k + 1 < widths.length; k++) {
    shapes[`layers.${k}.weight`] = [widths[k + 1], widths[k]];
    shapes[`layers.${k}.bias`] = [widths[k + 1]];
  }
  return shapes;
}

/** A model in a line. @example describeModel(config) // 'mf: 50 factors, squashed into (0, 5.5)' */
export function describeModel(c: ModelConfig): string {
  const range = c.yRange ? `, squashed into (${c.yRange.join(', ')})` : '';
  if (c.kind === 'nn') return `nn: embeddings ${c.userFactors} + ${c.itemFactors}, hidden ${c.hidden.join(', ')} (ReLU)${range}`;
  return `${c.kind}: ${c.factors} factors${range}`;
}
