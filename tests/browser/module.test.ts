// The package in Chromium without a bundler: main thread and a module
// Worker, served with a strict Content-Security-Policy (no eval, no inline
// script; only wasm compilation allowed).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watch } from '../../scripts/chromium.mjs';

const repo = path.resolve(import.meta.dirname, '..', '..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";

let server: Server;
let browser: Browser;
let origin: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    requested.push(req.url ?? '');
    // A .wasm moved away from its glue, as a bundler may do.
    const pathname = req.url === '/moved/critic.wasm' ? '/dist/relativistic_critic.wasm' : new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.join(repo, decodeURIComponent(pathname));
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!file.startsWith(path.join(repo, 'dist')) && !file.startsWith(path.join(repo, 'tests', 'browser', 'fixtures'))) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the package in Chromium, under a strict CSP', () => {
  it('computes the seed example on the main thread and in a Worker', async () => {
    const problems: string[] = [];
    const page = watch(await browser.newPage(), problems);
    await page.goto(`${origin}/tests/browser/fixtures/module.html`);
    await page.waitForFunction(() => !document.getElementById('main')!.textContent!.includes('pending')
      && !document.getElementById('worker')!.textContent!.includes('pending'), null, { timeout: 30_000 });
    const main = JSON.parse((await page.textContent('#main'))!);
    const worker = JSON.parse((await page.textContent('#worker'))!);
    expect(main.failed).toBeUndefined();
    expect(main.same).toBe(true);
    expect(main.d.toFixed(6)).toBe('0.210218');
    expect(main.g.toFixed(6)).toBe('1.676885');
    expect(main.ref).toEqual({ d_loss: 0.210218, g_loss: 1.676885,
      real_relative: [1.7, 1.2, 1.5], fake_relative: [-1.266667, -1.466667, -1.666667] });
    expect(main.error).toMatch(/^TypeError: .*real\[1\] must be a finite number, got the string "x"/);
    expect(main.after).toBe(main.d);
    expect(worker.failed).toBeUndefined();
    expect(worker.d).toBe(main.d);
    expect(worker.g).toBe(main.g);
    // dG/df_j < 0 for every fake: the generator raises each fake score.
    expect(worker.grads).toHaveLength(3);
    for (const g of worker.grads) expect(g).toBeLessThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fetches the .wasm from the URL given to init({ wasmUrl })', async () => {
    const problems: string[] = [];
    const page = watch(await browser.newPage(), problems);
    requested.length = 0;
    await page.goto(`${origin}/tests/browser/fixtures/module.html?wasm=/moved/critic.wasm`);
    await page.waitForFunction(() => !document.getElementById('main')!.textContent!.includes('pending'), null, { timeout: 30_000 });
    const main = JSON.parse((await page.textContent('#main'))!);
    expect(main.d.toFixed(6)).toBe('0.210218');
    expect(requested).toContain('/moved/critic.wasm');
    expect(problems).toEqual([]);
    await page.close();
  });
});
