/**
 * `.safetensors` files on disk (Node only; the `@typegrad/nn/node` entry). The format itself, as bytes, is
 * `serializeSafetensors` / `parseSafetensors` in the main entry, which runs everywhere.
 */
import * as fs from 'node:fs/promises';
import type { Tensor } from '@typegrad/tensor';
import { writeFileAtomic } from '../files/atomic-write.js';
import { parseSafetensors, serializeSafetensors, type LoadSafetensorsOptions, type SafetensorsContents } from './safetensors.js';

/**
 * Writes named tensors to a `.safetensors` file (Node only).
 *
 * The file is written with {@link writeFileAtomic}: under a temporary name in the same directory, flushed to disk,
 * then renamed over `path` (and the directory flushed), so a reader never sees half a file, even after a kill or a
 * power loss, and a failed save leaves an existing file as it was. Temporary files of killed saves are removed.
 * See {@link serializeSafetensors} for what is written.
 *
 * @example
 * await saveSafetensors('model.safetensors', { 'fc.weight': randn([4, 3]), 'fc.bias': zeros([4]) }, { format: 'pt' });
 * // Python: safetensors.torch.load_file('model.safetensors')
 */
export async function saveSafetensors(path: string, tensors: Record<string, Tensor>, metadata?: Record<string, string>): Promise<void> {
  const bytes = await serializeSafetensors(tensors, metadata); // before touching the disk, so a bad state dict writes nothing
  await writeFileAtomic(path, bytes);
}

/**
 * Reads a `.safetensors` file (Node only), such as one written by `safetensors.torch.save_file`.
 * See {@link parseSafetensors} for the dtypes it accepts and how they convert; errors name the file.
 *
 * @example
 * // Python: safetensors.torch.save_file(model.state_dict(), 'model.safetensors')
 * const { tensors } = await loadSafetensors('model.safetensors');
 * tensors['fc.bias'].dtype; // 'float32'
 */
export async function loadSafetensors(path: string, opts: LoadSafetensorsOptions = {}): Promise<SafetensorsContents> {
  const bytes = await fs.readFile(path);
  try {
    return parseSafetensors(bytes, opts);
  } catch (e) {
    const message = (e as Error).message;
    if (!message.startsWith('safetensors: ')) throw e;
    throw new Error(`safetensors: ${path}: ${message.slice('safetensors: '.length)}`, { cause: e });
  }
}
