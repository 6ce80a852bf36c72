// The built site (.vitepress/dist) in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
// nothing is downloaded): every page loads without console errors or failed requests, every runnable example
// prints what its guide shows (examples/<name>.out), the makemore page trains and samples on the CPU and on
// WebGPU (SwiftShader), the recommender page trains and recommends, the sentiment page loads the classifier built
// with the site and trains one on request, and axe-core finds no serious a11y problems.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, serve } from '../scripts/serve.mjs';
import { DOCS } from '../scripts/packages.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipReason = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
  : !existsSync(join(DIST, 'index.html'))
    ? 'the site is not built (pnpm --filter @typegrad/docs build)'
    : process.env.TYPEGRAD_BROWSER_TESTS === '0'
      ? 'TYPEGRAD_BROWSER_TESTS=0'
      : '';
if (skipReason) console.log(`docs browser tests skipped: ${skipReason}`);

/** Every page of the built site, as a path ('/', '/guides/embeddings.html', …). */
function pages(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out.push(...pages(file));
    else if (name.endsWith('.html') && name !== '404.html') out.push(`/${relative(DIST, file).replace(/index\.html$/, '')}`);
  }
  return out.sort();
}

const examples = readdirSync(join(DOCS, 'examples'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => f.replace(/\.js$/, ''));

describe.skipIf(Boolean(skipReason))(`the docs site in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ origin, close } = await serve({ port: 0 }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  /** A page that records console errors, uncaught exceptions and failed or refused requests. */
  async function open(path: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    const requests: string[] = []; // every URL asked for, the workers' requests included
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
    page.on('requestfailed', (r) => {
      // the theme prefetches linked pages; leaving a page aborts those, which is not a failure
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('request', (r) => {
      requests.push(r.url());
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request off the site: ${r.url()}`);
    });
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  it('loads every page without console errors or failed requests', async () => {
    const all = pages();
    expect(all.length).toBeGreaterThan(10);
    // one tab visits every page in turn: what a reader clicking through would see
    const { page, problems } = await open('/');
    const found: string[] = [];
    for (const path of all) {
      const before = problems.length;
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      expect(await page.locator('h1').count(), `${path} has a main heading`).toBeGreaterThanOrEqual(1);
      found.push(...problems.slice(before).map((p) => `${path}: ${p}`));
    }
    await page.waitForTimeout(500);
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('is cross-origin isolated, so the CPU backend can use threads', async () => {
    const { page } = await open('/');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.context().close();
  });

  it.each(examples)('runs the example %s and prints what its guide shows', async (name) => {
    const page = pagesWithExample[name];
    expect(page, `a page runs examples/${name}.js`).toBeDefined();
    const { page: tab, problems } = await open(page);
    const box = tab.locator(`.run-example[data-example="${name}"]`);
    await box.getByRole('button', { name: 'Run' }).click();
    await tab.waitForSelector(`.run-example[data-example="${name}"][data-state="done"], .run-example[data-example="${name}"][data-state="error"]`, { timeout: 60_000 });
    const printed = await box.locator('pre.output, .plot').evaluateAll((nodes) =>
      nodes.map((n) => (n.classList.contains('plot') ? `[plot: ${n.getAttribute('aria-label')}]` : (n.textContent ?? ''))).join('\n'),
    );
    expect(`${printed}\n`).toBe(readFileSync(join(DOCS, 'examples', `${name}.out`), 'utf8'));
    expect(problems).toEqual([]);
    await tab.context().close();
  });

  it('trains makemore on the CPU, stops, resumes and samples names', async () => {
    const { page, problems } = await open('/apps/makemore.html');
    const app = page.locator('.makemore-app');
    await page.waitForSelector('.makemore-app[data-state="ready"]', { timeout: 60_000 });
    await expect.poll(() => app.locator('.adapter').textContent()).toContain('CPU');
    await app.getByLabel('Steps per run').fill('300');
    await app.getByRole('button', { name: 'Train' }).click();
    await page.waitForSelector('.makemore-app .summary', { timeout: 90_000 });
    const summary = await app.locator('.summary').textContent();
    expect(summary).toMatch(/trained at step 300: 300 steps/);
    const dev = Number(summary!.match(/dev loss (\d+\.\d+)/)![1]);
    expect(dev).toBeLessThan(2.9); // from ln 27 ≈ 3.3 at the start
    await app.getByRole('button', { name: 'Resume' }).click();
    await page.waitForSelector('.makemore-app[data-state="training"]');
    await app.getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('.makemore-app .summary', { timeout: 60_000 });
    expect(await app.locator('.summary').textContent()).toMatch(/(stopped|trained) at step/);
    await app.getByRole('button', { name: 'Sample 20 names' }).click();
    await expect.poll(() => app.locator('.names li').count(), { timeout: 30_000 }).toBe(20);
    expect(await app.locator('[role="img"] svg polyline').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("trains makemore's transformer on the CPU and samples names", async () => {
    const { page, problems } = await open('/apps/makemore.html');
    const app = page.locator('.makemore-app');
    await page.waitForSelector('.makemore-app[data-state="ready"]', { timeout: 60_000 });
    await app.getByLabel('Model').selectOption('transformer');
    await page.waitForSelector('.makemore-app[data-state="ready"]', { timeout: 60_000 });
    await expect.poll(() => app.locator('.status').first().textContent()).toMatch(/20[0-9],[0-9]{3} parameters/);
    await app.getByLabel('Steps per run').fill('20');
    await app.getByRole('button', { name: 'Train' }).click();
    await page.waitForSelector('.makemore-app .summary', { timeout: 120_000 });
    const summary = await app.locator('.summary').textContent();
    expect(summary).toMatch(/trained at step 20: 20 steps/);
    const dev = Number(summary!.match(/dev loss (\d+\.\d+)/)![1]);
    expect(dev).toBeGreaterThan(1);
    expect(dev).toBeLessThan(4); // about ln 27 ≈ 3.3 this early (the warmup keeps the rate low)
    await app.getByRole('button', { name: 'Sample 20 names' }).click();
    await expect.poll(() => app.locator('.names li').count(), { timeout: 60_000 }).toBe(20);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('trains makemore on WebGPU and shows the adapter', async () => {
    const { page, problems } = await open('/apps/makemore.html');
    const app = page.locator('.makemore-app');
    const hasGpu = await page.evaluate(async () => Boolean(await (navigator as any).gpu?.requestAdapter()));
    if (!hasGpu) {
      console.log('makemore on WebGPU: this Chromium gives no adapter; only the CPU path was tested');
      return;
    }
    await page.waitForSelector('.makemore-app[data-state="ready"]', { timeout: 60_000 });
    await app.getByLabel('Device').selectOption('webgpu');
    await page.waitForSelector('.makemore-app[data-state="ready"]', { timeout: 60_000 });
    const adapter = await app.locator('.adapter').textContent();
    expect(adapter).toMatch(/Adapter: .+/);
    expect(adapter).not.toContain('CPU');
    console.log(`makemore on WebGPU: ${adapter}`);
    // SwiftShader runs WebGPU on the CPU, slowly: a few steps show the path works
    await app.getByLabel('Steps per run').fill('10');
    await app.getByRole('button', { name: 'Train' }).click();
    await page.waitForSelector('.makemore-app .summary', { timeout: 90_000 });
    expect(await app.locator('.summary').textContent()).toMatch(/trained at step 10: 10 steps/);
    await app.getByRole('button', { name: 'Sample 20 names' }).click();
    await expect.poll(() => app.locator('.names li').count(), { timeout: 60_000 }).toBe(20);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('trains the recommender on MovieLens, recommends with reasons and finds similar movies', async () => {
    const { page, problems } = await open('/apps/recommender.html');
    const app = page.locator('.recommender-app');
    await page.waitForSelector('.recommender-app[data-state="ready"]', { timeout: 60_000 });
    expect(await app.locator('.status').first().textContent()).toContain('100,836 ratings');
    await app.getByLabel('Epochs').fill('2');
    await app.getByRole('button', { name: 'Train' }).click();
    await page.waitForSelector('.recommender-app[data-state="trained"]', { timeout: 120_000 });
    const rmse = Number((await app.locator('.summary').textContent())!.match(/RMSE on the held-out ratings (\d+\.\d+)/)![1]);
    expect(rmse).toBeLessThan(1.1);
    await app.getByRole('button', { name: 'Rate an example set' }).click();
    await expect.poll(() => app.locator('.rated li').count(), { timeout: 30_000 }).toBe(4);
    await app.getByRole('button', { name: 'Recommend', exact: true }).click();
    await expect.poll(() => app.locator('.recommendations li').count(), { timeout: 30_000 }).toBe(10);
    expect(await app.locator('.recommendations').textContent()).toContain('because you rated');
    await app.locator('.recommendations li button').first().click();
    await expect.poll(() => app.locator('.similar tbody tr').count(), { timeout: 30_000 }).toBe(6);
    expect(await page.locator('main').textContent()).toContain('GroupLens');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('loads the sentiment classifier built with the site by URL, explains sentences word by word, and trains one in the page', async () => {
    const { page, problems, requests } = await open('/apps/sentiment.html');
    const modelFiles = () => requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith('/models/'));
    const app = page.locator('.sentiment-app');
    await page.waitForSelector('.sentiment-app[data-state="ready"]', { timeout: 120_000 });
    const status = (await app.locator('.status').first().textContent())!;
    expect(status).toContain('loaded the model trained when this site was built');
    expect(Number(status.match(/test sentences (\d+\.\d)%/)![1])).toBeGreaterThan(70);
    // the manifest, the weights and the vocabulary, all from the site (the worker's requests count too)
    expect(modelFiles().some((f) => f.endsWith('/sentiment-bow.json'))).toBe(true);
    expect(modelFiles().some((f) => f.endsWith('.safetensors'))).toBe(true);
    expect(modelFiles().some((f) => f.endsWith('.tokenizer.json'))).toBe(true);
    await app.getByLabel('Sentence').fill('I loved this film, the acting was wonderful.');
    await expect.poll(() => app.locator('.label').textContent(), { timeout: 30_000 }).toBe('positive');
    await app.getByLabel('Sentence').fill('Terrible service and the food was awful.');
    await expect.poll(() => app.locator('.label').textContent(), { timeout: 30_000 }).toBe('negative');
    expect(await app.locator('.token').count()).toBeGreaterThan(3);
    // training in the page replaces the loaded model
    await app.getByRole('button', { name: 'Train in this page instead' }).click();
    await expect.poll(() => app.locator('.status').first().textContent(), { timeout: 120_000 }).toMatch(/^trained in this page/);
    expect(Number((await app.locator('.status').first().textContent())!.match(/test sentences (\d+\.\d)%/)![1])).toBeGreaterThan(70);
    await app.getByLabel('Sentence').fill('What a wonderful, friendly place.');
    await expect.poll(() => app.locator('.label').textContent(), { timeout: 30_000 }).toBe('positive');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('passes axe-core on the home page, a guide, two API pages and two app pages', async () => {
    const violations: string[] = [];
    for (const path of ['/', '/guides/gradient-descent.html', '/api/', '/api/@typegrad/nn/', '/apps/makemore.html', '/apps/sentiment.html']) {
      const { page } = await open(path);
      await page.waitForLoadState('networkidle');
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).disableRules(['color-contrast']).analyze();
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        violations.push(`${path}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      }
      await page.context().close();
    }
    expect(violations).toEqual([]);
  });

  it('moves keyboard focus to the Run button with Tab', async () => {
    const { page } = await open('/guides/gradient-descent.html');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Run');
    }
    expect(reached).toBe(true);
    await page.context().close();
  });
});

/** The page each example runs on, from the markdown sources (`<RunExample name="…" />`). */
const pagesWithExample: Record<string, string> = (() => {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (['node_modules', '.vitepress', 'api', 'examples', 'test', 'scripts'].includes(name)) continue;
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.md') && name !== 'README.md') {
        for (const m of readFileSync(file, 'utf8').matchAll(/<RunExample name="([^"]+)"/g)) {
          out[m[1]] ??= `/${relative(DOCS, file).replace(/\.md$/, '.html')}`;
        }
      }
    }
  };
  walk(DOCS);
  return out;
})();
