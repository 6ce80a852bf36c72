import type { Backend } from './backend.js';
import { cpuBackend } from './backends/cpu/index.js';

/** A device name: 'cpu' is always there, 'webgpu' once its backend is initialised. */
export type Device = 'cpu' | 'webgpu' | (string & {});

const backends = new Map<string, Backend>([['cpu', cpuBackend as Backend]]);
let defaultDevice: Device = 'cpu';

/** Makes a backend available under its name (WebGPU registers itself when initialised). */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
}

/** Removes a backend; tensors already on it keep working until they are collected. */
export function unregisterBackend(name: Device): void {
  if (name === 'cpu') throw new Error('unregisterBackend: the cpu backend cannot be removed');
  backends.delete(name);
  if (defaultDevice === name) defaultDevice = 'cpu';
}

/** The backend for a device name, or a clear error naming the ones available. */
export function getBackend(device: Device): Backend {
  const b = backends.get(device);
  if (!b) {
    const hint = device === 'webgpu' ? " (call `await initWebGPU()` from '@typegrad/tensor/webgpu' first)" : '';
    throw new Error(`device '${device}' is not available${hint}; available devices: ${[...backends.keys()].join(', ')}`);
  }
  return b;
}

/** Devices that can be used now. */
export function availableDevices(): Device[] {
  return [...backends.keys()];
}

/**
 * Sets the device new tensors are created on when no `device` option is given.
 * @example setDefaultDevice('webgpu'); const x = randn([2, 3]); // on the GPU
 */
export function setDefaultDevice(device: Device): void {
  getBackend(device);
  defaultDevice = device;
}

/** The device new tensors are created on by default ('cpu' unless changed). */
export function getDefaultDevice(): Device {
  return defaultDevice;
}
