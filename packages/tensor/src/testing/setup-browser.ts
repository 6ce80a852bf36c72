/**
 * Vitest setup in the browser: adds the WebGPU backend to the shared suite when the page has an adapter
 * (`navigator.gpu`), or a skipped WebGPU suite carrying the reason when it does not.
 */
import { initWebGPU } from '../backends/webgpu/index.js';
import { addTestBackend } from './backends.js';

try {
  const info = await initWebGPU();
  addTestBackend({ device: 'webgpu', tol: 1e-5, float64: false, syncRead: false });
  // every test file runs this in its own frame; say it once per run
  if (!sessionStorage.getItem('typegrad-adapter-shown')) {
    sessionStorage.setItem('typegrad-adapter-shown', '1');
    console.info(`WebGPU suites run on (browser): ${info.adapter}`);
  }
} catch (e) {
  addTestBackend({ device: 'webgpu', tol: 0, float64: false, syncRead: false, skipReason: `WebGPU in the browser: ${(e as Error).message}` });
}
