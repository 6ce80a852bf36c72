import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docs = fileURLToPath(new URL('..', import.meta.url));

/** Cross-origin isolation: lets the CPU backend share memory with its worker threads (see README.md). */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Sends the isolation headers with every response of the dev server and of `vite preview` (server.headers alone
 * misses the pages VitePress renders itself). */
type Middleware = (req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => void;
interface Server {
  middlewares: { use(middleware: Middleware): void };
}
const sendIsolation: Middleware = (_req, res, next) => {
  for (const [name, value] of Object.entries(ISOLATION)) res.setHeader(name, value);
  next();
};
const isolation = {
  name: 'typegrad-cross-origin-isolation',
  // (a hook that returns a function has it run later, so these return nothing)
  configureServer(server: Server): void {
    server.middlewares.use(sendIsolation);
  },
  configurePreviewServer(server: Server): void {
    server.middlewares.use(sendIsolation);
  },
};

interface ApiPackage {
  text: string;
  items: { text: string; link: string }[];
}

/** The API reference's sidebar: one group per package, with a page per entry (written by scripts/api.mjs). */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const list = `${docs}api/packages.json`;
  if (!existsSync(list)) return [];
  const packages: ApiPackage[] = JSON.parse(readFileSync(list, 'utf8'));
  return [
    { text: 'API reference', link: '/api/' },
    ...packages.map((p) => (p.items.length === 1 ? { text: p.text, link: p.items[0].link } : { text: p.text, items: p.items })),
  ];
}

const guides: DefaultTheme.SidebarItem[] = [
  {
    text: 'Start',
    items: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Coming from PyTorch', link: '/coming-from-pytorch' },
      { text: 'Coming from TensorFlow.js', link: '/coming-from-tensorflow-js' },
    ],
  },
  {
    text: 'Guides',
    items: [
      { text: 'Gradient descent', link: '/guides/gradient-descent' },
      { text: 'Linear regression', link: '/guides/linear-regression' },
      { text: 'Logistic regression and classification', link: '/guides/logistic-regression' },
      { text: 'Softmax and cross-entropy', link: '/guides/softmax-cross-entropy' },
      { text: 'MLPs and initialisation', link: '/guides/mlp-initialisation' },
      { text: 'Embeddings', link: '/guides/embeddings' },
      { text: 'Recommender systems', link: '/guides/recommender-systems' },
      { text: 'Tokenization', link: '/guides/tokenization' },
      { text: 'Language models and sampling', link: '/guides/language-models' },
      { text: 'Attention and transformers', link: '/guides/attention' },
    ],
  },
  {
    text: 'Apps in the page',
    items: [
      { text: 'makemore', link: '/apps/makemore' },
      { text: 'Recommender', link: '/apps/recommender' },
      { text: 'Sentiment', link: '/apps/sentiment' },
    ],
  },
];

export default defineConfig({
  title: 'typegrad',
  description: 'Deep learning in TypeScript: tensors, autograd, layers and optimizers on the CPU and WebGPU, in Node and in the browser.',
  lang: 'en',
  cleanUrls: false,
  lastUpdated: false,
  srcExclude: ['README.md', 'examples/**', 'scripts/**', 'test/**'],
  head: [['link', { rel: 'icon', href: 'data:,' }]],
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guides', link: '/guides/gradient-descent' },
      { text: 'Apps', link: '/apps/makemore' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: { '/api/': apiSidebar(), '/': guides },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
  vite: {
    plugins: [isolation],
    server: { headers: ISOLATION, fs: { allow: ['..'] } },
    preview: { headers: ISOLATION },
    worker: { format: 'es' },
    build: { chunkSizeWarningLimit: 2000 },
  },
});
