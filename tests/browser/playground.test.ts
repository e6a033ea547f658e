// The playground in a real browser: the production build under a strict
// Content-Security-Policy (site.ts), driven in Chromium as a user would.
//
// Needs dist/ (node scripts/build.mjs) and /usr/bin/chromium.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expected, expectShown, numbersIn } from './reference';
import { configFile, CSP, screenshots, startSite, type Site } from './site';

// ---------------------------------------------------------------------------

let site: Site;
let context: BrowserContext;
let page: Page;
let url: string;
let problems: string[];
const watch = (p: Page) => site.watch(p);

beforeAll(async () => {
  site = await startSite();
  ({ context, page, url, problems } = site);
}, 120_000);

afterAll(async () => {
  await site?.close();
}, 60_000);

afterEach(() => {
  // No console errors or warnings, page errors or failed requests, ever
  // (cleared per test, so one problem fails only the test that caused it).
  expect(problems.splice(0)).toEqual([]);
});

const real = () => page.getByLabel('Real scores', { exact: true });
const fake = () => page.getByLabel('Fake scores', { exact: true });
const dLoss = () => page.getByLabel('Discriminator loss', { exact: true });
const gLoss = () => page.getByLabel('Generator loss', { exact: true });
const sampleRows = () => page.locator('#samples-table tbody tr:not(.message)');

/** Every number the page shows agrees with the independent reference for the fields' contents. */
async function expectConsistentWithFields(): Promise<ReturnType<typeof expected>> {
  const r = numbersIn(await real().inputValue());
  const f = numbersIn(await fake().inputValue());
  const want = expected(r, f);
  expectShown(await dLoss().textContent(), want.dLoss);
  expectShown(await gLoss().textContent(), want.gLoss);
  expectShown(await page.locator('#mean-real').textContent(), want.meanReal);
  expectShown(await page.locator('#mean-fake').textContent(), want.meanFake);

  await expect.poll(() => sampleRows().count()).toBe(r.length + f.length);
  const cells = await sampleRows().evaluateAll((rows) =>
    rows.map((row) => Array.from(row.children, (c) => c.textContent ?? '')),
  );
  const relative = [...want.realRelative, ...want.fakeRelative];
  cells.forEach((row, k) => {
    expect(row[0]).toBe(k < r.length ? `real ${k + 1}` : `fake ${k - r.length + 1}`);
    expectShown(row[2]!, relative[k]!);
  });
  return want;
}

