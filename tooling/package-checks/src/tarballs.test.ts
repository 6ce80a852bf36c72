// What `pnpm pack` puts in each package's tarball, read back from the tarball itself: the licence, the
// metadata npm shows, every file the exports map points to, and nothing of the repository that users don't need.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, publishedPackages, type PackageJson, type PublishedPackage } from './packages.js';

interface Unpacked {
  root: string;
  files: string[];
  json: PackageJson;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** Packs a package with pnpm (as a release would) and unpacks the tarball. */
function packAndUnpack(pkg: PublishedPackage): Unpacked {
  const out = mkdtempSync(join(tmpdir(), 'typegrad-pack-'));
  const report = JSON.parse(execFileSync('pnpm', ['pack', '--pack-destination', out, '--json'], { cwd: pkg.dir, encoding: 'utf8' })) as { filename: string };
  execFileSync('tar', ['-xzf', report.filename, '-C', out]);
  const root = join(out, 'package');
  return { root, files: listFiles(root).sort(), json: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) };
}

const packages = publishedPackages();
// the repository's LICENSE is the MIT licence, then (after a '---' line) a note on the data folders it does not
// cover; a package ships the MIT licence alone
const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8').split('\n---\n')[0];

describe.each(packages.map((p) => [p.name, p] as const))('the %s tarball', (_, pkg) => {
  let tarball: Unpacked;
  beforeAll(() => {
    tarball = packAndUnpack(pkg);
  });

  it("holds typegrad's licence, the README and the package.json", () => {
    expect(tarball.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(readFileSync(join(tarball.root, 'LICENSE'), 'utf8')).toBe(licence);
  });

  it('says where it comes from and what it runs on', () => {
    const { json } = tarball;
    expect(json.license).toBe('MIT');
    expect(json.repository).toEqual({ type: 'git', url: 'git+https://github.com/typegrad/typegrad.git', directory: relative(ROOT, pkg.dir) });
    expect(json.homepage).toBe(`https://github.com/typegrad/typegrad/tree/main/${relative(ROOT, pkg.dir)}#readme`);
    expect(json.bugs?.url).toBe('https://github.com/typegrad/typegrad/issues');
    expect(json.engines?.node).toMatch(/^>=20/);
    // workspace links become versions
    expect(JSON.stringify(json.dependencies ?? {})).not.toContain('workspace:');
  });

  it('holds every file its exports map points to', () => {
    for (const [subpath, target] of Object.entries(tarball.json.exports)) {
      const paths = typeof target === 'string' ? [target] : Object.values(target);
      for (const path of paths) expect(existsSync(join(tarball.root, path as string)), `${subpath} → ${path}`).toBe(true);
    }
  });

  it('leaves out sources, tests, fixtures and build configuration', () => {
    const stray = tarball.files.filter((f) => /^(src|fixtures|bench|scripts|assembly)\/|\.test\.|^tsconfig|^tsup|^vitest/.test(f));
    expect(stray).toEqual([]);
  });
});

describe('data that ships with a package', () => {
  it("@typegrad/datasets ships the names and the Shakespeare text with their own notices beside typegrad's licence", () => {
    const { files } = packAndUnpack(packages.find((p) => p.name === '@typegrad/datasets')!);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'data/names.txt', 'data/LICENSE-makemore.txt', 'data/tinyshakespeare.txt', 'data/NOTICE-tinyshakespeare.txt']));
  });

  it('@typegrad/datasets ships the sentiment sentences with their CC BY 4.0 notice and citation', () => {
    const { root, files } = packAndUnpack(packages.find((p) => p.name === '@typegrad/datasets')!);
    expect(files).toEqual(expect.arrayContaining(['data/sentiment-sentences.tsv', 'data/NOTICE-sentiment-sentences.txt']));
    const notice = readFileSync(join(root, 'data/NOTICE-sentiment-sentences.txt'), 'utf8');
    expect(notice).toContain('Creative Commons Attribution 4.0 International (CC BY 4.0)');
    expect(notice).toContain('Kotzias');
    expect(readFileSync(join(root, 'data/sentiment-sentences.tsv'), 'utf8').split('\n')[0]).toBe('label\tsource\ttext');
  });

  it('no package ships MovieLens (GroupLens licence, not MIT: it stays in the repository\'s data/movielens-small)', () => {
    for (const name of ['@typegrad/recommender', '@typegrad/datasets']) {
      const { files } = packAndUnpack(packages.find((p) => p.name === name)!);
      const data = files.filter((f) => /(^|\/)(ratings|movies|tags|links)\.csv$|^data\/.*movielens/i.test(f));
      expect(data, name).toEqual([]);
    }
  });
});
