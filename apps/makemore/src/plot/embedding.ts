import type { CharTokenizer } from '@typegrad/tokenizers';
import { MLP } from '../models/mlp.js';
import type { LanguageModel } from '../models/language-model.js';
import { scatterPlot } from '@typegrad/app-kit';

/**
 * The lecture's picture of a 2-D character embedding (emb size 2): each character at its row of C, as SVG.
 * Characters the model treats alike end up close together (the vowels, for instance).
 * @example fs.writeFileSync('embedding.svg', await embeddingPlot(mlp, vocab));
 */
export async function embeddingPlot(model: LanguageModel, vocab: CharTokenizer): Promise<string> {
  if (!(model instanceof MLP)) throw new Error(`the embedding plot needs the mlp model (got ${model.config.model})`);
  if (model.config.embDim !== 2) throw new Error(`the embedding plot needs an embedding of size 2 (this model's is ${model.config.embDim}; train with --emb 2)`);
  const C = await model.emb.weight.detach().data();
  const points = vocab.tokens.map((label, i) => ({ x: C[2 * i], y: C[2 * i + 1], label }));
  return scatterPlot(points, { title: 'character embedding (C)', xLabel: 'C[:, 0]', yLabel: 'C[:, 1]' });
}