describe('playground (production build in Chromium)', { timeout: 60_000 }, () => {
  it('opens with the seed example and its losses', async () => {
    expect(await page.title()).toBe('Relativistic critic playground');
    expect(numbersIn(await real().inputValue())).toEqual([2, 1.5, 1.8]);
    expect(numbersIn(await fake().inputValue())).toEqual([0.5, 0.3, 0.1]);
    // The labelled outputs are the elements with the documented ids.
    expect(await dLoss().getAttribute('id')).toBe('d-loss');
    expect(await gLoss().getAttribute('id')).toBe('g-loss');
    expect(await page.locator('#d-loss').textContent()).toBe('0.210218');
    expect(await page.locator('#g-loss').textContent()).toBe('1.676885');
    expect(await page.locator('#mean-real').textContent()).toBe('1.766667');
    expect(await page.locator('#mean-fake').textContent()).toBe('0.300000');
    await expectConsistentWithFields();
    // The seed's own rounded output is quoted too.
    expect(await page.locator('#seed-note').textContent()).toContain('d_loss 0.210218, g_loss 1.676885');

    // CSP violations are reported to the console too; check the policy was served.
    const response = await page.request.get(url);
    expect(response.headers()['content-security-policy']).toBe(CSP);

    await page.screenshot({ path: join(screenshots, 'playground.png'), fullPage: true });
  });

  it('updates both losses as the user types', async () => {
    await real().fill('1 2 3');
    await fake().fill('0.5\n0');
    // math.md's anchor for r = [1, 2, 3], f = [0.5, 0] (pooled): d = 0.187481.
    expect(await dLoss().textContent()).toBe('0.187481');
    await expectConsistentWithFields();
    // Gradients, against the anchors in shared/notes/math.md.
    const grads = await sampleRows().evaluateAll((rows) =>
      rows.map((row) => [row.children[3]!.textContent, row.children[4]!.textContent]),
    );
    expect(grads).toEqual([
      ['-0.084273', '0.249061'],
      ['-0.049718', '0.283615'],
      ['-0.032126', '0.301207'],
      ['0.089381', '-0.410619'],
      ['0.076736', '-0.423264'],
    ]);

    // Key by key: every keystroke is an input event and the numbers follow.
    await fake().fill('');
    await fake().pressSequentially('-1.25, 0.75 3', { delay: 5 });
    await expectConsistentWithFields();
    await fake().press('Backspace');
    await fake().press('Backspace');
    expect(await fake().inputValue()).toBe('-1.25, 0.75');
    await expectConsistentWithFields();

    await real().fill('1e1 −2.5\n\n  +0.125,,4');
    expect(numbersIn((await real().inputValue()).replace('−', '-'))).toEqual([10, -2.5, 0.125, 4]);
    const want = expected([10, -2.5, 0.125, 4], [-1.25, 0.75]);
    expectShown(await dLoss().textContent(), want.dLoss);
    expectShown(await gLoss().textContent(), want.gLoss);
    expect(await sampleRows().count()).toBe(6);
  });

  it('shows a clear message for a bad token and no stale numbers', async () => {
    await real().fill('2, 1.5, 1.8');
    await fake().fill('0.5, 0.3, 0.1');
    expect(await dLoss().textContent()).toBe('0.210218');

    await real().fill('2, 1.5, abc');
    expect(await page.locator('#real-error').textContent()).toBe('Real scores: “abc” at position 3 is not a number.');
    expect(await real().getAttribute('aria-invalid')).toBe('true');
    expect(await fake().getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#fake-error').textContent()).toBe('');
    for (const id of ['#d-loss', '#g-loss', '#mean-real', '#mean-fake']) {
      expect(await page.locator(id).textContent()).not.toMatch(/\d|NaN/);
    }
    expect(await sampleRows().count()).toBe(0);
    expect(await page.locator('#status').textContent()).toMatch(/not available/i);
    await page.screenshot({ path: join(screenshots, 'playground-invalid.png') });
    // The message is announced with the field.
    expect(await real().getAttribute('aria-describedby')).toContain('real-error');

    // Fixing the token brings the numbers back.
    await real().fill('2, 1.5, 1.8');
    expect(await real().getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#real-error').textContent()).toBe('');
    expect(await dLoss().textContent()).toBe('0.210218');
  });

  it('rejects empty fields, NaN, Infinity, overflow and too many values', async () => {
    const cases: Array<[string, string]> = [
      ['', 'Fake scores: enter at least one number.'],
      [' , \n ', 'Fake scores: enter at least one number.'],
      ['0.5 NaN', 'Fake scores: “NaN” at position 2 is not a finite number.'],
      ['-Infinity', 'Fake scores: “-Infinity” at position 1 is not a finite number.'],
      ['1 2 1e999', 'Fake scores: “1e999” at position 3 is too large (it overflows a double).'],
      ['0x10', 'Fake scores: “0x10” at position 1 is not a number.'],
      ['1.2.3', 'Fake scores: “1.2.3” at position 1 is not a number.'],
    ];
    await real().fill('2, 1.5, 1.8');
    for (const [text, message] of cases) {
      await fake().fill(text);
      expect(await page.locator('#fake-error').textContent()).toBe(message);
      expect(await fake().getAttribute('aria-invalid')).toBe('true');
      expect(await dLoss().textContent()).not.toMatch(/\d/);
      expect(await gLoss().textContent()).not.toMatch(/\d/);
    }

    // Parsed, but out of the library's range: its RangeError becomes the field's message.
    await fake().fill('0 -1e300');
    expect(await page.locator('#fake-error').textContent()).toMatch(
      /^Fake scores: the value at position 2 must be a finite number of magnitude at most [\d.e+]+\.$/,
    );
    expect(await fake().getAttribute('aria-invalid')).toBe('true');
    expect(await dLoss().textContent()).not.toMatch(/\d/);

    // Both fields bad at once: both messages.
    await real().fill('x');
    await fake().fill('');
    expect(await page.locator('#real-error').textContent()).toBe('Real scores: “x” at position 1 is not a number.');
    expect(await page.locator('#fake-error').textContent()).toBe('Fake scores: enter at least one number.');

    // 100,000 values work (the table lists a capped number of rows) ...
    await real().fill('2, 1.5, 1.8');
    const many = Array.from({ length: 100_000 }, (_, i) => ((i % 7) - 3) / 4).join(' ');
    await fake().fill(many);
    expect(await page.locator('#fake-error').textContent()).toBe('');
    const want = expected([2, 1.5, 1.8], numbersIn(many));
    // Past 10,000 a side the worker computes: '…' until it answers, never a stale number.
    await expect.poll(() => dLoss().textContent(), { timeout: 20_000 }).toMatch(/\d/);
    expectShown(await dLoss().textContent(), want.dLoss);
    expectShown(await gLoss().textContent(), want.gLoss);
    expect(await page.locator('#samples-truncated').isVisible()).toBe(true);
    // ... 100,001 do not.
    await fake().fill(many + ' 1');
    expect(await page.locator('#fake-error').textContent()).toBe(
      'Fake scores: 100,001 values is too many; at most 100,000 are allowed.',
    );
    expect(await dLoss().textContent()).not.toMatch(/\d/);
    expect(await page.locator('#samples-truncated').isVisible()).toBe(false);

    await fake().fill('0.5, 0.3, 0.1');
    expect(await dLoss().textContent()).toBe('0.210218');
  });

  it('Randomise fills both fields and the losses follow', async () => {
    const before = [await real().inputValue(), await fake().inputValue()];
    await page.getByRole('button', { name: 'Randomise' }).click();
    const after = [await real().inputValue(), await fake().inputValue()];
    expect(after).not.toEqual(before);
    for (const text of after) {
      const xs = numbersIn(text!);
      expect(xs).toHaveLength(8);
      for (const x of xs) expect(Number.isFinite(x)).toBe(true);
    }
    const first = await expectConsistentWithFields();

    await page.getByRole('button', { name: 'Randomise' }).click();
    expect([await real().inputValue(), await fake().inputValue()]).not.toEqual(after);
    const second = await expectConsistentWithFields();
    expect(second.dLoss).not.toBe(first.dLoss);
  });

  it('switches the member of the family and recomputes', async () => {
    await real().fill('1, 2, 3');
    await fake().fill('0.5, 0');
    // Least squares, pooled, by hand: a = [0.75, 1.75, 2.75], b = [-1.5, -2],
    // d = [sum (a-1)^2 + sum (b+1)^2] / 5, g = [sum (a+1)^2 + sum (b-1)^2] / 5.
    await page.getByLabel('Loss', { exact: true }).selectOption('least-squares');
    await expect.poll(() => dLoss().textContent()).toBe('0.987500');
    expect(await gLoss().textContent()).toBe('7.987500');
    // Hinge, half-sum: d = max(0, 1 - 0.75) / (2 * 3) = 0.041667;
    // g = (1.75 + 2.75 + 3.75) / 6 + (2.5 + 3) / 4 = 2.75.
    await page.getByLabel('Loss', { exact: true }).selectOption('hinge');
    await page.getByLabel('Normalisation', { exact: true }).selectOption('half-sum');
    await expect.poll(() => dLoss().textContent()).toBe('0.041667');
    expect(await gLoss().textContent()).toBe('2.750000');
    // Paired needs equal lengths: a clear message, no stale number.
    await page.getByLabel('Relativism', { exact: true }).selectOption('paired');
    await expect.poll(() => dLoss().textContent()).toBe('—');
    expect(await page.locator('#status').textContent()).toContain('paired');
    await page.screenshot({ path: join(screenshots, 'playground-family.png'), fullPage: true });
    for (const [label, value] of [['Relativism', 'average'], ['Loss', 'logistic'], ['Normalisation', 'pooled']]) {
      await page.getByLabel(label!, { exact: true }).selectOption(value!);
    }
    await expectConsistentWithFields();
  });

  it('works at 360 px wide with visible focus', async () => {
    await page.getByRole('button', { name: 'Seed example' }).click();
    expect(await dLoss().textContent()).toBe('0.210218');
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Keyboard focus is visible: tab from the last field of the random draw to the Randomise button.
    await page.locator('#fake-spread').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused.text).toBe('Randomise');
    expect(focused.outline).not.toBe('none');
    expect(focused.width).not.toBe('0px');

    await page.screenshot({ path: join(screenshots, 'playground-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('playground (Vite dev server)', { timeout: 60_000 }, () => {
  it('serves the page with the library from ../dist and the example computed', async () => {
    const dev = await createServer({
      configFile,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    await dev.listen();
    const devPage = watch(await context.newPage());
    try {
      const address = dev.httpServer!.address() as AddressInfo;
      await devPage.goto(`http://127.0.0.1:${address.port}/`);
      await devPage.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
      expect(await devPage.locator('#d-loss').textContent()).toBe('0.210218');
      expect(await devPage.locator('#g-loss').textContent()).toBe('1.676885');
      await devPage.getByLabel('Real scores', { exact: true }).fill('1 2 3');
      await devPage.getByLabel('Fake scores', { exact: true }).fill('0.5 0');
      expect(await devPage.locator('#d-loss').textContent()).toBe('0.187481');
    } finally {
      await devPage.close();
      await dev.close();
    }
  });
});
