// The command line end to end, on a small MovieLens-shaped folder made here (ratings.csv and movies.csv).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectingIO } from '@typegrad/app-kit';
import { syntheticMoviesCsv, syntheticRatingsCsv } from '../testing/synthetic.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'recommender-cli-'));
const data = join(dir, 'ml');
const runs = join(dir, 'runs');

async function run(...argv: string[]) {
  const io = collectingIO();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(() => {
  mkdirSync(data);
  writeFileSync(join(data, 'ratings.csv'), syntheticRatingsCsv(40, 30, 15, 2));
  writeFileSync(join(data, 'movies.csv'), syntheticMoviesCsv(30));
});

describe('recommender command line', () => {
  it('train: the baselines and the model in one table, and a checkpoint', async () => {
    const r = await run('train', '--data', data, '--epochs', '8', '--batch-size', '32', '--lr', '0.05', '--reg', '0.01', '--out', join(runs, 'mf'), '--plain');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: 600 ratings by 40 users of 30 items \(\d(\.5)?–5 stars\)/);
    expect(r.out).toContain('split  random 80/20 (seed 42): 480 to train, 120 held out');
    expect(r.out).toMatch(/epoch 8\/8 {2}loss \d\.\d{4} {2}test RMSE \d\.\d{4}/);
    expect(r.out).toMatch(/\| global mean +\| +\d\.\d{4} \| +\d\.\d{4} \|/);
    expect(r.out).toMatch(/\| user \+ item biases +\|/);
    expect(r.out).toMatch(/\| mf +\| +\d\.\d{4} \|/);
    expect(r.out).toContain(`saved ${join(runs, 'mf')}.json`);
    const meta = JSON.parse(readFileSync(join(runs, 'mf.json'), 'utf8'));
    expect(meta).toMatchObject({ format: 'typegrad-recommender', config: { kind: 'mf', numUsers: 40, numItems: 30 }, data: { source: data, ratings: 600 } });
  });

  it('eval: the same table from the checkpoint, with ranking against popularity on request', async () => {
    const r = await run('eval', '--checkpoint', join(runs, 'mf'), '--ranking');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| model +\| +RMSE \| +MAE \| +P@10 \| +R@10 \| +NDCG@10 \|/);
    expect(r.out).toMatch(/\| popularity +\| +— \| +— \| +\d\.\d{4} \|/);
  });

  it("recommend --user: unseen titles with genres, predictions and the user's ratings behind them", async () => {
    const r = await run('recommend', '--user', '3', '-n', '4', '--checkpoint', join(runs, 'mf'));
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => /^\| \d /.test(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^\| 1 \| Movie \d+, The \(20\d\d\) \| (Comedy|Drama|Action\|Thriller) +\| +\d\.\d\d \| .*\(\d(\.5)?\)/);
    const rated = new Set(readFileSync(join(data, 'ratings.csv'), 'utf8').split('\r\n').filter((l) => l.startsWith('3,')).map((l) => l.split(',')[1]));
    for (const row of rows) expect(rated.has(/Movie (\d+)/.exec(row)![1])).toBe(false);
  });

  it('recommend --rate: a new user folded in from a few ratings (titles in full or by their words)', async () => {
    const r = await run('recommend', '--rate', 'Movie 100, The (2000)=5', '--rate', 'movie 107=1', '-n', '3', '--checkpoint', join(runs, 'mf'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('a new user with 2 ratings, folded in');
    expect(r.out.split('\n').filter((l) => /^\| \d /.test(l))).toHaveLength(3);
    const unknown = await run('recommend', '--rate', 'Nope (1999)=4', '--checkpoint', join(runs, 'mf'));
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("--rate: no item is titled 'Nope (1999)'");
    const ambiguous = await run('recommend', '--rate', 'Movie 10=4', '--checkpoint', join(runs, 'mf'));
    expect(ambiguous.out).toMatch(/'Movie 10' matches \d+ titles/);
    const stars = await run('recommend', '--rate', 'Movie 100, The (2000)=9', '--checkpoint', join(runs, 'mf'));
    expect(stars.out).toMatch(/stars must be a number from \d(\.5)? to 5/);
  });

  it('similar: cosine and dot-product neighbours side by side', async () => {
    const r = await run('similar', 'Movie 105, The (2005)', '-n', '3', '--min-ratings', '0', '--checkpoint', join(runs, 'mf'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('nearest Movie 105, The (2005)');
    expect(r.out).toMatch(/\| # \| by cosine +\| +cos \| by dot product +\| +dot \|/);
    expect(r.out.split('\n').filter((l) => /^\| \d /.test(l))).toHaveLength(3);
    expect((await run('similar', '--checkpoint', join(runs, 'mf'))).out).toContain('missing <title>');
  });

  it('plot: an SVG of the item embeddings', async () => {
    const out = join(dir, 'movies.svg');
    const r = await run('plot', '--out', out, '--labels', '5', '--checkpoint', join(runs, 'mf'));
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<text[^>]*font-size="11"/g)?.length).toBeGreaterThan(0);
  });

  it('train --model bpr on the temporal split, and nn, and k folds', async () => {
    const bpr = await run('train', '--model', 'bpr', '--data', data, '--epochs', '3', '--batch-size', '64', '--leave-out', '3', '--out', join(runs, 'bpr'), '--plain');
    expect(bpr.code).toBe(0);
    expect(bpr.out).toContain("split  each user's last 3 ratings held out: 480 to train, 120 held out");
    expect(bpr.out).toMatch(/\| popularity +\| +\d\.\d{4} \|/);
    expect(bpr.out).toMatch(/\| bpr +\| +\d\.\d{4} \|/);
    expect(bpr.out).not.toContain('RMSE |');
    const nn = await run('train', '--model', 'nn', '--data', data, '--epochs', '1', '--hidden', '8', '--out', join(runs, 'nn'), '--plain');
    expect(nn.code).toBe(0);
    expect(nn.out).toContain('model  nn: embeddings ');
    const folds = await run('train', '--data', data, '--split', 'kfold', '--folds', '2', '--epochs', '1', '--plain');
    expect(folds.code).toBe(0);
    expect(folds.out).toContain('2-fold cross-validation (mean ± standard deviation over the folds):');
    expect(folds.out).toMatch(/\| mf +\| \d\.\d{4} ± \d\.\d{4} \|/);
  });

  it('names the flag, the file or the checkpoint of a mistake', async () => {
    const usage = async (...argv: string[]) => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      return r.out.split('\n')[0];
    };
    expect(await usage('train', '--model', 'svd')).toBe("recommender train: --model must be one of mf, nn, bpr, got 'svd'");
    expect(await usage('train', '--leave-out', '5')).toBe('recommender train: --leave-out applies to the temporal split, not random');
    expect(await usage('train', '--model', 'mf', '--hidden', '10')).toBe('recommender train: --hidden applies to nn, not mf');
    expect(await usage('train', '--split', 'kfold', '--out', 'x')).toBe('recommender train: --out: a k-fold run trains one model per fold and saves none');
    expect(await usage('recommend')).toBe('recommender recommend: give either --user <id> (a user in the data) or --rate "title=stars" (one or more, for a new user)');
    const missing = await run('eval', '--checkpoint', join(dir, 'nothing'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no checkpoint at ${join(dir, 'nothing')}`);
    const other = join(dir, 'other.csv');
    writeFileSync(other, syntheticRatingsCsv(10, 5, 3, 9));
    const mismatch = await run('eval', '--checkpoint', join(runs, 'mf'), '--data', other);
    expect(mismatch.err).toContain(`${other} is not the data ${join(runs, 'mf')} was trained on`);
    const noUser = await run('recommend', '--user', '999', '--checkpoint', join(runs, 'mf'));
    expect(noUser.err).toContain("no user '999'");
  });
});
