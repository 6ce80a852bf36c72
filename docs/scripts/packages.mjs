// The packages the site documents, read from the workspace: each library package and each app's library entry,
// with the source file behind every public entry of its `exports` map (the CLIs are left out).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(DOCS, '..');

/** Order of the API reference's sidebar: the layers from the bottom up, then the apps. */
const ORDER = ['tensor', 'autograd', 'nn', 'optim', 'datasets', 'tokenizers', 'transformer', 'app-kit', 'makemore', 'recommender', 'sentiment'];

export function documentedPackages() {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const dir of readdirSync(join(ROOT, group))) {
      const pkgFile = join(ROOT, group, dir, 'package.json');
      if (!existsSync(pkgFile)) continue;
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
      if (pkg.private) continue;
      const entries = [];
      for (const [key, target] of Object.entries(pkg.exports ?? {})) {
        const file = typeof target === 'string' ? target : target?.default;
        if (!file?.endsWith('.js')) continue;
        const src = sourceOf(join(ROOT, group, dir), file);
        if (src) entries.push({ subpath: key, src });
      }
      if (entries.length > 0) found.push({ slug: dir, name: pkg.name, dir: join(ROOT, group, dir), description: pkg.description, entries });
    }
  }
  const rank = (slug) => (ORDER.includes(slug) ? ORDER.indexOf(slug) : ORDER.length);
  return found.sort((a, b) => rank(a.slug) - rank(b.slug) || a.slug.localeCompare(b.slug));
}

/** The source of a built entry: src/<name>.ts, or the file tsup.config.ts names for that entry. */
function sourceOf(dir, built) {
  const name = built.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
  const direct = join(dir, 'src', `${name}.ts`);
  if (existsSync(direct)) return direct;
  const tsup = join(dir, 'tsup.config.ts');
  if (!existsSync(tsup)) return null;
  const match = readFileSync(tsup, 'utf8').match(new RegExp(`\\b${name}:\\s*'([^']+)'`));
  return match && existsSync(join(dir, match[1])) ? join(dir, match[1]) : null;
}
