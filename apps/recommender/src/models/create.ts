import type { Generator } from '@typegrad/tensor';
import type { ModelConfig } from './config.js';
import { EmbeddingNN } from './embedding-nn.js';
import { MatrixFactorization } from './matrix-factorization.js';
import type { RatingModel } from './rating-model.js';

/**
 * The model a config describes, its weights drawn from `generator`.
 * @example const model = createModel(modelConfig('mf', data), new Generator().manualSeed(42));
 */
export function createModel(config: ModelConfig, generator?: Generator): RatingModel {
  return config.kind === 'nn' ? new EmbeddingNN(config, generator) : new MatrixFactorization(config, generator);
}
