import { ELEMENTWISE, type ElementwiseOp } from '../../ops/elementwise-table.js';

/**
 * Row loops for elementwise ops, one compiled function per op and arity. V8 inlines the op's scalar function only
 * when the loop calling it sees that one function, so each op gets its own copy of the loop (about 8x faster than
 * one shared loop for cheap ops like add). Where code generation is forbidden (a strict Content-Security-Policy),
 * a shared loop is used instead.
 */
export type RowLoop = (
  o: ArrayLike<number> & { [i: number]: number },
  po: number,
  so: number,
  a: ArrayLike<number>,
  pa: number,
  sa: number,
  b: ArrayLike<number>,
  pb: number,
  sb: number,
  c: ArrayLike<number>,
  pc: number,
  sc: number,
  n: number,
  p0: number,
  p1: number,
) => void;

/** Row-loop source for an op of `arity` inputs: a contiguous path, a scalar-second-operand path and a strided one. */
function source(arity: 1 | 2 | 3): string {
  const call = ['f(a[pa + i], 0, 0, p0, p1)', 'f(a[pa + i], b[pb + i], 0, p0, p1)', 'f(a[pa + i], b[pb + i], c[pc + i], p0, p1)'][arity - 1];
  const strided = ['f(a[pa], 0, 0, p0, p1)', 'f(a[pa], b[pb], 0, p0, p1)', 'f(a[pa], b[pb], c[pc], p0, p1)'][arity - 1];
  const contiguous = ['so === 1 && sa === 1', 'so === 1 && sa === 1 && sb === 1', 'so === 1 && sa === 1 && sb === 1 && sc === 1'][arity - 1];
  const scalarB =
    arity === 2
      ? `else if (so === 1 && sa === 1 && sb === 0) {
    const y = b[pb];
    for (let i = 0; i < n; i++) o[po + i] = f(a[pa + i], y, 0, p0, p1);
  } else if (so === 1 && sa === 0 && sb === 1) {
    const x = a[pa];
    for (let i = 0; i < n; i++) o[po + i] = f(x, b[pb + i], 0, p0, p1);
  }`
      : '';
  return `return function row(o, po, so, a, pa, sa, b, pb, sb, c, pc, sc, n, p0, p1) {
  if (${contiguous}) {
    for (let i = 0; i < n; i++) o[po + i] = ${call};
  } ${scalarB} else {
    for (let i = 0; i < n; i++, po += so, pa += sa, pb += sb, pc += sc) o[po] = ${strided};
  }
};`;
}

function compile(op: ElementwiseOp, f: (a: number, b: number, c: number, p0: number, p1: number) => number, arity: 1 | 2 | 3): RowLoop {
  try {
    // the op's name makes each source text distinct: V8 shares compiled code (and so the type feedback that lets it
    // inline `f`) between functions made from identical text
    return new Function('f', `// ${op}\n${source(arity)}`)(f) as RowLoop;
  } catch {
    return (o, po, so, a, pa, sa, b, pb, sb, c, pc, sc, n, p0, p1) => {
      for (let i = 0; i < n; i++, po += so, pa += sa, pb += sb, pc += sc) o[po] = f(a[pa], b[pb], c[pc], p0, p1);
    };
  }
}

const cache = new Map<ElementwiseOp, RowLoop>();

/** The row loop of an elementwise op, compiled on first use. */
export function rowLoop(op: ElementwiseOp): RowLoop {
  let loop = cache.get(op);
  if (!loop) {
    loop = compile(op, ELEMENTWISE[op].cpu, ELEMENTWISE[op].arity);
    cache.set(op, loop);
  }
  return loop;
}
