// Trains the sentiment page's classifier before every build (and dev server): @typegrad/sentiment's bag-of-words
// logistic regression, with its command line's defaults and n-grams seen at least twice, written to
// public/models/sentiment-bow.json and the weights (.safetensors) and features (.tokenizer.json) files it names.
// The page loads them by URL with loadClassifier. About 3 s; the three files come to about 180 KB.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS } from './packages.mjs';

const dir = join(DOCS, 'public', 'models');
rmSync(dir, { recursive: true, force: true }); // files of an earlier save carry another id
const cli = join(DOCS, 'node_modules', '@typegrad', 'sentiment', 'dist', 'cli.js'); // the package's `sentiment` command
const started = performance.now();
execFileSync(process.execPath, [cli, 'train', '--model', 'bow-logreg', '--min-freq', '2', '--out', join(dir, 'sentiment-bow')], { stdio: ['ignore', 'ignore', 'inherit'] });
rmSync(join(dir, '.gitignore'), { force: true }); // written by the command line for runs/; docs/.gitignore covers this folder
const meta = JSON.parse(readFileSync(join(dir, 'sentiment-bow.json'), 'utf8'));
const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
if (!existsSync(join(dir, meta.weights)) || !existsSync(join(dir, meta.features))) throw new Error('sentiment-model: the checkpoint is incomplete');
console.log(`sentiment model: ${meta.config.numFeatures} n-grams, test accuracy ${(100 * meta.test.accuracy).toFixed(1)}%, ${(bytes / 1024).toFixed(0)} KiB, ${((performance.now() - started) / 1000).toFixed(1)} s`);
