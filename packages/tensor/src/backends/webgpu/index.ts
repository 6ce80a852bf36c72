/**
 * @typegrad/tensor/webgpu — the WebGPU backend. Import it (and call `initWebGPU`) only where a GPU is wanted;
 * the CPU entry point never loads it. Only this entry's types name WebGPU's own (GPU, GPUDevice…), from
 * `@webgpu/types`, so a project without DOM or WebGPU types can use the CPU entry.
 * @packageDocumentation
 */
export { initWebGPU, webgpuStats, type WebGPUOptions, type WebGPUInfo } from './init.js';
export { WebGPUBackend, type WebGPUStats } from './backend.js';
