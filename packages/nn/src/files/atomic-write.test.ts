// Saves killed at random moments, by a real SIGKILL of a child process, always leave a file that loads as one
// whole save; the temporary files they leave are removed by the next save.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { full } from '@typegrad/tensor';
import { loadSafetensors, saveSafetensors } from '../serialization/safetensors-files.js';
import { removeStaleTemporaries, writeFileAtomic } from './atomic-write.js';

const built = fileURLToPath(new URL('../../dist/node.js', import.meta.url));

/** A child that saves [256, 1024] tensors filled with 0, 1, 2, … to `path` as fast as it can, until killed. */
function startSaver(path: string) {
  const script = `
    import { full } from '@typegrad/tensor';
    import { saveSafetensors } from ${JSON.stringify(built)};
    for (let i = 0; ; i++) {
      await saveSafetensors(${JSON.stringify(path)}, { w: full([256, 1024], i) }, { step: String(i) });
      if (i === 2) process.stdout.write('saving\\n');
    }`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
}

describe('atomic writes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'typegrad-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a save killed at any moment leaves the last whole save; the next save removes the debris', async () => {
    expect(existsSync(built), `the child process runs the built package: ${built} is missing (pnpm build)`).toBe(true);
    const path = join(dir, 'model.safetensors');
    for (let kill = 0; kill < 12; kill++) {
      const child = startSaver(path);
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const { tensors, metadata } = await loadSafetensors(path);
      const step = Number(metadata.step);
      const values = tensors.w.dataSync();
      expect(values.every((v) => v === step), `kill ${kill}: the weights hold one save's values (step ${step})`).toBe(true);
    }
    await saveSafetensors(path, { w: full([2], -1) });
    expect(await readdir(dir)).toEqual(['model.safetensors']);
  });

  it('removes only the temporary files whose writer is no longer running', async () => {
    await writeFile(join(dir, '.model.safetensors.999999999-dead.tmp'), 'x'); // no such process
    await writeFile(join(dir, `.model.safetensors.${process.pid}-alive.tmp`), 'x'); // this one writes it
    await writeFile(join(dir, '.other.safetensors.999999999-dead.tmp'), 'x'); // another file's
    expect(await removeStaleTemporaries(dir, 'model.safetensors')).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([`.model.safetensors.${process.pid}-alive.tmp`, '.other.safetensors.999999999-dead.tmp']);
  });

  it('writes text and bytes, replacing the old contents', async () => {
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, '{"v":1}');
    await writeFileAtomic(path, new TextEncoder().encode('{"v":2}'));
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(await readFile(path, 'utf8')).toBe('{"v":2}');
  });
});
