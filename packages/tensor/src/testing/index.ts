/**
 * Test helpers for typegrad's packages (and for users testing code across devices): one test source runs once
 * per available backend. Needs vitest; the Node helpers also need the `webgpu` package for the WebGPU suites.
 * @packageDocumentation
 */
export { addTestBackend, describeBackends, describeWebGPU, expectValues, expectClose, values, onCpu, type TestBackend } from './backends.js';
export { startNodeWebGPU, setupNodeBackends, announceNodeWebGPU, SWIFTSHADER_ICD, type NodeWebGPU } from './node-webgpu.js';
export { settleMemory, type SettledMemory } from './memory.js';
