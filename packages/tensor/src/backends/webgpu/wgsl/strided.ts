import { param } from './codegen.js';

/**
 * Strided walks in WGSL. A walk is a (coalesced) shape and, per operand, an offset and strides; a kernel turns a
 * flat index over the shape into each operand's element position. The numbers travel in the parameter block:
 * the shape, then for each operand its offset and strides.
 */

/** Parameter words of a walk: shape, then [offset, ...strides] per operand. */
export function walkParams(shape: readonly number[], operands: readonly { offset: number; strides: readonly number[] }[]): number[] {
  const p = [...shape];
  for (const o of operands) p.push(o.offset, ...o.strides);
  return p;
}

/** How many parameter words a walk of this rank over `operands` operands takes. */
export function walkLength(rank: number, operands: number): number {
  return rank + operands * (rank + 1);
}

/**
 * WGSL statements that declare `names[k]` (u32) as operand k's position for flat index `index`, reading the walk
 * from parameter words `base…`. The rank is fixed in the code, so the division chain is unrolled.
 */
export function walkCode(rank: number, names: readonly string[], base: number, index: string): string {
  const shape = (d: number) => param(base + d);
  const offset = (k: number) => param(base + rank + k * (rank + 1));
  const stride = (k: number, d: number) => param(base + rank + k * (rank + 1) + 1 + d);
  const tag = names[0].replace(/[^a-z0-9_]/gi, '');
  const lines: string[] = [];
  const coord: string[] = [];
  if (rank === 1) {
    coord.push(index);
  } else {
    lines.push(`var rem_${tag} = ${index};`);
    for (let d = rank - 1; d >= 1; d--) {
      lines.push(`let c${d}_${tag} = rem_${tag} % ${shape(d)}; rem_${tag} = rem_${tag} / ${shape(d)};`);
    }
    lines.push(`let c0_${tag} = rem_${tag};`);
    for (let d = 0; d < rank; d++) coord.push(`c${d}_${tag}`);
  }
  names.forEach((name, k) => {
    const terms = coord.map((c, d) => `${c} * ${stride(k, d)}`);
    lines.push(`let ${name} = ${offset(k)} + ${terms.join(' + ')};`);
  });
  return lines.join('\n  ');
}
