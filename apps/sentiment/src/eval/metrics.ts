/** Classification figures: accuracy, macro-F1, the confusion matrix, accuracy per source. */
import type { LabelledText } from '../data/examples.js';
import type { TextClassifier } from '../models/classifier.js';

/** What `sentiment train` reports on test. */
export interface Evaluation {
  n: number;
  accuracy: number;
  /** The unweighted mean over classes of F1 = 2PR / (P + R) (a class never predicted and never true counts 0). */
  macroF1: number;
  /** confusion[true][predicted]: counts. */
  confusion: number[][];
  /** Accuracy and count for each source, in the order they first appear (absent when no example has a source). */
  perSource: { source: string; n: number; accuracy: number }[];
}

/**
 * The figures of predicted classes against the true ones.
 * @example evaluatePredictions([1, 0, 1], [1, 1, 1], 2) // { n: 3, accuracy: 0.667, macroF1: 0.4, confusion: [[0, 0], [1, 2]], perSource: [] }
 */
export function evaluatePredictions(predicted: readonly number[], truth: readonly number[], numClasses: number, sources?: readonly (string | undefined)[]): Evaluation {
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let correct = 0;
  predicted.forEach((p, i) => {
    confusion[truth[i]][p]++;
    if (p === truth[i]) correct++;
  });
  const f1 = confusion.map((row, c) => {
    const tp = row[c];
    const actual = row.reduce((a, b) => a + b, 0);
    const guessed = confusion.reduce((a, r) => a + r[c], 0);
    return actual + guessed === 0 ? 0 : (2 * tp) / (actual + guessed);
  });
  const bySource = new Map<string, { n: number; correct: number }>();
  sources?.forEach((s, i) => {
    if (s === undefined) return;
    const entry = bySource.get(s) ?? { n: 0, correct: 0 };
    entry.n++;
    if (predicted[i] === truth[i]) entry.correct++;
    bySource.set(s, entry);
  });
  return {
    n: predicted.length,
    accuracy: correct / Math.max(1, predicted.length),
    macroF1: f1.reduce((a, b) => a + b, 0) / numClasses,
    confusion,
    perSource: [...bySource].map(([source, { n, correct: c }]) => ({ source, n, accuracy: c / n })),
  };
}

/**
 * A classifier's figures on labelled examples.
 * @example const { accuracy, macroF1 } = evaluateClassifier(classifier, test);
 */
export function evaluateClassifier(classifier: TextClassifier, examples: readonly LabelledText[]): Evaluation {
  const probabilities = classifier.probabilities(examples.map((e) => e.text));
  const predicted = probabilities.map((p) => p.indexOf(Math.max(...p)));
  return evaluatePredictions(predicted, examples.map((e) => e.label), classifier.classes.length, examples.map((e) => e.source));
}

/** Mean and (sample) standard deviation. @example meanStd([0.8, 0.82, 0.84]) // { mean: 0.82, std: 0.02 } */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const variance = values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}
