// The command line end to end, on a small CSV made here and on a subset of the shipped sentences.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectingIO } from '@typegrad/app-kit';
import { sentenceSubset } from '../testing/sentences.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'sentiment-cli-'));
const csv = join(dir, 'reviews.csv');
const runs = join(dir, 'runs');

async function run(...argv: string[]) {
  const io = collectingIO();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  const data = await sentenceSubset(300);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = data.examples.map((e) => `${quote(e.text)},${e.label === 1 ? 'good' : 'bad'},${e.source}`);
  writeFileSync(csv, `review,verdict,site\n${lines.join('\n')}\n`);
});

describe('sentiment command line', () => {
  it('train --data: figures on test, the confusion matrix, accuracy per source, and a checkpoint', async () => {
    const r = await run('train', '--data', csv, '--text-col', 'review', '--label-col', 'verdict', '--source-col', 'site', '--epochs', '3', '--out', join(runs, 'bow'), '--plain');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`data   ${csv}: 300 texts, 2 classes (bad, good)`);
    expect(r.out).toContain('split  stratified 70/15/15 (seed 42): 204 train, 48 dev, 48 test');
    expect(r.out).toMatch(/epoch 3\/3 {2}loss \d\.\d{4} {2}dev accuracy \d\.\d{4}/);
    expect(r.out).toMatch(/test {3}48 texts: accuracy \d\.\d{4} {2}macro-F1 \d\.\d{4}/);
    expect(r.out).toMatch(/\| bad +\| +\d+ \| +\d+ \|/);
    expect(r.out).toMatch(/\| yelp +\| +\d+ \| +\d\.\d{4} \|/);
    expect(r.out).toContain(`saved ${join(runs, 'bow')}.json`);
    const meta = JSON.parse(readFileSync(join(runs, 'bow.json'), 'utf8'));
    expect(meta).toMatchObject({ format: 'typegrad-sentiment', classes: ['bad', 'good'], config: { kind: 'bow-logreg', numClasses: 2 }, data: { name: csv, examples: 300 } });
  });

  it('predict: the label, its probability and the tokens behind it, as text and as JSON', async () => {
    const r = await run('predict', 'Great food and great service!', '--checkpoint', join(runs, 'bow'));
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^(good|bad) \(probability \d\.\d{4}\)/);
    expect(r.out).toContain('(exact: the contributions and the bias add up to it)');
    expect(r.out).toMatch(/\| great +\| +[14] \| +[+-]\d\.\d{4} \|/);
    expect(r.out).not.toContain('\x1b[');
    const json = JSON.parse((await run('predict', 'Great food!', '--checkpoint', join(runs, 'bow'), '--json')).out);
    expect(json).toMatchObject({ model: 'bow-logreg', classes: ['bad', 'good'], method: 'exact' });
    expect(json.tokens.map((t: { token: string }) => t.token)).toEqual(['great', 'food', '!']);
    const coloured = await run('predict', 'Great food!', '--checkpoint', join(runs, 'bow'), '--color', 'always');
    expect(coloured.out).toContain('\x1b[');
  });

  it('compare: every model over k folds, mean ± std, as markdown or CSV written to a file', async () => {
    const out = join(dir, 'results.csv');
    const r = await run('compare', '--data', csv, '--text-col', 'review', '--label-col', 'verdict', '--models', 'bow-logreg,embedding-bag', '--folds', '3', '--epochs', '2', '--format', 'csv', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/embedding-bag {2}fold 3\/3 {2}accuracy \d\.\d{4}/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('model,folds,accuracy_mean,accuracy_std,macro_f1_mean,macro_f1_std,train_seconds_mean');
    expect(lines[1]).toMatch(/^bow-logreg,3,0\.\d{4},0\.\d{4},0\.\d{4},0\.\d{4},\d+\.\d$/);
    expect(lines).toHaveLength(3);
  });

  it('errors: bad rows with file, line and column; flags that do not apply; missing checkpoints', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'text,label\nGood,pos\n"Bad,neg\n');
    const r = await run('train', '--data', bad, '--out', join(runs, 'x'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^sentiment train: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: `));
    const usage = await run('train', '--model', 'bow-logreg', '--dim', '32');
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('sentiment train: --dim applies to embedding-bag, not bow-logreg');
    const missing = await run('predict', 'hello', '--checkpoint', join(runs, 'nothing'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('make one with: sentiment train --out');
    expect((await run('compare', '--models', 'svm')).out).toContain("--models: 'svm' is not one of bow-logreg, embedding-bag, encoder");
  });
});
