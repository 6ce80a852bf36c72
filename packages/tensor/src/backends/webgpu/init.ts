/// <reference types="@webgpu/types" />
import { getBackend, registerBackend, setDefaultDevice, availableDevices } from '../../device.js';
import { WebGPUBackend, type WebGPUStats } from './backend.js';

/** Where the GPU comes from; every field is optional. */
export interface WebGPUOptions {
  /** A `GPU` object: `navigator.gpu` in a browser (the default), `create([])` from the `webgpu` package in Node. */
  gpu?: GPU;
  /** An adapter to use instead of requesting one. */
  adapter?: GPUAdapter;
  /** A device to use instead of requesting one (typegrad then shares it with the caller). */
  device?: GPUDevice;
  /** Passed to `requestAdapter`. */
  powerPreference?: GPUPowerPreference;
  /** Also make 'webgpu' the default device for new tensors. Default false. */
  setDefault?: boolean;
}

/** What `initWebGPU` found. */
export interface WebGPUInfo {
  /** The device name tensors use: 'webgpu'. */
  device: 'webgpu';
  /** The adapter's description, e.g. 'SwiftShader Device (Subzero)'. */
  adapter: string;
  /** The backend, for its statistics. */
  backend: WebGPUBackend;
}

let current: Promise<WebGPUInfo> | null = null;

/** A readable name for an adapter from whatever its info fills in, e.g. 'SwiftShader driver 5.0.0 (google, swiftshader)'. */
function describe(info: GPUAdapterInfo | undefined): string {
  const details = [info?.vendor, info?.architecture, info?.device].filter((p) => p);
  const name = info?.description || details.shift() || 'unknown adapter';
  return details.length ? `${name} (${details.join(', ')})` : name;
}

async function start(opts: WebGPUOptions): Promise<WebGPUInfo> {
  let device = opts.device;
  let adapter = opts.adapter;
  const gpu = opts.gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!device) {
    if (!adapter) {
      if (!gpu) {
        throw new Error(
          "initWebGPU: this environment has no navigator.gpu; in Node pass { gpu: create([]) } from the 'webgpu' package, in a browser use one with WebGPU enabled",
        );
      }
      adapter = (await gpu.requestAdapter(opts.powerPreference ? { powerPreference: opts.powerPreference } : undefined)) ?? undefined;
      if (!adapter) throw new Error('initWebGPU: no WebGPU adapter is available (requestAdapter() returned null)');
    }
    // ask for the adapter's largest buffers rather than the 128 MiB default
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  }
  const name = describe(adapter?.info ?? (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo);
  const backend = new WebGPUBackend(device, name, gpu);
  registerBackend(backend);
  void device.lost.then(() => {
    current = null;
  });
  if (opts.setDefault) setDefaultDevice('webgpu');
  return { device: 'webgpu', adapter: name, backend };
}

/**
 * Starts the WebGPU backend and registers it as the device 'webgpu'. Calling it again returns the same backend.
 *
 * @example
 * // in a page
 * import { initWebGPU } from '@typegrad/tensor/webgpu';
 * await initWebGPU();
 * const x = randn([512, 512], { device: 'webgpu' });
 * console.log(await x.matmul(x).sum().item());
 *
 * @example
 * // in Node, with the `webgpu` package (Dawn)
 * import { create } from 'webgpu';
 * await initWebGPU({ gpu: create([]) });
 */
export function initWebGPU(opts: WebGPUOptions = {}): Promise<WebGPUInfo> {
  if (!current) {
    current = start(opts);
    current.catch(() => {
      current = null;
    });
  }
  return current;
}

/**
 * Counters of the running WebGPU backend (dispatches, submits, kernels compiled, buffers), or null when it is not
 * started.
 * @example
 * const before = webgpuStats()!.dispatches;
 * const y = x.mul(2).add(1);
 * console.log(webgpuStats()!.dispatches - before); // 2: one kernel per op
 */
export function webgpuStats(): WebGPUStats | null {
  if (!availableDevices().includes('webgpu')) return null;
  return (getBackend('webgpu') as unknown as WebGPUBackend).stats();
}
