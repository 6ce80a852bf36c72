/**
 * Vitest setup for Node: adds the WebGPU backend to the suites when Dawn finds an adapter, or a skipped WebGPU
 * suite carrying the reason when it does not.
 */
import { addTestBackend } from './backends.js';
import { startNodeWebGPU } from './node-webgpu.js';

const started = await startNodeWebGPU();
if (started.ok) addTestBackend({ device: 'webgpu', tol: 1e-4, syncRead: false });
else addTestBackend({ device: 'webgpu', tol: 0, syncRead: false, skipReason: `WebGPU: ${started.reason}` });
