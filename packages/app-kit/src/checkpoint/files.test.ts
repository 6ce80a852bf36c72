import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSaveId } from './save-id.js';
import { readCheckpointFile, saveCheckpointFiles } from './files.js';

describe('checkpoints of several files', () => {
  it('write each save under its own names, switch the manifest last, and clear older saves and interrupted ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'app-kit-'));
    const stem = join(dir, 'clf');
    const save = (id: string, text: string) =>
      saveCheckpointFiles(stem, id, { safetensors: new TextEncoder().encode(text), 'tokenizer.json': `{"t":"${text}"}` }, (names) => JSON.stringify({ id, ...names }));
    const first = await save(newSaveId(), 'one');
    expect(first).toEqual({ safetensors: expect.stringMatching(/^clf\.[0-9a-f]{16}\.safetensors$/), 'tokenizer.json': expect.stringMatching(/^clf\.[0-9a-f]{16}\.tokenizer\.json$/) });
    // a save killed before its manifest: files nobody names
    await writeFile(join(dir, 'clf.0123456789abcdef.safetensors'), 'half');
    await writeFile(join(dir, 'clf.0123456789abcdef.tokenizer.json'), 'half');
    const manifest = JSON.parse((await readCheckpointFile(stem, 'clf.json', 'train')).toString());
    expect((await readCheckpointFile(stem, manifest.safetensors, 'train')).toString()).toBe('one');
    const second = await save(newSaveId(), 'two');
    expect((await readdir(dir)).sort()).toEqual(['clf.json', second.safetensors, second['tokenizer.json']].sort());
    expect(JSON.parse(await readFile(`${stem}.json`, 'utf8')).safetensors).toBe(second.safetensors);
  });

  it('refuse names that leave the directory, and say how to make a missing checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'app-kit-'));
    await expect(readCheckpointFile(join(dir, 'x'), '../../etc/passwd', 'train')).rejects.toThrow("x.json: '../../etc/passwd' is not a file name beside the checkpoint");
    await expect(readCheckpointFile(join(dir, 'x'), 'x.json', 'demo train --out x')).rejects.toThrow(`no checkpoint at ${join(dir, 'x')} (${join(dir, 'x.json')} is missing; make one with: demo train --out x)`);
  });
});
