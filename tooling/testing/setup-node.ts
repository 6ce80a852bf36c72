/** Vitest setup for Node: the suites also run on WebGPU when Dawn finds an adapter (else skipped, with why). */
import { setupNodeBackends } from '@typegrad/tensor/testing';

// float32 results are compared with PyTorch's, so the CPU gets float32's tolerance too
await setupNodeBackends({ cpuTol: 1e-5, gpuTol: 1e-4 });
