/// <reference types="@webgpu/types" />

/** How a kernel binds one buffer: read-only storage or read-write storage. */
export type BindingKind = 'read' | 'write';

/** A compiled kernel and the layout its bind groups follow (its buffers, then the parameter block). */
export interface Kernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  /** Number of buffer bindings before the parameter block. */
  readonly buffers: number;
}

const STAGE_COMPUTE = 0x4; // GPUShaderStage.COMPUTE

/**
 * Compiles WGSL kernels once per key. Keys name everything the source depends on (op, dtypes, ranks), so the
 * source is generated only on a miss. Layouts are explicit so that every declared binding is kept.
 */
export class PipelineCache {
  private readonly kernels = new Map<string, Kernel>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();

  constructor(private readonly device: GPUDevice) {}

  /** Number of kernels compiled so far. */
  get size(): number {
    return this.kernels.size;
  }

  /**
   * The kernel for `key`, compiled from `source()` on first use. Bindings 0…n−1 are the buffers of `kinds`;
   * binding n is the uniform parameter block.
   */
  get(key: string, kinds: readonly BindingKind[], source: () => string): Kernel {
    let k = this.kernels.get(key);
    if (!k) {
      const layout = this.layout(kinds);
      const module = this.device.createShaderModule({ code: source(), label: key });
      const pipeline = this.device.createComputePipeline({
        label: key,
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      k = { pipeline, layout, buffers: kinds.length };
      this.kernels.set(key, k);
    }
    return k;
  }

  private layout(kinds: readonly BindingKind[]): GPUBindGroupLayout {
    const sig = kinds.join(',');
    let l = this.layouts.get(sig);
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = [...kinds, 'read' as const].map((kind, binding) => ({
        binding,
        visibility: STAGE_COMPUTE,
        buffer: { type: kind === 'write' ? 'storage' : 'read-only-storage' },
      }));
      entries[entries.length - 1].buffer = { type: 'uniform' };
      l = this.device.createBindGroupLayout({ entries });
      this.layouts.set(sig, l);
    }
    return l;
  }
}
