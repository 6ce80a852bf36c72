/** What the commands print: test figures, the confusion matrix, the folds' table, explained predictions. */
import { markdownTable } from '@typegrad/app-kit';
import type { Evaluation } from '../eval/metrics.js';
import { meanStd } from '../eval/metrics.js';
import type { Explanation } from '../explain/explain.js';

/** Accuracy and macro-F1, the confusion matrix (rows: true class) and accuracy per source. */
export function evaluationReport(e: Evaluation, classes: readonly string[]): string {
  const lines = [`test   ${e.n} texts: accuracy ${e.accuracy.toFixed(4)}  macro-F1 ${e.macroF1.toFixed(4)}`, '', 'confusion matrix (rows: true class, columns: predicted)', ''];
  lines.push(markdownTable(['true \\ predicted', ...classes], e.confusion.map((row, c) => [classes[c], ...row.map(String)])));
  if (e.perSource.length) {
    lines.push('', 'accuracy per source', '');
    lines.push(markdownTable(['source', 'texts', 'accuracy'], e.perSource.map((s) => [s.source, String(s.n), s.accuracy.toFixed(4)])));
  }
  return lines.join('\n');
}

/** One model's figures over the folds. */
export interface FoldSummary {
  model: string;
  accuracy: number[];
  macroF1: number[];
  /** Per source: each fold's accuracy. */
  perSource: Record<string, number[]>;
  seconds: number[];
}

const pm = (xs: number[], digits = 4) => {
  const { mean, std } = meanStd(xs);
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
};

/**
 * The comparison: each model's mean ± standard deviation over the folds, as Markdown or CSV.
 * @example foldTable(summaries, 'markdown')
 */
export function foldTable(summaries: readonly FoldSummary[], format: 'markdown' | 'csv'): string {
  const sources = [...new Set(summaries.flatMap((s) => Object.keys(s.perSource)))];
  if (format === 'csv') {
    const header = ['model', 'folds', 'accuracy_mean', 'accuracy_std', 'macro_f1_mean', 'macro_f1_std', ...sources.flatMap((s) => [`${s}_accuracy_mean`, `${s}_accuracy_std`]), 'train_seconds_mean'];
    const rows = summaries.map((s) => {
      const a = meanStd(s.accuracy);
      const f = meanStd(s.macroF1);
      return [s.model, s.accuracy.length, a.mean.toFixed(4), a.std.toFixed(4), f.mean.toFixed(4), f.std.toFixed(4), ...sources.flatMap((src) => {
        const m = meanStd(s.perSource[src] ?? []);
        return [m.mean.toFixed(4), m.std.toFixed(4)];
      }), meanStd(s.seconds).mean.toFixed(1)].join(',');
    });
    return [header.join(','), ...rows].join('\n');
  }
  return markdownTable(
    ['model', 'accuracy', 'macro-F1', ...sources, 'train s'],
    summaries.map((s) => [s.model, pm(s.accuracy), pm(s.macroF1), ...sources.map((src) => pm(s.perSource[src] ?? [], 3)), meanStd(s.seconds).mean.toFixed(1)]),
  );
}

/** A contribution's colour on a terminal: green toward the chosen class, red against, brighter when larger. */
function colour(text: string, contribution: number, scale: number): string {
  if (Math.abs(contribution) < 0.05 * scale) return text;
  const strong = Math.abs(contribution) >= 0.4 * scale;
  const code = contribution > 0 ? (strong ? '1;32' : '32') : strong ? '1;31' : '31';
  return `\x1b[${code}m${text}\x1b[0m`;
}

/** An explained prediction as lines: the label, the text coloured by contribution (on request), the largest contributions. */
export function explanationReport(e: Explanation, useColour: boolean, top = 10): string {
  const scale = Math.max(1e-12, ...e.tokens.map((t) => Math.abs(t.contribution)));
  const lines = [`${e.label} (probability ${e.probability.toFixed(4)})`];
  if (useColour) lines.push(`  ${e.tokens.map((t) => colour(t.token, t.contribution, scale)).join(' ')}`);
  lines.push('', `each token's contribution to the logit of '${e.label}' minus the mean logit (${e.method}${e.method === 'exact' ? ': the contributions and the bias add up to it' : ', an estimate'}):`, '');
  const ranked = e.tokens.map((t, i) => ({ ...t, i })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, top);
  lines.push(markdownTable(['token', 'position', 'contribution'], ranked.map((t) => [t.token, String(t.i + 1), `${t.contribution >= 0 ? '+' : ''}${t.contribution.toFixed(4)}`])));
  lines.push('', `${e.method === 'exact' ? 'bias' : 'not accounted for'} ${e.bias >= 0 ? '+' : ''}${e.bias.toFixed(4)}  centred logit ${e.logit.toFixed(4)}`);
  return lines.join('\n');
}
