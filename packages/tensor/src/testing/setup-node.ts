/** Vitest setup for Node: the shared suites also run on WebGPU when Dawn finds an adapter (else skipped, with why). */
import { setupNodeBackends } from './node-webgpu.js';

await setupNodeBackends();
