import type { Module } from '@typegrad/nn';
import type { Tensor } from '@typegrad/tensor';
import type { ModelConfig } from './config.js';

/**
 * What every makemore model offers: next-character logits for a batch of contexts, and the probabilities that
 * sampling draws from.
 */
export interface LanguageModel extends Module {
  readonly config: ModelConfig;
  /** Logits [B, vocabSize] of the next character, given contexts int32 [B, blockSize]. */
  forward(context: Tensor): Tensor;
  /**
   * Next-character probabilities [B, vocabSize] at a temperature (softmax(logits / temperature)). The count model
   * returns its table's rows as they are at temperature 1, so its samples are exactly the lecture's.
   */
  probs(context: Tensor, temperature: number): Tensor;
}

/** Checks a sampling temperature. @example checkTemperature(0) // throws RangeError */
export function checkTemperature(temperature: number): void {
  if (!(temperature > 0 && Number.isFinite(temperature))) throw new RangeError(`temperature must be a positive number, got ${temperature}`);
}
