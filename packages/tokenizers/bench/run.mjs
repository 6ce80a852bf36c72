// pnpm bench: training speed against a recount-every-merge baseline, and cl100k_base encoding speed against
// js-tiktoken in the same process. Run after `pnpm build`.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineTrain } from './baseline-train.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'index.js');
if (!existsSync(dist)) {
  console.error('bench: dist/index.js is missing; run `pnpm build` first');
  process.exit(1);
}
const { BpeTokenizer, GPT4_PATTERN, openaiEncoding } = await import(dist);
const { Tiktoken } = await import('js-tiktoken/lite');
const cl100k = (await import('js-tiktoken/ranks/cl100k_base')).default;

const englishPath = join(here, '..', '..', '..', '..', 'shared', 'data', 'english', 'moby-dick.txt');
const multilingualPath = join(here, '..', 'fixtures', 'multilingual', 'udhr-26lang.txt');
const MiB = 1024 * 1024;
const encoder = new TextEncoder();
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
const time = (f) => {
  const start = performance.now();
  const result = f();
  return [performance.now() - start, result];
};

console.log(`@typegrad/tokenizers bench — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg()[0].toFixed(2)}`);

/** The first `bytes` bytes' worth of whole characters of `text`. */
function firstBytes(text, bytes) {
  let end = 0;
  let used = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (used + n > bytes) break;
    used += n;
    end += ch.length;
  }
  return text.slice(0, end);
}

// ---- training ----
const english = existsSync(englishPath) ? readFileSync(englishPath, 'utf8') : null;
if (english === null) {
  console.log(`\ntraining: skipped — ${englishPath} is not there (shared/data is expected beside the repository, as in CI)`);
} else {
  const MERGES = 4096;
  const text = firstBytes(english, MiB);
  console.log(`\ntraining: ${MERGES} merges on ${(encoder.encode(text).length / MiB).toFixed(2)} MiB of English (Moby-Dick), GPT-4 split pattern`);
  const [ours, tok] = time(() => BpeTokenizer.train(text, { vocabSize: 256 + MERGES, pattern: 'gpt4' }));
  console.log(`  incremental (BpeTokenizer.train): ${seconds(ours)} for ${tok.merges.length} merges`);

  // the baseline recounts everything per merge, so its time grows with the text; it runs on a slice
  const SLICE = 32 * 1024; // the smallest slice of this text that still yields 4096 merges
  const slice = firstBytes(english, SLICE);
  const chunks = slice.match(new RegExp(GPT4_PATTERN, 'gu')).map((c) => Array.from(encoder.encode(c)));
  const [base, baseMerges] = time(() => baselineTrain(chunks, MERGES));
  const [oursSlice, tokSlice] = time(() => BpeTokenizer.train(slice, { vocabSize: 256 + MERGES, pattern: 'gpt4' }));
  const same = tokSlice.merges.flat().every((v, i) => v === baseMerges[i]) && baseMerges.length === 2 * tokSlice.merges.length;
  const extrapolated = base * (MiB / SLICE);
  console.log(`  on a ${SLICE / 1024} KiB slice: baseline (recount every merge) ${seconds(base)}, incremental ${seconds(oursSlice)}; ${baseMerges.length / 2} merges each, identical: ${same ? 'yes' : 'NO'}`);
  console.log(`  baseline on 1 MiB, extrapolated linearly from the slice (each merge rescans the whole text): ~${seconds(extrapolated)}`);
  console.log(`  speed-up on 1 MiB: ~${(extrapolated / ours).toFixed(0)}x; target (< 30 s): ${ours < 30_000 ? 'met' : 'NOT met'}`);
}

// ---- encoding ----
const corpora = [];
if (english !== null) corpora.push(['English (Moby-Dick)', english]);
corpora.push(['multilingual (UDHR, 26 languages)', readFileSync(multilingualPath, 'utf8')]);
console.log('\nencoding with cl100k_base (MB/s of UTF-8 input; best of 5; ours with a fresh tokenizer each run, so its chunk cache starts empty):');
const [loadOurs] = time(() => openaiEncoding('cl100k_base', cl100k));
const [loadTheirs, reference] = time(() => new Tiktoken(cl100k));
console.log(`  loading: typegrad ${seconds(loadOurs)}, js-tiktoken ${seconds(loadTheirs)}`);
for (const [label, text] of corpora) {
  const bytes = encoder.encode(text).length;
  let bestOurs = Infinity;
  let bestTheirs = Infinity;
  let bestWarm = Infinity;
  let agree = true;
  for (let run = 0; run < 5; run++) {
    const fresh = openaiEncoding('cl100k_base', cl100k);
    const [t1, ids] = time(() => fresh.encode(text));
    const [t2] = time(() => fresh.encode(text));
    const [t3, ref] = time(() => reference.encode(text));
    bestOurs = Math.min(bestOurs, t1);
    bestWarm = Math.min(bestWarm, t2);
    bestTheirs = Math.min(bestTheirs, t3);
    if (run === 0) agree = ids.length === ref.length && ids.every((id, i) => id === ref[i]);
  }
  const ratio = bestTheirs / bestOurs;
  console.log(`  ${label}, ${(bytes / 1e6).toFixed(2)} MB: typegrad ${mbps(bytes, bestOurs).toFixed(2)} MB/s (cache warm: ${mbps(bytes, bestWarm).toFixed(2)}), js-tiktoken ${mbps(bytes, bestTheirs).toFixed(2)} MB/s — ${ratio.toFixed(1)}x; same ids: ${agree ? 'yes' : 'NO'}; target (>= 1.5x): ${ratio >= 1.5 ? 'met' : 'NOT met'}`);
}
