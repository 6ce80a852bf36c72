import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from './files.js';
import type { CliIO } from './io.js';
import { main } from './main.js';

/** Runs the CLI in-process, collecting what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: { isTTY: false, write: (s: string) => out.push(s) }, log: (l) => void out.push(`${l}\n`), error: (l) => void err.push(`${l}\n`) };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'makemore-cli-'));

describe('makemore train, eval and sample', () => {
  it('fits the count model, saves it, and evaluates and samples from the checkpoint', async () => {
    const stem = join(dir, 'runs', 'counts');
    const train = await run('train', '--model', 'bigram-counts', '--out', stem, '--samples', '3');
    expect(train.code).toBe(0);
    expect(train.out).toContain('loss  train 2.4548  dev 2.4533');
    expect(train.out).toContain('3 names (temperature 1, seed 2147483647):\n  mor\n  ays\n  minaymoryles\n');
    const weights = JSON.parse(readFileSync(`${stem}.json`, 'utf8')).weights;
    expect(weights).toMatch(/^counts\.[0-9a-f]{16}\.safetensors$/);
    expect(train.out).toContain(`saved ${stem}.json and ${join(dir, 'runs', weights)} (step 0)`);
    expect(readdirSync(join(dir, 'runs')).sort()).toEqual(['.gitignore', 'counts.json', weights].sort());
    expect(readFileSync(join(dir, 'runs', '.gitignore'), 'utf8')).toBe('*\n');

    const evaluated = await run('eval', '--checkpoint', `${stem}.json`);
    expect(evaluated.out).toContain('loss  train 2.4548  dev 2.4533  test 2.4584');
    const sampled = await run('sample', '--checkpoint', stem, '-n', '3');
    expect(sampled.out).toBe('mor\nays\nminaymoryles\n');
    const cold = await run('sample', '--checkpoint', stem, '-n', '3', '--temperature', '0.5', '--seed', '1');
    expect(cold.out.trim().split('\n')).toHaveLength(3);
  });

  it("counts every name with --split none, so the bigram lecture's samples come out", async () => {
    const stem = join(dir, 'runs', 'all-counts');
    const train = await run('train', '--model', 'bigram-counts', '--split', 'none', '--out', stem, '--samples', '5');
    expect(train.code).toBe(0);
    expect(train.out).toContain('32,033 names; examples 228,146, every name in training (--split none)');
    // P = (N + 1) normalised, mean nll over all 228,146 bigrams: 2.4546 (the lecture prints 2.4544, having
    // added the 228,146 float32 log-probabilities one at a time; in float64 its sum gives 2.4546 too)
    expect(train.out).toContain('loss  train 2.4546\n');
    expect(train.out).toContain('5 names (temperature 1, seed 2147483647):\n  mor\n  axx\n  minaymoryles\n  kondlaisah\n  anchshizarie\n');
    const evaluated = await run('eval', '--checkpoint', stem);
    expect(evaluated.out).toContain('loss  train 2.4546\n');
    expect((await run('sample', '--checkpoint', stem, '-n', '5')).out).toBe('mor\naxx\nminaymoryles\nkondlaisah\nanchshizarie\n');
    const wrong = await run('train', '--split', 'all');
    expect([wrong.code, wrong.out.split('\n')[0]]).toEqual([2, "makemore train: --split must be one of lecture, none, got 'all'"]);
  });

  it('resumes a run to the same weights as an uninterrupted one', async () => {
    const common = ['--hidden', '16', '--batch-size', '8', '--decay-at', '3', '--samples', '0', '--eval-every', '0'];
    expect((await run('train', ...common, '--steps', '6', '--out', join(dir, 'whole'))).code).toBe(0);
    expect((await run('train', ...common, '--steps', '2', '--out', join(dir, 'part'))).code).toBe(0);
    const resumed = await run('train', '--resume', join(dir, 'part'), '--steps', '6', '--samples', '0');
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain('resuming');
    const whole = await loadCheckpoint(join(dir, 'whole'));
    const part = await loadCheckpoint(join(dir, 'part'));
    expect(part.meta.training.step).toBe(6);
    const values = (m: typeof whole.model) => m.parameters().map((p) => p.toArraySync());
    expect(values(part.model)).toEqual(values(whole.model));
  });

  it("trains the transformer with AdamW, saves the optimizer's state with the weights, samples and evaluates", async () => {
    const common = ['--model', 'transformer', '--layers', '1', '--heads', '2', '--emb', '8', '--batch-size', '4', '--samples', '0', '--eval-every', '0'];
    const whole = await run('train', ...common, '--steps', '40', '--out', join(dir, 't-whole'));
    expect(whole.code).toBe(0);
    expect(whole.out).toContain('model transformer (1 layers, 2 heads, emb 8, block 16, dropout 0.2): ');
    expect(whole.out).toContain('AdamW (betas 0.9, 0.99, weight decay 0.01), warmup 4 then cosine to 0.0001');
    const loaded = await loadCheckpoint(join(dir, 't-whole'));
    expect(loaded.meta.training.optimizerState?.state[0]).toMatchObject({ step: 40 });
    const saved = JSON.parse(readFileSync(join(dir, 't-whole.json'), 'utf8'));
    expect(Object.keys(saved.training.optimizerState.state[0])).toEqual(['step']); // the moments are in the weights file
    const sampled = await run('sample', '--checkpoint', join(dir, 't-whole'), '-n', '3');
    expect(sampled.out.trim().split('\n')).toHaveLength(3);
    const evaluated = await run('eval', '--checkpoint', join(dir, 't-whole'));
    expect(evaluated.out).toMatch(/loss {2}train \d\.\d{4} {2}dev \d\.\d{4} {2}test \d\.\d{4}/);
  });

  it('resumes the transformer from a mid-run checkpoint to the same weights', async () => {
    const common = ['--model', 'transformer', '--layers', '1', '--heads', '2', '--emb', '8', '--batch-size', '4', '--samples', '0', '--eval-every', '0', '--steps', '30'];
    expect((await run('train', ...common, '--out', join(dir, 'r-whole'))).code).toBe(0);
    // Ctrl-C once the progress line passes step 10: the run saves after that step and stops
    const stop = new AbortController();
    const write = (line: string) => {
      if (Number(/step (\d+)\//.exec(line)?.[1] ?? 0) >= 10) stop.abort();
      return true;
    };
    await main(['train', ...common, '--out', join(dir, 'r-part')], { stdout: { isTTY: false, write }, log: () => {}, error: () => {}, signal: stop.signal });
    const stopped = await loadCheckpoint(join(dir, 'r-part'));
    expect(stopped.meta.training.step).toBeLessThan(30);
    expect((await run('train', '--resume', join(dir, 'r-part'), '--samples', '0')).code).toBe(0);
    const values = (m: typeof stopped.model) => m.parameters().map((p) => p.toArraySync());
    expect(values((await loadCheckpoint(join(dir, 'r-part'))).model)).toEqual(values((await loadCheckpoint(join(dir, 'r-whole'))).model));
  });

  it('trains a GPT on any text in text mode, then continues a prompt from the checkpoint', async () => {
    const text = join(dir, 'hamlet.txt');
    writeFileSync(text, 'To be, or not to be, that is the question:\nWhether tis nobler in the mind to suffer\n'.repeat(40));
    const common = ['--layers', '1', '--heads', '2', '--emb', '16', '--block-size', '16', '--eval-iters', '2'];
    const r = await run('train', '--model', 'gpt', '--data', text, ...common, '--steps', '30', '--eval-every', '15', '--samples', '60', '--out', join(dir, 'gpt'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('3,360 characters (22 distinct); train 3,024, val 336 (the last 10%)');
    expect(r.out).toMatch(/step 15: train \(2 batches\) \d\.\d{4} {2}val \(2 batches\) \d\.\d{4}/);
    expect(r.out).toContain('60 characters (temperature 0.8, top-k 200, seed 2147483647):\n');
    const sampled = await run('sample', '--checkpoint', join(dir, 'gpt'), '-n', '20', '--prompt', 'To be');
    expect(sampled.code).toBe(0);
    expect(sampled.out.startsWith('To be')).toBe(true);
    expect(sampled.out.replace(/\n$/, '')).toHaveLength(25);
    expect((await run('sample', '--checkpoint', join(dir, 'gpt'), '--prompt', 'Zounds')).out).toContain("--prompt: 'Z' is not among the 22 characters this model knows");
    const evaluated = await run('eval', '--checkpoint', join(dir, 'gpt'), '--eval-iters', '2');
    expect(evaluated.out).toMatch(/loss {2}train \(2 batches\) \d\.\d{4} {2}val \(2 batches\) \d\.\d{4}/);
  });

  it('writes the embedding plot for a 2-D embedding', async () => {
    const svg = join(dir, 'emb.svg');
    const r = await run('train', '--emb', '2', '--hidden', '8', '--steps', '5', '--samples', '0', '--out', join(dir, 'emb'), '--plot-embedding', svg);
    expect(r.code).toBe(0);
    expect(readFileSync(svg, 'utf8').match(/<circle/g)).toHaveLength(27);
  });
});

describe('makemore lr-find', () => {
  it('writes the sweep as an SVG and prints the valley', async () => {
    const svg = join(dir, 'lr.svg');
    const r = await run('lr-find', '--hidden', '8', '--steps', '30', '--plot', svg);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valley: lr [\d.e-]+ \(log10 -?[\d.]+\)/);
    expect(readFileSync(svg, 'utf8')).toContain('log10(learning rate)');
  });
});

describe('makemore errors', () => {
  it('explains usage mistakes with the help text, exit status 2', async () => {
    const unknown = await run('train', '--stpes', '5');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/Unknown option '--stpes'[\s\S]*usage: makemore train/);
    expect((await run('train', '--steps', 'many')).out).toContain("--steps must be a number, got 'many'");
    expect((await run('train', '--model', 'rnn')).out).toContain("--model must be one of bigram-counts, bigram, mlp, transformer, gpt, got 'rnn'");
    expect((await run('train', '--plot-embedding', 'x.svg', '--steps', '1')).out).toContain('--plot-embedding needs the mlp with --emb 2');
    expect((await run('train', '--resume', join(dir, 'part'), '--lr', '1')).out).toContain('--lr cannot change when resuming');
    expect((await run('fly')).code).toBe(2);
    expect((await run('sample', '--help')).out).toContain('-n, --count <n>');
  });

  it('checks every flag and the output location before training', async () => {
    const before = (r: { out: string }) => expect(r.out).not.toContain('trained');
    const cold = await run('train', '--temperature', '0', '--steps', '100000');
    expect([cold.code, cold.out.split('\n')[0]]).toEqual([2, 'makemore train: --temperature must be positive, got 0']);
    const samples = await run('train', '--samples=-3', '--steps', '100000');
    expect([samples.code, samples.out.split('\n')[0]]).toEqual([2, 'makemore train: --samples must be at least 0, got -3']);
    before(cold);
    before(samples);
    writeFileSync(join(dir, 'blocker'), 'a file where a directory is wanted');
    const blocked = await run('train', '--steps', '100000', '--out', join(dir, 'blocker', 'runs', 'm'));
    expect(blocked.code).toBe(1);
    expect(blocked.err).toContain(`makemore train: cannot write a checkpoint at ${join(dir, 'blocker', 'runs', 'm')}: ENOTDIR`);
    before(blocked);
    if (existsSync('/proc/self')) {
      // Node's own recursive mkdir never returns here
      const proc = await run('train', '--steps', '100000', '--out', '/proc/x/y');
      expect(proc.err).toContain('makemore train: cannot write a checkpoint at /proc/x/y: ENOENT');
    }
  });

  it('refuses data too small to split, saying how many names it takes', async () => {
    const data = join(dir, 'one.txt');
    writeFileSync(data, 'anna\n');
    const one = await run('train', '--data', data, '--steps', '1', '--out', join(dir, 'one'));
    expect(one.code).toBe(1);
    expect(one.err).toContain("the 80/10/10 split of 1 name gives train 0, dev 0, test 1; each part needs a name, which takes at least 6 names (or split 'none', which trains on all of them)");
    writeFileSync(data, 'anna\nbob\n');
    expect((await run('train', '--data', data, '--steps', '1', '--out', join(dir, 'two'))).err).toContain('split of 2 names gives train 1, dev 0, test 1');
    const all = await run('train', '--data', data, '--split', 'none', '--hidden', '4', '--steps', '2', '--samples', '0', '--out', join(dir, 'two'));
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/loss  train \d\.\d{4}\n/);
  });

  it('streams sampled names as they are made, for any count, until stopped', async () => {
    const stem = join(dir, 'stream');
    await run('train', '--model', 'bigram-counts', '--split', 'none', '--samples', '0', '--out', stem);
    const stop = new AbortController();
    const lines: string[] = [];
    const io: CliIO = { stdout: { isTTY: false, write: () => true }, log: (l) => void (lines.push(l) === 5 && stop.abort()), error: () => {}, signal: stop.signal };
    expect(await main(['sample', '--checkpoint', stem, '-n', '1e9'], io)).toBe(0);
    expect(lines).toEqual(['mor', 'axx', 'minaymoryles', 'kondlaisah', 'anchshizarie']);
  });

  it('names the file and line of bad data, and a missing checkpoint, exit status 1', async () => {
    const data = join(dir, 'bad.txt');
    writeFileSync(data, 'anna\nbob smith\n');
    const bad = await run('train', '--data', data, '--steps', '1');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`makemore train: ${data}:2:4: whitespace ' ' (U+0020) in a name`);
    writeFileSync(data, 'anna\nbob smith\nava\nemma\nbo.b\n');
    const skipped = await run('train', '--model', 'bigram-counts', '--data', data, '--skip-invalid', '--split', 'none', '--samples', '0', '--out', join(dir, 'skipped'));
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain(`left out 2 malformed lines of ${data} (--skip-invalid):\n  ${data}:2:4: whitespace`);
    expect(skipped.out).toContain('3 names;');
    const missing = await run('sample', '--checkpoint', join(dir, 'nothing'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no checkpoint at ${join(dir, 'nothing')}`);
  });
});
