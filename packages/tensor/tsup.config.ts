import { defineConfig } from 'tsup';

export default defineConfig({
  // two entry points: the CPU-only core, and the WebGPU backend that a GPU user imports on top of it
  // (shared modules are split into chunks, so both see the same device registry)
  entry: { index: 'src/index.ts', webgpu: 'src/backends/webgpu/index.ts' },
  format: ['esm'],
  // the WebGPU entry's types name WebGPU's own (GPU, GPUDevice…), declared by @webgpu/types
  dts: { banner: '/// <reference types="@webgpu/types" />' },
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
