// A browser project that moves to the GPU: WebGPU's types (GPUDevice…) come with the /webgpu entry alone.
import { randn } from '@typegrad/tensor';
import { initWebGPU } from '@typegrad/tensor/webgpu';

export async function main(): Promise<number> {
  const info = await initWebGPU();
  const device: GPUDevice = info.backend.device;
  const x = randn([4, 4], { device: 'webgpu' });
  return device.limits.maxBufferSize + (await x.sum().item());
}
