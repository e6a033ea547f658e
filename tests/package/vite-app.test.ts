// A Vite app that installs the tarball from node_modules, with no
// configuration at all: its production build and its dev server, in Chromium.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watch } from '../../scripts/chromium.mjs';
import { packAndInstall } from './pack.js';

let consumer: string;
let browser: Browser;
const servers: (PreviewServer | ViteDevServer)[] = [];

beforeAll(async () => {
  ({ consumer } = packAndInstall());
  mkdirSync(path.join(consumer, 'app'));
  writeFileSync(path.join(consumer, 'app', 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,"></head>'
    + '<body><p id="out">pending</p><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(path.join(consumer, 'app', 'main.js'), `
    import { init } from 'relativistic-critic';
    init().then((rc) => {
      const out = rc.losses([2, 1.5, 1.8], [0.5, 0.3, 0.1]);
      document.getElementById('out').textContent = out.dLoss.toFixed(6) + ' ' + out.gLoss.toFixed(6);
    }, (e) => { document.getElementById('out').textContent = 'failed: ' + e; });
  `);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(consumer, { recursive: true, force: true });
});

async function losses(url: string): Promise<string> {
  const problems: string[] = [];
  const page = watch(await browser.newPage(), problems);
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('out')!.textContent !== 'pending', null, { timeout: 30_000 });
  const text = (await page.textContent('#out'))!;
  await page.close();
  expect(problems).toEqual([]);
  return text;
}

describe('a Vite app using the installed package', () => {
  it('builds with no configuration, emits the .wasm as an asset and runs', async () => {
    const outDir = path.join(consumer, 'app-dist');
    const result = await build({ root: path.join(consumer, 'app'), logLevel: 'silent', configFile: false, build: { outDir } });
    const names = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output.map((o) => o.fileName) : []));
    expect(names.some((n) => /relativistic_critic-.*\.wasm$/.test(n))).toBe(true);
    const server = await preview({ root: path.join(consumer, 'app'), configFile: false, logLevel: 'silent',
      build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    servers.push(server);
    const { port } = server.httpServer.address() as AddressInfo;
    expect(await losses(`http://127.0.0.1:${port}/`)).toBe('0.210218 1.676885');
  });

  it('runs under the dev server, pre-bundling included', async () => {
    const server = await createServer({ root: path.join(consumer, 'app'), configFile: false, logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' } });
    servers.push(server);
    await server.listen();
    const { port } = server.httpServer!.address() as AddressInfo;
    expect(await losses(`http://127.0.0.1:${port}/`)).toBe('0.210218 1.676885');
  });
});
