/**
 * @typegrad/tensor/webgpu — the WebGPU backend. Import it (and call `initWebGPU`) only where a GPU is wanted;
 * the CPU entry point never loads it.
 * @packageDocumentation
 */
export { initWebGPU, webgpuStats, type WebGPUOptions, type WebGPUInfo } from './init.js';
export { WebGPUBackend, type WebGPUStats } from './backend.js';
