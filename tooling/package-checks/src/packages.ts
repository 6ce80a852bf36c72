/**
 * The packages users install, read from the workspace: every package under packages/ and apps/ that is not
 * private, with the entry points its `exports` map declares. New packages are checked without listing them here.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface PublishedPackage {
  name: string;
  dir: string;
  json: PackageJson;
  /** Entry subpaths that hold code ('.', './node', './webgpu'…), not data files or package.json. */
  entries: string[];
}

export interface PackageJson {
  name: string;
  private?: boolean;
  license?: string;
  repository?: { type: string; url: string; directory: string };
  homepage?: string;
  bugs?: { url: string };
  engines?: { node?: string };
  files?: string[];
  exports: Record<string, string | { types?: string; default?: string; import?: string }>;
  dependencies?: Record<string, string>;
}

/** Subpaths that need Node (their names say so) or exist for test runners only; browser bundles leave them out. */
export const NODE_ONLY_ENTRIES = new Set(['./node', './testing']);

export function publishedPackages(): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(ROOT, group)).sort()) {
      const dir = join(ROOT, group, name);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
      if (json.private) continue;
      const entries = Object.entries(json.exports)
        .filter(([, target]) => typeof target === 'object')
        .map(([subpath]) => subpath);
      found.push({ name: json.name, dir, json, entries });
    }
  }
  return found;
}

/** The import specifier of an entry: '@typegrad/nn' for '.', '@typegrad/nn/node' for './node'. */
export const specifier = (pkg: PublishedPackage, entry: string): string => (entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`);
