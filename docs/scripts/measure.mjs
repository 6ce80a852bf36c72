// Page weight and time to interactive of the built site's home page and makemore page, in headless Chromium
// (`pnpm --filter @typegrad/docs measure`, after a build). Weight: the bytes of every response the page and its
// workers received in the first 2.5 s (uncompressed, as this server sends them; the theme also prefetches the
// pages it links to). Time to interactive: the end of the last long task (> 50 ms) on the main thread after first
// contentful paint, or DOMContentLoaded if later: Lighthouse's definition without its network-quiet condition.
// Each page is loaded 3 times in a fresh context (empty cache); the median is reported.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = ['/', '/apps/makemore.html'];
const { origin, close } = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-webgpu'] });

async function measure(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.startTime + e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  // every response the page and its workers received, by resource type (body and headers, as sent)
  let bytes = 0;
  const byType = {};
  const pending = [];
  page.on('requestfinished', (request) =>
    pending.push(
      request.sizes().then(({ responseBodySize, responseHeadersSize }) => {
        const size = responseBodySize + responseHeadersSize;
        bytes += size;
        byType[request.resourceType()] = (byType[request.resourceType()] ?? 0) + size;
      }),
    ),
  );
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  await page.waitForTimeout(2500);
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const nav = performance.getEntriesByType('navigation')[0];
    const ends = window.__longTasks.filter((t) => t > fcp);
    return { fcp, load: nav.loadEventEnd, tti: Math.max(fcp, nav.domContentLoadedEventEnd, ...ends) };
  });
  let ready = null;
  if (path.includes('makemore')) {
    const started = Date.now();
    await page.waitForSelector('.makemore-app[data-state="ready"]', { timeout: 60_000 });
    ready = timing.load + (Date.now() - started);
    await page.waitForTimeout(500);
  }
  await Promise.all(pending);
  await context.close();
  return { bytes, byType, ...timing, ready };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const path of PAGES) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await measure(path));
  const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
  const last = runs.at(-1);
  console.log(
    `${path}: weight ${kb(median(runs.map((r) => r.bytes)))} (${Object.entries(last.byType).map(([t, b]) => `${t} ${kb(b)}`).join(', ')}); ` +
      `FCP ${median(runs.map((r) => r.fcp)).toFixed(0)} ms, load ${median(runs.map((r) => r.load)).toFixed(0)} ms, TTI ${median(runs.map((r) => r.tti)).toFixed(0)} ms` +
      (last.ready !== null ? `; app ready (data parsed, model built) at about ${median(runs.map((r) => r.ready)).toFixed(0)} ms` : ''),
  );
}
await browser.close();
await close();
