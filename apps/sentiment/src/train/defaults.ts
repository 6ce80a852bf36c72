/** Each model's training settings where the caller says nothing else: what `sentiment train` and `compare` use. */
import type { ModelKind } from '../models/config.js';

/** The settings shared by every model. */
export interface TrainingDefaults {
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  patience: number;
}

/**
 * The defaults of each model (chosen on ten-fold cross-validation of the shipped sentences; see the README).
 * @example TRAINING_DEFAULTS['embedding-bag'] // { epochs: 20, batchSize: 32, lr: 0.005, weightDecay: 0.01, patience: 3 }
 */
export const TRAINING_DEFAULTS: Record<ModelKind, TrainingDefaults> = {
  'bow-logreg': { epochs: 30, batchSize: 32, lr: 0.01, weightDecay: 0.1, patience: 3 },
  'embedding-bag': { epochs: 20, batchSize: 32, lr: 0.005, weightDecay: 0.01, patience: 3 },
  encoder: { epochs: 10, batchSize: 32, lr: 0.001, weightDecay: 0.01, patience: 3 },
};
