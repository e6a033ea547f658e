// The playground's production build, served by `vite preview` under a strict
// Content-Security-Policy, and a Chromium that records every console error
// or warning, page error and failed request. Shared by the browser tests.
//
// Needs dist/ (node scripts/build.mjs) and /usr/bin/chromium.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM_FLAGS } from '../../scripts/chromium.mjs';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const configFile = join(repo, 'web', 'vite.config.ts');
export const screenshots = join(repo, 'build', 'screenshots');

// No inline script or style, no eval; only wasm compilation beyond 'self'.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'";

export interface Site {
  url: string;
  context: BrowserContext;
  page: Page;
  /** Everything that went wrong in any watched page since the last check. */
  problems: string[];
  watch(p: Page): Page;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  // Vitest sets NODE_ENV=test, which would make Vite build a development bundle.
  // The build goes to a private folder: another build running at the same
  // time cannot empty it under us.
  const outDir = await mkdtemp(join(tmpdir(), 'rc-web-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const server: PreviewServer = await preview({
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false, headers: { 'Content-Security-Policy': CSP } },
  });
  const address = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}/`;

  await mkdir(screenshots, { recursive: true });
  const userDataDir = await mkdtemp(join(tmpdir(), 'rc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const problems: string[] = [];
  const watch = (p: Page): Page => {
    p.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
    });
    p.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    // ERR_ABORTED is a load cancelled by leaving the page (a test's next goto), not a failure.
    p.on('requestfailed', (request) => {
      const error = request.failure()?.errorText;
      if (error !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${request.url()} ${error}`);
    });
    p.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    return p;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
  return {
    url, context, page, problems, watch,
    async close() {
      await context.close();
      await new Promise<void>((resolve, reject) => server.httpServer.close((error) => (error ? reject(error) : resolve())));
      for (const dir of [userDataDir, outDir]) await rm(dir, { recursive: true, force: true });
    },
  };
}
