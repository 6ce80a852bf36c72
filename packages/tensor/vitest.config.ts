/// <reference types="@vitest/browser/providers/playwright" />
import { existsSync } from 'node:fs';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** Debian's chromium; its SwiftShader gives pages a WebGPU adapter on machines without a GPU. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const node: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'node',
    // each test file gets the WebGPU backend (Dawn on SwiftShader) when the machine has an adapter
    setupFiles: ['src/testing/setup-node.ts'],
    globalSetup: ['src/testing/global-setup-node.ts'],
  },
};

// The same suite in headless Chromium, driven by Playwright with the system's browser (never a download).
const browser: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'browser',
    setupFiles: ['src/testing/setup-browser.ts'],
    browser: {
      enabled: true,
      provider: 'playwright',
      headless: true,
      screenshotFailures: false,
      instances: [
        {
          browser: 'chromium',
          launch: {
            executablePath: CHROMIUM,
            // WebGPU on (SwiftShader), and nothing that reaches the network; Playwright gives each run a new,
            // empty profile directory
            args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
          },
        },
      ],
    },
  },
};

const withBrowser = existsSync(CHROMIUM) && process.env.TYPEGRAD_BROWSER_TESTS !== '0';
// (Vitest loads this file more than once; say it once)
if (!withBrowser && !process.env.TYPEGRAD_BROWSER_NOTE) {
  process.env.TYPEGRAD_BROWSER_NOTE = '1';
  console.log(`browser suite skipped: ${existsSync(CHROMIUM) ? 'TYPEGRAD_BROWSER_TESTS=0' : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`}`);
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // the shared test helpers (src/testing) use vitest's globals, so other packages can use them from dist
    globals: true,
    // WebGPU runs on SwiftShader, on the CPU: generous limits keep a busy machine from failing slow kernels
    testTimeout: 120_000,
    projects: withBrowser ? [node, browser] : [node],
  },
});
