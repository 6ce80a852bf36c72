// Runs every guide example (examples/*.js) in Node with the harness the page's worker uses, and writes what it
// prints to examples/<name>.out, which the guide shows and the browser test compares with what the page prints.
// `--check` compares instead of writing, and fails on a difference.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { linePlot } from '@typegrad/app-kit';
import { runExample } from '../.vitepress/theme/run/harness.js';
import { MODULES } from '../.vitepress/theme/run/modules.js';
import { DOCS } from './packages.mjs';

const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = join(DOCS, 'examples');
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const name = file.replace(/\.js$/, '');
  if (only.length && !only.includes(name)) continue;
  const lines = [];
  const started = performance.now();
  await runExample(readFileSync(join(dir, file), 'utf8'), {
    modules: MODULES,
    linePlot,
    emit: (m) => lines.push(m.type === 'print' ? m.text : `[plot: ${m.title}]`),
  });
  const text = lines.join('\n') + '\n';
  const out = join(dir, `${name}.out`);
  const ms = (performance.now() - started).toFixed(0);
  if (check) {
    const same = existsSync(out) && readFileSync(out, 'utf8') === text;
    if (!same) failed++;
    console.log(`${same ? 'same' : 'DIFFERENT'}  ${name} (${ms} ms)`);
  } else {
    writeFileSync(out, text);
    console.log(`wrote examples/${name}.out (${ms} ms)\n${text}`);
  }
}
process.exit(failed ? 1 : 0);
