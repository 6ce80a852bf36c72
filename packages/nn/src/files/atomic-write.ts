/**
 * Files that are never seen half-written, even when the process is killed or the machine loses power: the bytes go
 * to a temporary file beside the target, which is flushed to disk, renamed over the target, and the directory is
 * flushed so the rename itself survives. Temporary files that killed writers left behind are removed. Node only.
 */
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `.<name>.<pid>-<random>.tmp`: the writer's process id tells a live writer's file from a dead one's. */
const TEMP = /^\.(.+)\.(\d+)-[a-z0-9]+\.tmp$/;

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/** Whether a process with this id is running (one we may not signal counts as running). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that writers left in `dir` when they were killed, for the target files `targets`
 * accepts (a file name, or a test of names): those whose process no longer runs. Returns how many it removed.
 * Files of live writers are left alone.
 * @example await removeStaleTemporaries('runs', 'model.safetensors') // 0
 * @example await removeStaleTemporaries('runs', (name) => name.startsWith('mlp.')) // every save of runs/mlp
 */
export async function removeStaleTemporaries(dir: string, targets: string | ((name: string) => boolean)): Promise<number> {
  const accepts = typeof targets === 'string' ? (name: string) => name === targets : targets;
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || !accepts(m[1]) || isRunning(Number(m[2]))) continue;
    await fs.rm(join(dir, entry), { force: true });
    removed++;
  }
  return removed;
}

/**
 * Flushes a directory's entries (a rename is only durable once its directory is). Platforms that cannot open a
 * directory for this (Windows) make renames durable themselves; their error is ignored.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw e;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes a file atomically and durably: readers see the old contents or the new, never a part, also after a
 * kill or a power loss; a failed write leaves the old file as it was. Temporary files of earlier writers that
 * were killed are removed first.
 * @example await writeFileAtomic('runs/mlp.json', JSON.stringify(meta));
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await removeStaleTemporaries(dirname(path), basename(path));
  const temp = tempPathFor(path);
  try {
    const file = await fs.open(temp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined); // keep the error that matters
    throw e;
  }
  await syncDirectory(dirname(path));
}
