// Runs a guide's example: its `import … from '@typegrad/…'` lines become look-ups in the modules given, `console`
// prints to the output, and `plot(series, options)` draws a line plot in place. The same code runs in the page's
// Web Worker and in Node (scripts/record-examples.mjs), so the printed output can be recorded once and checked.

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;

/** `import { a, b as c } from 'x';` → `const { a, b: c } = __modules['x'];` (and `import * as ns from 'x'`). */
export function rewriteImports(code) {
  return code
    .replace(/^\s*import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2\s*;?/gm, (_, names, _q, spec) => {
      const bindings = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '))
        .map((n) => n.replace(/\s+as\s+/, ': '));
      return `const { ${bindings.join(', ')} } = __module(${JSON.stringify(spec)});`;
    })
    .replace(/^\s*import\s*(['"])([^'"]+)\1\s*;?/gm, (_, _q, spec) => `__module(${JSON.stringify(spec)});`)
    .replace(/^\s*import\s+\*\s+as\s+(\w+)\s+from\s*(['"])([^'"]+)\2\s*;?/gm, (_, name, _q, spec) => `const ${name} = __module(${JSON.stringify(spec)});`);
}

/** How the output shows a value: strings as they are, tensors by their `toString()`, the rest as JSON. */
export function show(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value.toString === 'function' && value.toString !== Object.prototype.toString && !Array.isArray(value)) return value.toString();
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Runs `code` with `modules` (specifier → module). `emit` receives `{ type: 'print', text }` for each line printed
 * and `{ type: 'plot', svg, title }` for each plot; `linePlot` draws the plots.
 */
export async function runExample(code, { modules, emit, linePlot }) {
  const __module = (spec) => {
    const m = modules[spec];
    if (!m) throw new Error(`this page can import ${Object.keys(modules).join(', ')}, not ${spec}`);
    return m;
  };
  const print = (...args) => emit({ type: 'print', text: args.map(show).join(' ') });
  const console = { log: print, info: print, warn: print, error: print };
  const plot = (series, options = {}) => emit({ type: 'plot', title: options.title ?? 'plot', svg: linePlot(series, options) });
  const fn = new AsyncFunction('__module', 'console', 'plot', rewriteImports(code));
  await fn(__module, console, plot);
}
