import { crossEntropy } from '@typegrad/nn';
import { findLearningRate, SGD, type LrFinderResult } from '@typegrad/optim';
import { randint, type Generator } from '@typegrad/tensor';
import type { Examples } from '../data/examples.js';
import type { LanguageModel } from '../models/language-model.js';
import { linePlot } from '@typegrad/app-kit';

/** Options of {@link findLr}. @example { minLr: 1e-3, maxLr: 1, steps: 1000, batchSize: 32, generator } */
export interface FindLrOptions {
  /** Default 1e-3, the lecture's. */
  minLr?: number;
  /** Default 1, the lecture's. */
  maxLr?: number;
  /** Rates tried, one step each. Default 1000, the lecture's. */
  steps?: number;
  /** Default 32. */
  batchSize?: number;
  generator: Generator;
}

/**
 * The lecture's learning-rate sweep: `lre = torch.linspace(-3, 0, 1000); lrs = 10**lre`, one minibatch step at
 * each rate, recording the loss. The model is trained along the way: start afresh afterwards.
 * @example
 * const result = await findLr(createModel(config, g), splits.train, { generator: g });
 * result.valley; // 0.08 for the MLP (the lecture reads 0.1 off its plot)
 */
export async function findLr(model: LanguageModel, train: Examples, options: FindLrOptions): Promise<LrFinderResult> {
  if (model.parameters().length === 0) throw new Error(`lr-find: the ${model.config.model} model has no trained parameters`);
  const { minLr = 1e-3, maxLr = 1, steps = 1000, batchSize = 32, generator } = options;
  const n = train.Y.shape[0];
  const optimizer = new SGD(model.parameters(), { lr: minLr });
  return findLearningRate({
    optimizer,
    minLr,
    maxLr,
    steps,
    trainStep: () => {
      const ix = randint(0, n, [batchSize], { generator });
      return crossEntropy(model.forward(train.X.indexSelect(0, ix)), train.Y.indexSelect(0, ix));
    },
  });
}

/**
 * The lecture's plot of loss against log10(lr), with the smoothed curve and the valley marked, as SVG.
 * @example fs.writeFileSync('lr.svg', lrFinderPlot(result));
 */
export function lrFinderPlot(result: LrFinderResult): string {
  return linePlot(
    [
      { x: result.log10Lrs, y: result.losses, label: 'loss per step', color: '#9ecae1' },
      { x: result.log10Lrs, y: result.smoothedLosses, label: 'smoothed', color: '#d62728' },
    ],
    {
      title: 'learning-rate sweep',
      xLabel: 'log10(learning rate)',
      yLabel: 'loss',
      marker: { x: Math.log10(result.valley), label: `valley: lr ${Number(result.valley.toPrecision(3))}` },
    },
  );
}
