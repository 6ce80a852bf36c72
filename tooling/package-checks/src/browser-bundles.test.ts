// Every entry point a browser app may import bundles for the browser with no Node built-in in sight, even
// the functions it never calls; Node-only code sits behind the `/node` subpaths.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { NODE_ONLY_ENTRIES, publishedPackages, specifier } from './packages.js';

const here = join(import.meta.dirname, '..');
const packages = publishedPackages();

/** Bundles `import * as m from spec` for the browser; returns esbuild's errors (none when it bundles). */
async function bundleForBrowser(spec: string): Promise<{ errors: string[]; imports: string[] }> {
  try {
    const result = await build({
      stdin: { contents: `import * as m from '${spec}';\nconsole.log(Object.keys(m).length);\n`, resolveDir: here, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    return { errors: [], imports };
  } catch (e) {
    return { errors: ((e as { errors?: { text: string }[] }).errors ?? [{ text: String(e) }]).map((x) => x.text), imports: [] };
  }
}

describe('browser bundles (esbuild --platform=browser)', () => {
  it('every published package is a dependency of these checks, so it is built and checked', () => {
    const own = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).devDependencies;
    for (const pkg of packages) expect(own, pkg.name).toHaveProperty([pkg.name]);
  });

  const browserEntries = packages.flatMap((pkg) => pkg.entries.filter((e) => !NODE_ONLY_ENTRIES.has(e)).map((e) => specifier(pkg, e)));
  it.each(browserEntries)('%s bundles without Node built-ins', async (spec) => {
    const { errors, imports } = await bundleForBrowser(spec);
    expect(errors).toEqual([]);
    // no import of a built-in was left external either (threads reach Node's through process.getBuiltinModule,
    // which bundlers never see, and only where the code runs in Node)
    expect(imports.filter((m) => m.startsWith('node:') || builtinModules.includes(m))).toEqual([]);
    expect(imports.length).toBeGreaterThan(0);
  });

  // the check itself: a Node entry must fail it, naming the built-in
  it('the /node entries are the ones that need Node (and this check catches them)', async () => {
    const nodeEntries = packages.flatMap((pkg) => pkg.entries.filter((e) => e === './node').map((e) => specifier(pkg, e)));
    expect(nodeEntries).toEqual(['@typegrad/app-kit/node', '@typegrad/datasets/node', '@typegrad/nn/node', '@typegrad/tokenizers/node', '@typegrad/sentiment/node']);
    for (const spec of nodeEntries) {
      const { errors } = await bundleForBrowser(spec);
      expect(errors.join('\n'), spec).toMatch(/Could not resolve "(node:)?(fs\/promises|path|os)"/);
    }
  });
});
