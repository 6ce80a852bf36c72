// Writes the API reference (api/<package>/…) from the packages' TSDoc with TypeDoc, one section per package, and
// fails when an exported symbol has no doc comment. Runs before every `dev` and `build`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Application, LogLevel, ReflectionKind } from 'typedoc';
import { DOCS, ROOT, documentedPackages } from './packages.mjs';

const OUT = join(DOCS, 'api');
/** What must carry a doc comment: every exported declaration (members are checked by their parent's comment). */
const REQUIRED = ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias', 'Namespace'];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const started = performance.now();
const missing = [];
const sidebar = [];
const packages = documentedPackages();

// One TypeDoc program over every entry of every package: one pass of the compiler instead of one per package.
const entries = packages.flatMap((pkg) => pkg.entries.map((e) => ({ ...e, pkg, name: e.subpath === '.' ? pkg.name : `${pkg.name}${e.subpath.slice(1)}` })));
const tsconfig = join(DOCS, '.vitepress', 'cache', 'api.tsconfig.json');
mkdirSync(dirname(tsconfig), { recursive: true });
writeFileSync(tsconfig, JSON.stringify({ extends: join(ROOT, 'tsconfig.base.json'), compilerOptions: { noEmit: true }, files: entries.map((e) => e.src) }, null, 2));
const app = await Application.bootstrapWithPlugins({
  entryPoints: entries.map((e) => e.src),
  entryPointStrategy: 'resolve',
  tsconfig,
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  out: OUT,
  docsRoot: DOCS,
  name: 'typegrad',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  // each package is typechecked by its own build; here only the comments are read
  skipErrorChecking: true,
  githubPages: false,
  disableSources: true,
  hidePageHeader: true,
  hideBreadcrumbs: true,
  useCodeBlocks: true,
  outputFileStrategy: 'modules',
  sanitizeComments: true,
  expandObjects: false,
  parametersFormat: 'table',
  interfacePropertiesFormat: 'table',
  classPropertiesFormat: 'table',
  typeDeclarationFormat: 'table',
  sidebar: { autoConfiguration: true, collapsed: true, pretty: false },
  validation: { notExported: false, invalidLink: false, rewrittenLink: false, notDocumented: true },
  requiredToBeDocumented: REQUIRED,
  logLevel: LogLevel.Error,
});
const project = await app.convert();
if (!project) throw new Error('api: TypeDoc could not read the packages');
// modules are named by entry (`@typegrad/nn/node`), not by their source path
const moduleEntry = new Map();
for (const module of project.children ?? []) {
  const entry = entries.find((e) => [e.src.replace(/\.ts$/, ''), e.src.replace(/(\/index)?\.ts$/, '')].some((s) => s.endsWith(`/${module.name}`)));
  if (!entry) throw new Error(`api: no package entry for the module ${module.name}`);
  module.name = entry.name;
  moduleEntry.set(module, entry);
}
for (const r of Object.values(project.reflections)) {
  if (!REQUIRED.some((k) => r.kindOf(ReflectionKind[k]))) continue;
  if (r.parent && !r.parent.kindOf(ReflectionKind.Module | ReflectionKind.Project | ReflectionKind.Namespace)) continue;
  if (hasComment(r)) continue;
  let module = r.parent;
  while (module && !moduleEntry.has(module)) module = module.parent;
  missing.push(`${module ? module.name : '?'}: ${ReflectionKind.singularString(r.kind).toLowerCase()} ${r.getFullName()}`);
}
await app.generateOutputs(project);
const links = new Map(JSON.parse(readFileSync(join(OUT, 'typedoc-sidebar.json'), 'utf8')).map((item) => [item.text, item.link]));
for (const pkg of packages) {
  const items = entries.filter((e) => e.pkg === pkg).map((e) => ({ text: e.name, link: links.get(e.name) }));
  if (items.some((i) => !i.link)) throw new Error(`api: no page was written for an entry of ${pkg.name}`);
  sidebar.push({ text: pkg.name, slug: pkg.slug, description: pkg.description, items });
}

function hasComment(r) {
  if (r.hasComment()) return true;
  if (r.signatures?.some((s) => s.hasComment())) return true;
  if (r.kindOf(ReflectionKind.Class) && r.children?.some((c) => c.kindOf(ReflectionKind.Constructor) && c.signatures?.some((s) => s.hasComment()))) return true;
  if (r.type?.declaration?.signatures?.some((s) => s.hasComment())) return true;
  return false;
}

writeFileSync(join(OUT, 'packages.json'), JSON.stringify(sidebar, null, 2) + '\n');
writeFileSync(
  join(OUT, 'index.md'),
  [
    '# API reference',
    '',
    "Generated from each package's TSDoc on every build of this site. One section per package; a package's `/node`",
    "entry (Node's file system) and the tensor package's `/webgpu` entry are documented beside its main one.",
    '',
    '| package and its entries | what it is |',
    '| --- | --- |',
    ...sidebar.map((p) => `| ${p.items.map((i) => `[\`${i.text}\`](${i.link.replace(/^\/api\//, './')})`).join('<br>')} | ${p.description ?? ''} |`),
    '',
  ].join('\n'),
);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (missing.length > 0) {
  console.error(`api: ${missing.length} exported symbol${missing.length === 1 ? ' has' : 's have'} no doc comment:`);
  for (const m of missing) console.error(`  ${m}`);
  process.exit(1);
}
console.log(`api: ${packages.length} packages documented in ${relative(process.cwd(), OUT) || '.'} (${seconds} s), every export has a doc comment`);
