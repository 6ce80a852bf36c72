/**
 * Runs after tsup: points `dist/webgpu.d.ts`, and only it, at `@webgpu/types`, whose globals (GPU, GPUDevice…)
 * that entry's types name. tsup's declaration bundler drops `/// <reference>` lines from sources and its banner
 * would put the line into every entry, so a Node-only project (no DOM, no WebGPU types) importing the CPU entry
 * would have to resolve WebGPU's types too.
 */
import { readFile, writeFile } from 'node:fs/promises';

const file = new URL('../dist/webgpu.d.ts', import.meta.url);
const reference = '/// <reference types="@webgpu/types" />\n';
const text = await readFile(file, 'utf8');
if (!text.startsWith(reference)) await writeFile(file, reference + text);
