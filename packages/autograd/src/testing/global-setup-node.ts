/**
 * Runs once before the Node test run: says which adapter the WebGPU suites run on, or why they are skipped, so
 * that the output of every run shows it.
 */
import { startNodeWebGPU } from './node-webgpu.js';

export default async function announce(): Promise<void> {
  const started = await startNodeWebGPU();
  console.log(started.ok ? `WebGPU suites run on: ${started.adapter}` : `WebGPU suites skipped: ${started.reason}`);
}
