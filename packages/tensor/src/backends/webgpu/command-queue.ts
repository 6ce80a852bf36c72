/// <reference types="@webgpu/types" />
import { BufferPool, bufferBytes, MAP_READ, USAGE_COPY_DST, USAGE_MAP_READ, USAGE_UNIFORM } from './buffer-pool.js';
import type { Kernel } from './pipelines.js';

/** Bytes of one parameter slot: uniform bindings must start at multiples of 256 bytes. */
const SLOT_BYTES = 256;
const SLOT_WORDS = SLOT_BYTES / 4;

/** Counters a benchmark or test can read. */
export interface QueueStats {
  /** Compute dispatches recorded since the backend started. */
  dispatches: number;
  /** Command buffers submitted. */
  submits: number;
}

/**
 * Records kernels into one command encoder and submits them in batches. Kernel parameters (shapes, strides,
 * offsets) go into one arena buffer per batch, written with a single `writeBuffer` just before the batch is
 * submitted; the queue runs writes and submits in order, so the arena can be reused by the next batch.
 *
 * Released buffers are held back until the batch that may still use them is submitted, then pooled: any later
 * write to them is ordered after that work.
 */
export class CommandQueue {
  readonly stats: QueueStats = { dispatches: 0, submits: 0 };
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private pending = 0;
  private readonly arena: Uint32Array;
  private readonly arenaBuffer: GPUBuffer;
  private arenaSlots = 0;
  private readonly held: GPUBuffer[] = [];
  private readonly staging = new Map<number, GPUBuffer[]>();
  private flushScheduled = false;

  constructor(
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
    /** Dispatches per command buffer before it is submitted. */
    private readonly maxBatch = 128,
    private readonly arenaCapacity = 1024,
  ) {
    this.arena = new Uint32Array(arenaCapacity * SLOT_WORDS);
    this.arenaBuffer = device.createBuffer({ size: arenaCapacity * SLOT_BYTES, usage: USAGE_UNIFORM | USAGE_COPY_DST });
  }

  /** Records one dispatch of `kernel` over `buffers` with parameters `params`. */
  dispatch(kernel: Kernel, buffers: readonly GPUBuffer[], params: Uint32Array, groups: readonly [number, number, number]): void {
    const slots = Math.max(1, Math.ceil(params.length / SLOT_WORDS));
    if (slots > this.arenaCapacity) throw new Error(`webgpu: kernel parameters too large (${params.length} words)`);
    if (this.arenaSlots + slots > this.arenaCapacity) this.flush();
    const at = this.arenaSlots;
    this.arena.set(params, at * SLOT_WORDS);
    this.arenaSlots += slots;
    const entries: GPUBindGroupEntry[] = buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
    entries.push({ binding: buffers.length, resource: { buffer: this.arenaBuffer, offset: at * SLOT_BYTES, size: slots * SLOT_BYTES } });
    const bindGroup = this.device.createBindGroup({ layout: kernel.layout, entries });
    const pass = this.computePass();
    pass.setPipeline(kernel.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
    this.stats.dispatches++;
    if (++this.pending >= this.maxBatch) this.flush();
    else this.scheduleFlush();
  }

  /** Records a zero fill of a whole buffer. */
  clear(buffer: GPUBuffer): void {
    this.endPass();
    this.commandEncoder().clearBuffer(buffer);
    this.pending++;
    this.scheduleFlush();
  }

  /** Queues a host write; only for buffers no recorded command uses yet (queue writes run before the batch). */
  write(buffer: GPUBuffer, data: ArrayBufferView): void {
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  }

  /** Returns a buffer to the pool once no recorded-but-unsubmitted command can still use it. */
  release(buffer: GPUBuffer): void {
    if (this.pending === 0) this.pool.give(buffer);
    else this.held.push(buffer);
  }

  /** Submits everything recorded so far. */
  flush(): void {
    this.endPass();
    if (this.encoder) {
      if (this.arenaSlots > 0) this.device.queue.writeBuffer(this.arenaBuffer, 0, this.arena.buffer, 0, this.arenaSlots * SLOT_BYTES);
      this.device.queue.submit([this.encoder.finish()]);
      this.stats.submits++;
      this.encoder = null;
    }
    this.pending = 0;
    this.arenaSlots = 0;
    for (const b of this.held.splice(0)) this.pool.give(b);
  }

  /**
   * Copies `bytes` bytes of each source (in order) into one staging buffer, submits, and resolves with them once
   * the GPU has finished all work recorded before. The only point where the host waits for the device.
   */
  async readBack(sources: readonly { buffer: GPUBuffer; bytes: number }[]): Promise<ArrayBuffer> {
    const total = sources.reduce((n, s) => n + s.bytes, 0);
    const size = bufferBytes(total, this.device.limits.maxBufferSize);
    const staging = this.staging.get(size)?.pop() ?? this.device.createBuffer({ size, usage: USAGE_MAP_READ | USAGE_COPY_DST });
    this.endPass();
    const enc = this.commandEncoder();
    let at = 0;
    for (const s of sources) {
      if (s.bytes > 0) enc.copyBufferToBuffer(s.buffer, 0, staging, at, s.bytes);
      at += s.bytes;
    }
    this.flush();
    await staging.mapAsync(MAP_READ, 0, size);
    const out = staging.getMappedRange(0, total).slice(0);
    staging.unmap();
    let list = this.staging.get(size);
    if (!list) this.staging.set(size, (list = []));
    list.push(staging);
    return out;
  }

  /** Destroys the queue's own buffers. */
  destroy(): void {
    this.arenaBuffer.destroy();
    for (const list of this.staging.values()) for (const b of list) b.destroy();
    this.staging.clear();
  }

  private commandEncoder(): GPUCommandEncoder {
    return (this.encoder ??= this.device.createCommandEncoder());
  }

  private computePass(): GPUComputePassEncoder {
    return (this.pass ??= this.commandEncoder().beginComputePass());
  }

  private endPass(): void {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
  }

  // Work recorded in one synchronous stretch of code is submitted together when that stretch ends, so the GPU
  // starts on it without waiting for a read.
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }
}
