import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(existsSync(`${stem}.json`) && existsSync(`${stem}.safetensors`)).toBe(true);
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
    expect((await run('train', '--model', 'rnn')).out).toContain("--model must be one of bigram-counts, bigram, mlp, got 'rnn'");
    expect((await run('train', '--plot-embedding', 'x.svg', '--steps', '1')).out).toContain('--plot-embedding needs the mlp with --emb 2');
    expect((await run('train', '--resume', join(dir, 'part'), '--lr', '1')).out).toContain('--lr cannot change when resuming');
    expect((await run('fly')).code).toBe(2);
    expect((await run('sample', '--help')).out).toContain('-n, --count <n>');
  });

  it('names the file and line of bad data, and a missing checkpoint, exit status 1', async () => {
    const data = join(dir, 'bad.txt');
    writeFileSync(data, 'anna\nbob smith\n');
    const bad = await run('train', '--data', data, '--steps', '1');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`makemore train: ${data}:2:4: whitespace ' ' (U+0020) in a name`);
    writeFileSync(data, 'anna\nbob smith\nava\nemma\nbo.b\n');
    const skipped = await run('train', '--model', 'bigram-counts', '--data', data, '--skip-invalid', '--samples', '0', '--out', join(dir, 'skipped'));
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain(`left out 2 malformed lines of ${data} (--skip-invalid):\n  ${data}:2:4: whitespace`);
    expect(skipped.out).toContain('3 names;');
    const missing = await run('sample', '--checkpoint', join(dir, 'nothing'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no checkpoint at ${join(dir, 'nothing')}`);
  });
});
