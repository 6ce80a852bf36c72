// Checkpoints survive kills: the CLI saving every step is killed by SIGKILL at random moments, and what is left
// always loads as one whole save, and resumes. Saves leave no debris behind.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Generator } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { saveGenerator } from '../checkpoint/checkpoint.js';
import { vocabularyOf } from '../data/examples.js';
import { modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import { loadCheckpoint, saveCheckpoint } from './files.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const vocab = vocabularyOf(['abc', 'cab']);
const info = (step: number) => ({
  data: { source: 'shipped:names.txt', splitSeed: 42, examples: { train: 1, dev: 1, test: 1 } },
  training: { step, steps: 10, batchSize: 32, lr: 0.1, decayAt: 5, decayFactor: 0.1, regularization: 0, seed: 1, generator: saveGenerator(new Generator().manualSeed(1)), scheduler: null },
  losses: {},
});

describe('checkpoint files', () => {
  it('a run killed at random moments while saving every step always leaves a checkpoint that loads and resumes', async () => {
    expect(existsSync(cli), `the child process runs the built CLI: ${cli} is missing (pnpm build)`).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'makemore-kill-'));
    const stem = join(dir, 'm');
    const flags = ['--hidden', '8', '--emb', '2', '--batch-size', '4', '--checkpoint-every', '1', '--samples', '0', '--eval-every', '0', '--plain'];
    let lastStep = 0;
    for (let kill = 0; kill < 10; kill++) {
      const args = kill === 0 ? ['train', ...flags, '--steps', '1000000', '--out', stem] : ['train', '--resume', stem, '--checkpoint-every', '1', '--samples', '0', '--plain'];
      const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      // kill once it is saving, at a random moment of a save
      while (!existsSync(`${stem}.json`) || (await loadCheckpoint(stem).catch(() => null))?.meta.training.step === lastStep) {
        if (child.exitCode !== null) throw new Error(`the run ended early: ${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 60));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const { meta } = await loadCheckpoint(stem); // throws if the files were left mixed
      expect(meta.training.step, `kill ${kill}`).toBeGreaterThan(lastStep);
      lastStep = meta.training.step;
    }
    // one more whole save by a live process clears what the kills left
    const loaded = await loadCheckpoint(stem);
    await saveCheckpoint(stem, loaded.model, loaded.vocab, info(lastStep));
    const left = (await readdir(dir)).sort();
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left.filter((f) => f.endsWith('.safetensors'))).toEqual([JSON.parse(await readFile(`${stem}.json`, 'utf8')).weights]);
  });

  it('weights of an interrupted save are ignored, then removed by the next save; old single-name checkpoints still load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'makemore-files-'));
    const stem = join(dir, 'm');
    const model = createModel(modelConfig('bigram', vocab.vocabSize), new Generator().manualSeed(1));
    const first = await saveCheckpoint(stem, model, vocab, info(1));
    await writeFile(join(dir, 'm.0123456789abcdef.safetensors'), 'a save killed before it wrote the JSON');
    expect((await loadCheckpoint(stem)).meta.id).toBe(first.id);
    const second = await saveCheckpoint(stem, model, vocab, info(2));
    expect((await readdir(dir)).sort()).toEqual(['m.json', `m.${second.id}.safetensors`].sort());
    // version 1 wrote <stem>.safetensors and named it in the JSON; such files load as they are
    const json = JSON.parse(await readFile(`${stem}.json`, 'utf8'));
    await writeFile(join(dir, 'm.safetensors'), await readFile(join(dir, json.weights)));
    await writeFile(`${stem}.json`, JSON.stringify({ ...json, version: 1, weights: 'm.safetensors' }));
    expect((await loadCheckpoint(stem)).meta.training.step).toBe(2);
  });

  it('a JSON cannot point the loader outside its directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'makemore-files-'));
    const stem = join(dir, 'm');
    const model = createModel(modelConfig('bigram', vocab.vocabSize), new Generator().manualSeed(1));
    await saveCheckpoint(stem, model, vocab, info(1));
    const json = JSON.parse(await readFile(`${stem}.json`, 'utf8'));
    await writeFile(`${stem}.json`, JSON.stringify({ ...json, weights: '../../etc/passwd.safetensors' }));
    await expect(loadCheckpoint(stem)).rejects.toThrow(`${stem}.json: 'weights' is "../../etc/passwd.safetensors"; expected the name of a .safetensors file beside the JSON`);
  });
});
