// The benchmark in headless Chromium: serves bench/ with Vite's dev server
// (it resolves TF.js from node_modules), runs bench/page.js and prints the
// same table as Node.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import { launchChromium } from '../scripts/chromium.mjs';
import { root } from '../scripts/lib.mjs';

const quick = process.argv.includes('--quick');
const server = await createServer({
  root: path.join(root, 'bench'), configFile: false, logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', fs: { allow: [root] } },
});
await server.listen();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') console.error(`page: ${msg.text()}`); });
  const { port } = server.httpServer.address();
  // TF.js fetches its .wasm files itself, from node_modules through Vite's /@fs/.
  const tfWasm = `/@fs${path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')}/`;
  await page.goto(`http://127.0.0.1:${port}/index.html?tfwasm=${encodeURIComponent(tfWasm)}${quick ? '&quick' : ''}`);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 60_000 });
  const result = await page.evaluate(() => window.benchResult, null, { timeout: 0 });
  const version = result.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? result.userAgent;
  const lines = [
    `Headless Chromium (${version}), ${new Date().toISOString().slice(0, 10)}: median ns per score (lower is better)`,
    '', result.text, '',
    ...result.memory.map((m) => `Memory at ${m.size.toLocaleString('en-US')} a side: wasm heap ${(m.heapBytes / 2 ** 20).toFixed(0)} MiB`
      + ` = ${(m.heapBytes / m.ioBytes).toFixed(2)}x the inputs plus outputs of the largest call;`
      + ` ${m.grewDuringRuns ? 'grew' : 'did not grow'} across the repeated calls.`),
  ];
  console.log(lines.join('\n'));
  writeFileSync(path.join(root, 'build', 'bench-chromium.md'), `${lines.join('\n')}\n`);
} finally {
  await browser.close();
  await server.close();
}
