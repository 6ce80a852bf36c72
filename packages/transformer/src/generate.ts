import { noGrad } from '@typegrad/autograd';
import { multinomialAsync, tensor, where, type Generator, type Tensor } from '@typegrad/tensor';
import type { LayerCache } from './attention.js';

/** What {@link generate} needs of a model: next-token logits, a block size, and (optionally) a KV cache. */
export interface CausalLM {
  readonly config: { blockSize: number };
  forward(idx: Tensor, opts?: { cache?: LayerCache[] }): Tensor;
  newCache?(): LayerCache[];
  eval(): unknown;
  train(mode?: boolean): unknown;
  readonly training: boolean;
  parameters(): Tensor[];
}

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Tokens to generate at most. */
  maxNewTokens: number;
  /** Divides the logits: below 1 sharper, above 1 more varied. Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens (nanoGPT's top_k). */
  topK?: number;
  /** Keep the fewest most likely tokens whose probabilities add up to at least p (nucleus sampling). */
  topP?: number;
  /** Where the draws come from (`torch.multinomial(probs, 1, generator=g)`'s numbers for the same seed). */
  generator?: Generator;
  /** A token (or tokens) that ends generation; it is not yielded. */
  stop?: number | readonly number[];
  /** Reuse the keys and values of earlier positions (default true where the model has a cache). */
  useCache?: boolean;
}

/**
 * Generates tokens after `prompt`, one at a time, as an async iterator: each step's logits for the next token are
 * divided by the temperature, filtered by top-k and top-p, turned into probabilities and sampled with
 * `multinomial(probs, 1)`, as nanoGPT's `generate` does. With a KV cache, each step runs the model on the new
 * token only; the context is cropped to the model's block size as it grows (from then on each step runs the whole
 * block again, since positions shift). The model is in eval mode while generating.
 *
 * @example
 * for await (const id of generate(model, tok.encode('ROMEO:'), { maxNewTokens: 200, temperature: 0.8, generator: g })) {
 *   process.stdout.write(stream.push(id));
 * }
 */
export async function* generate(model: CausalLM, prompt: readonly number[] | Tensor, opts: GenerateOptions): AsyncGenerator<number> {
  const ids = promptIds(prompt);
  checkOptions(opts);
  const stop = new Set(opts.stop === undefined ? [] : typeof opts.stop === 'number' ? [opts.stop] : opts.stop);
  const { blockSize } = model.config;
  const cached = (opts.useCache ?? true) && typeof model.newCache === 'function';
  const device = model.parameters()[0]?.device;
  const context = (tokens: readonly number[], size: number) => tensor([tokens.length > size ? tokens.slice(-size) : tokens], { dtype: 'int32', device });
  const wasTraining = model.training;
  model.eval();
  try {
    let cache: LayerCache[] | null = null;
    for (let n = 0; n < opts.maxNewTokens; n++) {
      const logits = noGrad(() => {
        if (!cached) return lastLogits(model.forward(context(ids, blockSize)));
        // a fresh cache when there is none yet or the context has outgrown the block (positions start again at 0)
        if (cache === null || ids.length > blockSize) {
          cache = model.newCache!();
          return lastLogits(model.forward(context(ids, blockSize), { cache }));
        }
        return lastLogits(model.forward(context(ids.slice(-1), 1), { cache }));
      });
      const next = await sample(logits, opts);
      if (stop.has(next)) return;
      ids.push(next);
      if (ids.length > blockSize) cache = null;
      yield next;
    }
  } finally {
    model.train(wasTraining);
  }
}

/** The draw of one token from one row of logits [1, V], as {@link generate} makes it. */
async function sample(logits: Tensor, opts: GenerateOptions): Promise<number> {
  let x = opts.temperature === undefined || opts.temperature === 1 ? logits : logits.div(opts.temperature);
  if (opts.topK !== undefined || opts.topP !== undefined) x = await filterLogits(x, opts.topK, opts.topP);
  const probs = x.softmax(-1);
  return (await multinomialAsync(probs, 1, { generator: opts.generator })).item();
}

/**
 * Sets to −∞ the logits top-k and top-p leave out: below the k-th largest value (nanoGPT's rule, which keeps ties),
 * then outside the smallest set of most likely tokens whose probabilities reach p (Hugging Face's rule, which keeps
 * at least one token).
 * @example await filterLogits(logits, 10) // all but the 10 largest logits → −∞
 */
export async function filterLogits(logits: Tensor, topK?: number, topP?: number): Promise<Tensor> {
  const values = Array.from(await logits.data());
  const drop = new Array<boolean>(values.length).fill(false);
  if (topK !== undefined && topK < values.length) {
    const kth = [...values].sort((a, b) => b - a)[topK - 1];
    values.forEach((v, i) => {
      if (v < kth) drop[i] = true;
    });
  }
  if (topP !== undefined && topP < 1) {
    const kept = values.map((v, i) => [drop[i] ? -Infinity : v, i] as const).sort((a, b) => a[0] - b[0]);
    const max = kept[kept.length - 1][0];
    const exps = kept.map(([v]) => Math.exp(v - max));
    const total = exps.reduce((a, b) => a + b, 0);
    // ascending order: drop while the mass up to here stays within 1 − p (never the most likely token)
    let mass = 0;
    for (let r = 0; r < kept.length - 1; r++) {
      mass += exps[r] / total;
      if (mass > 1 - topP) break;
      drop[kept[r][1]] = true;
    }
  }
  const mask = tensor(drop, { dtype: 'bool', shape: [...logits.shape], device: logits.device });
  return where(mask, -Infinity, logits);
}

function lastLogits(logits: Tensor): Tensor {
  return logits.select(1, logits.shape[1] - 1);
}

function promptIds(prompt: readonly number[] | Tensor): number[] {
  if (Array.isArray(prompt)) {
    if (prompt.length === 0) throw new Error('generate: the prompt needs at least one token (nanoGPT starts from a newline or an <|endoftext|> token)');
    if (!prompt.every((t) => Number.isInteger(t) && t >= 0)) throw new TypeError('generate: prompt tokens must be non-negative integers');
    return [...prompt];
  }
  const t = prompt as Tensor;
  if (t.dtype !== 'int32' || !(t.ndim === 1 || (t.ndim === 2 && t.shape[0] === 1))) {
    throw new TypeError(`generate: expected a prompt of token ids (number[] or an int32 tensor [T] or [1, T]), got ${t.dtype} [${t.shape.join(', ')}]`);
  }
  return promptIds(Array.from(t.dataSync()));
}

function checkOptions(o: GenerateOptions): void {
  if (!Number.isInteger(o.maxNewTokens) || o.maxNewTokens < 0) throw new RangeError(`generate: maxNewTokens must be a non-negative integer, got ${o.maxNewTokens}`);
  if (o.temperature !== undefined && !(o.temperature > 0 && Number.isFinite(o.temperature))) throw new RangeError(`generate: temperature must be positive, got ${o.temperature}`);
  if (o.topK !== undefined && (!Number.isInteger(o.topK) || o.topK < 1)) throw new RangeError(`generate: topK must be a positive integer, got ${o.topK}`);
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new RangeError(`generate: topP must be in (0, 1], got ${o.topP}`);
}
