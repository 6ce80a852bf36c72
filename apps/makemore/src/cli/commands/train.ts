import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { saveGenerator } from '../../checkpoint/checkpoint.js';
import { embeddingPlot } from '../../plot/embedding.js';
import { trainModel } from '../../train/train.js';
import { prepareOutput, saveCheckpoint } from '../files.js';
import { numberFlag, stringFlag, UsageError, type RawFlags } from '../options.js';
import { namesPlan, textPlan } from '../plans.js';
import { Progress } from '@typegrad/app-kit';
import type { CliIO } from '../io.js';
import { formatLosses, thousands } from '../report.js';
import { describeModel, newRun, resumeRun, type Run } from '../run.js';

/**
 * `makemore train`: trains (or resumes), reports losses, saves the checkpoint and prints what the model makes: names,
 * or in text mode (`--model gpt`) a passage of text.
 * @example await trainCommand({ steps: '30000' }, processIO())
 */
export async function trainCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const run = flags.resume !== undefined ? await resumeRun(flags, io) : await newRun(flags, io);
  const { model, vocab, generator, training } = run;
  const text = run.data.kind === 'text';
  // every flag and the output location are checked before any work, so a mistake never costs a run
  const evalEvery = numberFlag(flags, 'eval-every', Math.max(1, Math.round(training.steps / 10)), { integer: true, min: 0 });
  const evalIters = numberFlag(flags, 'eval-iters', 200, { integer: true, min: 1 });
  const checkpointEvery = numberFlag(flags, 'checkpoint-every', 0, { integer: true, min: 0 });
  const count = numberFlag(flags, 'samples', text ? 500 : 20, { integer: true, min: 0 });
  const temperature = numberFlag(flags, 'temperature', text ? 0.8 : 1, { positive: true });
  const plotFile = stringFlag(flags, 'plot-embedding');
  if (plotFile && (model.config.model !== 'mlp' || model.config.embDim !== 2)) throw new UsageError('--plot-embedding needs the mlp with --emb 2');
  await prepareOutput(run.out);
  const plan = text ? textPlan(run, evalIters) : namesPlan(run);
  io.log(`model ${describeModel(model)}: ${thousands(model.parameters().reduce((n, p) => n + p.numel, 0))} parameters`);
  io.log(`data  ${plan.describe}`);

  const save = (losses: Record<string, number>) =>
    saveCheckpoint(run.out, model, vocab, {
      data: {
        source: run.source,
        ...(run.data.kind === 'names' ? { skipInvalid: run.data.skipInvalid, splitSeed: run.data.splitSeed } : { splitSeed: 0 }),
        split: plan.split,
        examples: plan.sizes,
      },
      training: { ...training, generator: saveGenerator(generator) },
      losses,
    });

  let stopped = false;
  const started = performance.now();
  if (model.config.model === 'bigram-counts') {
    await trainModel(model, plan.train, { steps: 0, batchSize: 0, lr: 1, generator });
    io.log('counted the training bigrams');
  } else {
    const { steps, batchSize, lr, decayAt, decayFactor, regularization } = training;
    io.log(`train ${thousands(steps - training.step)} steps${training.step ? ` (from step ${thousands(training.step)})` : ''}, batch ${batchSize || 'all'}, ${describeSchedule(run)}${regularization ? `, regularisation ${regularization}` : ''}, seed ${training.seed}`);
    const progress = new Progress(io.stdout, { steps, startStep: training.step, plain: flags.plain === true });
    const result = await trainModel(model, plan.train, {
      steps,
      batchSize,
      lr,
      decayAt,
      decayFactor,
      regularization,
      generator,
      clipNorm: training.gradClip,
      startStep: training.step,
      schedulerState: training.scheduler ?? undefined,
      optimizer: training.optimizer,
      optimizerState: training.optimizerState ?? undefined,
      evalEvery,
      evaluate: plan.periodic,
      signal: io.signal,
      onStep: async ({ step, loss, lr: rate, snapshot }) => {
        progress.step(step, loss, rate);
        if (checkpointEvery > 0 && step % checkpointEvery === 0 && step < steps) {
          const state = snapshot();
          Object.assign(training, { step, scheduler: state.schedulerState, optimizerState: state.optimizerState });
          await save({});
        }
      },
      onEval: ({ step, losses }) => progress.log(`step ${thousands(step)}: ${formatLosses(losses, plan.labels)}`),
    });
    progress.done();
    Object.assign(training, { step: result.step, scheduler: result.schedulerState, optimizerState: result.optimizerState });
    stopped = result.stopped;
    const done = result.losses.length;
    io.log(`${stopped ? 'stopped' : 'trained'} ${thousands(done)} steps in ${result.seconds.toFixed(1)} s (${(done / Math.max(result.seconds, 1e-9)).toFixed(0)} steps/s)`);
  }

  const losses = await plan.final();
  io.log(`loss  ${formatLosses(losses, text ? plan.labels : {})}`);
  const meta = await save(losses);
  io.log(`saved ${run.out}.json and ${join(dirname(run.out), meta.weights)} (step ${thousands(meta.training.step)})${stopped ? `; continue with --resume ${run.out}` : ''}`);
  if (plotFile) {
    await writeFile(plotFile, await embeddingPlot(model, vocab));
    io.log(`wrote the character embedding to ${plotFile}`);
  }
  if (count > 0 && !stopped) await plan.sample(io, count, temperature);
  io.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The learning rate and its schedule, and the optimizer when it is not the lectures' plain SGD. */
function describeSchedule(run: Run): string {
  const { lr, decayAt, decayFactor, steps, optimizer: o, gradClip } = run.training;
  if (!o || o.kind === 'sgd') return `lr ${lr}${decayAt !== null && decayAt < steps ? ` then ${Number((lr * decayFactor).toPrecision(6))} from step ${thousands(decayAt)}` : ''}`;
  const warmup = Math.min(o.warmup ?? 0, Math.floor(steps / 10)); // as trainModel shortens it
  const schedule = o.schedule === 'cosine' ? `, warmup ${thousands(warmup)} then cosine to ${o.minLr ?? 0}` : '';
  return `lr ${lr}, AdamW (betas ${o.betas.join(', ')}, weight decay ${o.weightDecay}${o.decay === 'linear-weights' ? ' on linear weights' : ''})${schedule}${gradClip ? `, gradients clipped to norm ${gradClip}` : ''}`;
}
