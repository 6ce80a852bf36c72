// The published declaration files typecheck in the projects users have, with every declaration checked
// (skipLibCheck off): a Node-only one without DOM or WebGPU types, and a browser one that imports the GPU entry.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = join(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** tsc's report for one consumer project ('' when it typechecks). */
function typecheck(project: string): string {
  try {
    execFileSync(process.execPath, [tsc, '-p', join(here, project)], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout || e);
  }
}

describe('declaration files in consumer projects', () => {
  it('a Node project (lib ES2023, types node, skipLibCheck false) typechecks against every CPU and /node entry', () => {
    expect(typecheck('consumer-node')).toBe('');
  });

  it('a browser project gets WebGPU types with @typegrad/tensor/webgpu alone', () => {
    expect(typecheck('consumer-webgpu')).toBe('');
  });
});
