import { libraryConfig } from '../../tsup.config.base';

export default libraryConfig({
  // three entry points: the CPU-only core; the WebGPU backend a GPU user imports on top of it; and the test
  // helpers the other packages share (shared modules become chunks, so all see one device registry)
  entry: { index: 'src/index.ts', webgpu: 'src/backends/webgpu/index.ts', testing: 'src/testing/index.ts' },
  // the test helpers load these only when tests run
  external: ['vitest', 'webgpu'],
});
