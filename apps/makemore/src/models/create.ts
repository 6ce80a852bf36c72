import type { Generator } from '@typegrad/tensor';
import { BigramCounts } from './bigram-counts.js';
import { BigramNet } from './bigram.js';
import type { ModelConfig } from './config.js';
import type { LanguageModel } from './language-model.js';
import { MLP } from './mlp.js';
import { CharTransformer } from './char-transformer.js';

/**
 * A new, untrained model of the configured kind; random weights come from `generator`.
 * @example const model = createModel(modelConfig('mlp', 27), new Generator().manualSeed(2147483647));
 */
export function createModel(config: ModelConfig, generator?: Generator): LanguageModel {
  switch (config.model) {
    case 'bigram-counts':
      return new BigramCounts(config);
    case 'bigram':
      return new BigramNet(config, generator);
    case 'mlp':
      return new MLP(config, generator);
    case 'transformer':
    case 'gpt':
      return new CharTransformer(config, generator);
  }
}
