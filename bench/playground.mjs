// How smooth the playground stays (issue 5): builds it, opens it in headless
// Chromium and prints, per size, the time from an edit to the next painted
// frame (median over edits), then the longest main-thread task while the
// worker draws and computes 1e6 scores a side. A benchmark, not a test:
// these are timings on a shared machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { launchChromium } from '../scripts/chromium.mjs';
import { root } from '../scripts/lib.mjs';

const configFile = path.join(root, 'web', 'vite.config.ts');
const outDir = mkdtempSync(path.join(tmpdir(), 'rc-bench-web-'));
process.env.NODE_ENV = 'production';
await build({ configFile, mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await preview({ configFile, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const browser = await launchChromium();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.httpServer.address().port}/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });

  const rows = [];
  for (const n of [10, 1_000, 10_000]) {
    // Draw n a side (seeded), then time edits of the first real score: the
    // input event's handler (parse, compute, draw) and on to the next frame.
    await page.evaluate((count) => {
      for (const side of ['real', 'fake']) document.getElementById(`${side}-n`).value = String(count);
      const seed = document.getElementById('seed');
      seed.value = '7';
      seed.dispatchEvent(new Event('change'));
    }, n);
    const times = await page.evaluate(async () => {
      const field = document.getElementById('real');
      const base = field.value;
      const handler = [], frame = [];
      for (let k = 0; k < 15; k++) {
        field.value = `${(k % 5) / 4}, ${base.slice(base.indexOf(',') + 1)}`;
        const t0 = performance.now();
        field.dispatchEvent(new Event('input'));
        handler.push(performance.now() - t0);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        frame.push(performance.now() - t0);
      }
      return { handler, frame };
    });
    rows.push(`| ${n.toLocaleString('en-US')} | ${median(times.handler).toFixed(1)} | ${median(times.frame).toFixed(1)} |`);
  }

  // 1e6 a side through the worker: the longest task the page's main thread ran meanwhile.
  const longest = await page.evaluate(async () => {
    const tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); }).observe({ type: 'longtask' });
    for (const side of ['real', 'fake']) document.getElementById(`${side}-n`).value = '1000000';
    const t0 = performance.now();
    document.getElementById('fake-n').dispatchEvent(new Event('change'));
    const status = document.getElementById('status');
    const done = 'From 1,000,000 real and 1,000,000 fake scores.';
    while (status.textContent !== done) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));   // the charts, one per frame
    return { total: performance.now() - t0, tasks };
  });
  const lines = [
    `Playground in headless Chromium, ${new Date().toISOString().slice(0, 10)}: ms from an edit to the next frame (median of 15 edits)`,
    '', '| scores a side | input handler (parse, compute, draw) | to the next frame |', '|---:|---:|---:|', ...rows, '',
    `1e6 a side in the worker: results and landscape in ${(longest.total / 1000).toFixed(1)} s; main-thread tasks over 50 ms: `
    + `${longest.tasks.length}${longest.tasks.length ? ` (longest ${Math.max(...longest.tasks).toFixed(0)} ms)` : ''}.`,
  ];
  console.log(lines.join('\n'));
  writeFileSync(path.join(root, 'build', 'bench-playground.md'), `${lines.join('\n')}\n`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
  rmSync(outDir, { recursive: true, force: true });
}
