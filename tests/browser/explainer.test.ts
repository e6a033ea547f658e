// The explainer in Chromium, as a person would use it: shared links, hostile
// links, presets, seeded draws, paste and drop, dragging and the keyboard on
// the strip plot, editing the table, the step-by-step formulas, the
// comparisons, seed mode, exports, big data in the worker, dark mode,
// embedding and an axe-core scan. Expected numbers come from reference.ts
// (independent float64 code) or from hand derivations written here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expected, expectShown, mean, numbersIn, softplus } from './reference';
import { CSP, repo, screenshots, startSite, type Site } from './site';

let site: Site;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  site = await startSite();
  page = site.page;
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  // axe-core from the same origin, so the strict CSP lets it load.
  await site.context.route('**/__axe.js', async (route) =>
    route.fulfill({ contentType: 'text/javascript', body: await readFile(join(repo, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') }));
}, 120_000);

afterAll(async () => { await site?.close(); }, 60_000);

afterEach(() => {
  expect(site.problems.splice(0)).toEqual([]);
  expect(dialogs.splice(0)).toEqual([]);
});

async function go(query: string, p: Page = page): Promise<void> {
  await p.goto(site.url + query);
  await p.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
}

const field = (side: 'real' | 'fake') => page.getByLabel(side === 'real' ? 'Real scores' : 'Fake scores', { exact: true });
const values = async (side: 'real' | 'fake') => numbersIn(await field(side).inputValue());
const text = (selector: string) => page.locator(selector).textContent();
/** A parameter of the page's current link. */
const param = (name: string) => new URL(page.url()).searchParams.get(name);

/** The shown losses and means agree with the independent reference for the fields' contents. */
async function expectSeedMember(): Promise<ReturnType<typeof expected>> {
  const want = expected(await values('real'), await values('fake'));
  await expect.poll(() => text('#d-loss')).toMatch(/\d/);
  expectShown(await text('#d-loss'), want.dLoss);
  expectShown(await text('#g-loss'), want.gLoss);
  expectShown(await text('#mean-real'), want.meanReal);
  expectShown(await text('#mean-fake'), want.meanFake);
  return want;
}

describe('explainer (production build in Chromium)', { timeout: 120_000 }, () => {
  it('loads a shared link into the same state, and the link follows every change', async () => {
    await go('?r=1,2,3&f=0.5,0&loss=least-squares&norm=half-sum&step=2&theme=dark');
    expect(await values('real')).toEqual([1, 2, 3]);
    expect(await values('fake')).toEqual([0.5, 0]);
    expect(await page.getByLabel('Loss', { exact: true }).inputValue()).toBe('least-squares');
    expect(await page.getByLabel('Normalisation', { exact: true }).inputValue()).toBe('half-sum');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await text('#step-text')).toMatch(/^Step 2/);
    // By hand: a = [0.75, 1.75, 2.75], b = [-1.5, -2]; half-sum: 1/(2m) and 1/(2n).
    // d = (0.0625 + 0.5625 + 3.0625) / 6 + (0.25 + 1) / 4; g = (3.0625 + 7.5625 + 14.0625) / 6 + (6.25 + 9) / 4.
    expect(await text('#d-loss')).toBe('0.927083');
    expect(await text('#g-loss')).toBe('7.927083');
    await page.screenshot({ path: join(screenshots, 'explainer-shared-dark.png'), fullPage: true });

    await page.getByLabel('Loss', { exact: true }).selectOption('hinge');
    await field('fake').fill('0.5, 0, 1');
    await expect.poll(() => param('loss')).toBe('hinge');
    await expect.poll(() => param('f')).toBe('0.5,0,1');
    const link = page.url();
    const other = site.watch(await site.context.newPage());
    try {
      await go(link.slice(site.url.length), other);
      expect(numbersIn(await other.getByLabel('Fake scores', { exact: true }).inputValue())).toEqual([0.5, 0, 1]);
      expect(await other.getByLabel('Loss', { exact: true }).inputValue()).toBe('hinge');
      expect(await other.locator('#d-loss').textContent()).toBe(await text('#d-loss'));
      expect(await other.locator('#step-text').textContent()).toBe(await text('#step-text'));
    } finally {
      await other.close();
    }
  });

  it('shows a hostile link as text, never runs it, and stays quick', async () => {
    const script = encodeURIComponent('<script>alert(1)</script>');
    const img = encodeURIComponent('<img src=x onerror=alert(2)>');
    await go(`?r=${script}&f=1,2&rel=${img}&step=999&focus=real:99&__proto__=1`);
    const notice = await text('#url-notice');
    expect(notice).toContain('rel');
    expect(notice).toContain('step');
    expect(await page.locator('#url-notice img, #url-notice script').count()).toBe(0);
    expect(await page.locator('body img').count()).toBe(0);
    expect(await page.getByLabel('Relativism', { exact: true }).inputValue()).toBe('average');
    await expectSeedMember();   // whatever data it fell back to, the numbers are right
    // A link far past any sensible length is refused, not parsed. (HTTP servers
    // refuse such a request line, so the page is served for it here directly.)
    const huge = `?r=${'1,'.repeat(150_000)}1`;
    const index = await (await page.request.get(site.url)).text();
    await page.route((u) => u.search.length > 100_000, (route) =>
      route.fulfill({ contentType: 'text/html', body: index, headers: { 'Content-Security-Policy': CSP } }));
    try {
      await go(huge);
      expect(await text('#url-notice')).toMatch(/too long/i);
      await expectSeedMember();
    } finally {
      await page.unroute((u) => u.search.length > 100_000);
    }
  });

  it('applies every preset with its explanation, and the numbers follow', async () => {
    await go('');
    const buttons = page.locator('#presets button');
    const count = await buttons.count();
    expect(count).toBe(7);
    for (let k = 0; k < count; k++) {
      const title = await buttons.nth(k).textContent();
      await buttons.nth(k).click();
      expect(await text('#preset-text')).toContain(title!);
      const want = await expectSeedMember();
      const id = await buttons.nth(k).getAttribute('data-preset');
      await expect.poll(() => param('preset')).toBe(id);
      if (id === 'd-winning') expect(want.dLoss).toBeLessThan(want.gLoss);
      if (id === 'g-winning') expect(want.dLoss).toBeGreaterThan(want.gLoss);
      if (id === 'mode-collapse') await page.screenshot({ path: join(screenshots, 'explainer-preset-mode-collapse.png'), fullPage: true });
    }
    // Editing the data leaves the preset: its explanation no longer applies.
    await field('real').fill('1, 2');
    await expect.poll(() => param('preset')).toBeNull();
  });

  it('draws seeded random scores: the same seed gives the same scores, each side its own stream', async () => {
    await go('');
    await page.getByLabel('Seed', { exact: true }).fill('12345');
    await page.locator('#real-n').fill('5');
    await page.locator('#fake-n').fill('7');
    await page.locator('#real-dist').selectOption('uniform');   // change events redraw
    const first = { real: await values('real'), fake: await values('fake') };
    expect(first.real).toHaveLength(5);
    expect(first.fake).toHaveLength(7);
    // uniform, mean 1.5, std 1: within 1.5 ± √3
    for (const x of first.real) expect(Math.abs(x - 1.5)).toBeLessThanOrEqual(Math.sqrt(3) + 1e-3);
    await expectSeedMember();
    await expect.poll(() => param('seed')).toBe('12345');

    await page.locator('#fake-dist').selectOption('bimodal');
    expect(await values('real')).toEqual(first.real);
    expect(await values('fake')).not.toEqual(first.fake);

    await page.getByRole('button', { name: 'Randomise' }).click();   // a new seed
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).not.toBe('12345');
    await page.locator('#fake-dist').selectOption('normal');
    await page.getByLabel('Seed', { exact: true }).fill('12345');
    await page.getByLabel('Seed', { exact: true }).dispatchEvent('change');
    expect(await values('real')).toEqual(first.real);
    expect(await values('fake')).toEqual(first.fake);

    await page.locator('#fake-n').fill('0');
    await page.locator('#fake-n').dispatchEvent('change');
    expect(await text('#random-error')).toMatch(/^Fake side: .*count/i);
  });

  it('takes pasted, dropped and loaded data, and explains what it cannot read', async () => {
    await go('');
    const paste = (data: string) => page.locator('#drop').evaluate((el, d) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', d);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, data);
    await paste('real,fake\n1.5,0.25\n2,-1\n,0.5\n');
    expect(await values('real')).toEqual([1.5, 2]);
    expect(await values('fake')).toEqual([0.25, -1, 0.5]);
    await expectSeedMember();

    await page.locator('#file').setInputFiles({ name: 'scores.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ real: [3, 2.5], fake: [0, 0.125, -2] })) });
    await expect.poll(() => values('real')).toEqual([3, 2.5]);
    expect(await values('fake')).toEqual([0, 0.125, -2]);

    await page.locator('#drop').evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['0.5 1 1.5\n\n-0.5 -1\n'], 'scores.txt', { type: 'text/plain' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => values('real')).toEqual([0.5, 1, 1.5]);
    expect(await values('fake')).toEqual([-0.5, -1]);
    await expectSeedMember();

    await paste('real,fake\n1,abc\n');
    expect(await text('#import-error')).toMatch(/line 2/i);
    expect(await values('real')).toEqual([0.5, 1, 1.5]);   // nothing changed
    await paste('<img src=x onerror=alert(3)>');
    expect(await text('#import-error')).not.toBe('');
    expect(await page.locator('#import-error img, body img').count()).toBe(0);
  });

  it('drags a sample on the strip plot, and the keyboard does the same', async () => {
    await go('');
    await page.locator('#strip').scrollIntoViewIfNeeded();
    const box = (await page.locator('#strip').boundingBox())!;
    // Find a dot the way a person does: move over the plot until a sample lights up.
    let found: { x: number; y: number; side: string; index: number } | null = null;
    for (let y = box.y + 12; y < box.y + box.height - 24 && !found; y += 8) {
      for (let x = box.x + 40; x < box.x + box.width - 10 && !found; x += 8) {
        await page.mouse.move(x, y);
        const row = await page.locator('#samples-table tr.focus').first();
        if (await row.count()) found = { x, y, side: (await row.getAttribute('data-side'))!, index: Number(await row.getAttribute('data-index')) };
      }
    }
    expect(found).not.toBeNull();
    const side = found!.side as 'real' | 'fake';
    const before = (await values(side))[found!.index]!;
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(found!.x + 12 * k, found!.y);
    await page.mouse.up();
    const after = (await values(side))[found!.index]!;
    expect(after).toBeGreaterThan(before);
    await expectSeedMember();
    await page.screenshot({ path: join(screenshots, 'explainer-dragged.png') });

    // Keyboard: ↓ picks the next sample, → moves it by 0.1, Shift+→ by 1.
    await go('');
    await page.locator('#strip').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#samples-table tr.focus th').textContent()).toBe('real 1');
    await page.keyboard.press('ArrowRight');
    expect((await values('real'))[0]).toBeCloseTo(2.1, 12);
    await page.keyboard.press('Shift+ArrowRight');
    expect((await values('real'))[0]).toBeCloseTo(3.1, 12);
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#samples-table tr.focus th').textContent()).toBe('fake 3');
    await expectSeedMember();
  });

  it('picks a sample by pointing at it on the sigmoid or at its bars', async () => {
    await go('');
    const focused = async () => page.locator('#samples-table tr.focus th').textContent();
    /** Moves over the canvas in a grid until some sample lights up; returns its row name. */
    const scan = async (selector: string, step: number, rows: boolean) => {
      await page.locator(selector).scrollIntoViewIfNeeded();
      const box = (await page.locator(selector).boundingBox())!;
      for (let y = rows ? box.y + 8 : box.y + box.height / 2; y < box.y + box.height; y += step) {
        for (let x = box.x + 30; x < box.x + box.width; x += step) {
          await page.mouse.move(x, y);
          if (await page.locator('#samples-table tr.focus').count()) return { name: await focused(), x, y };
        }
        if (!rows) break;
      }
      return null;
    };
    const bars = await scan('#contrib', 6, false);
    expect(bars?.name).toMatch(/^(real|fake) \d$/);
    // The formulas now carry that sample's numbers.
    expect(await page.locator('#formulas').innerText()).toMatch(new RegExp(`${bars!.name!.replace(' ', '\\s')}:`));
    await page.mouse.move(0, 0);
    await go('');
    const dot = await scan('#plot', 9, true);
    expect(dot?.name).toMatch(/^(real|fake) \d$/);
  });

  it('edits a score in the table', async () => {
    await go('');
    const cell = page.getByLabel('real 2 score', { exact: true });
    await cell.fill('4');
    await cell.press('Enter');
    expect(await values('real')).toEqual([2, 4, 1.8]);
    await expectSeedMember();
    await page.getByLabel('fake 1 score', { exact: true }).fill('abc');
    await page.getByLabel('fake 1 score', { exact: true }).press('Enter');
    expect(await text('#fake-error')).toContain('“abc”');
    expect(await values('fake')).toEqual([0.5, 0.3, 0.1]);
  });

  it('steps through the formulas, each stage highlighted, with the live numbers', async () => {
    await go('');
    expect(await page.locator('#formulas .katex').count()).toBeGreaterThanOrEqual(6);
    // The live numbers are in the formulas (6 significant digits).
    const formulas = () => page.locator('#formulas').innerText();
    expect(await formulas()).toContain('0.210218');
    expect(await formulas()).toContain('1.76667');
    const stages = ['means', 'relative', 'sigmoid', 'loss', 'gradient'];
    await page.getByRole('button', { name: 'Step through' }).click();
    for (let k = 0; k < stages.length; k++) {
      expect(await text('#step-text')).toMatch(new RegExp(`^Step ${k + 1}:`));
      expect(await page.evaluate(() => document.documentElement.dataset.step)).toBe(stages[k]);
      const active = await page.locator('#formulas .formula-line.active').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.stage));
      expect(active.length).toBeGreaterThan(0);
      expect(new Set(active)).toEqual(new Set([stages[k]]));
      if (k === 0) expect(await page.locator('#strip-card').getAttribute('class')).toContain('active');
      if (k === 1) await page.screenshot({ path: join(screenshots, 'explainer-step-2.png'), fullPage: true });
      if (k < stages.length - 1) await page.getByRole('button', { name: 'Next step' }).click();
    }
    await page.getByRole('button', { name: 'Previous step' }).click();
    expect(await text('#step-text')).toMatch(/^Step 4:/);
    await expect.poll(() => param('step')).toBe('4');
    await page.getByRole('button', { name: 'All at once' }).click();
    expect(await text('#step-text')).toBe('');
    expect(await page.evaluate(() => document.documentElement.dataset.step)).toBeUndefined();

    // Focus a sample: its numbers join the formulas. fake 2: b = 0.3 - 1.766667.
    await page.getByLabel('fake 2 score', { exact: true }).focus();
    expect(await formulas()).toMatch(/fake\s2:/);   // KaTeX's \text turns the space into a no-break space
    expect(await formulas()).toContain('−1.46667');
  });

  it('puts the standard GAN and every relativism beside the relativistic losses', async () => {
    await go('?r=1,2,3&f=0.5,0');
    const rows = await page.locator('#compare-body tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')));
    expect(rows.map((r) => r[0])).toEqual(['average', 'centered', 'paired', 'all pairs', 'none (standard GAN)']);
    const r = [1, 2, 3], f = [0.5, 0];
    // The standard GAN, pooled: every sample judged on its own.
    const std = (r.reduce((s, x) => s + softplus(-x), 0) + f.reduce((s, x) => s + softplus(x), 0)) / 5;
    expectShown(rows[4]![1]!, std);
    expectShown(rows[0]![1]!, expected(r, f).dLoss);
    // All pairs, pooled: (1 / 2mn) sum over pairs of softplus(-(r - f)) + softplus(-(r - f)) = mean softplus(f - r).
    expectShown(rows[3]![1]!, mean(r.flatMap((x) => f.map((y) => softplus(y - x)))));
    expect(rows[2]![1]).toMatch(/paired needs as many real as fake/);
    // Centered: c = (2 + 0.25) / 2; a = r - c, b = f - c.
    const c = (2 + 0.25) / 2;
    expectShown(rows[1]![1]!, (r.reduce((s, x) => s + softplus(-(x - c)), 0) + f.reduce((s, x) => s + softplus(x - c), 0)) / 5);
  });

  it('seed mode shows where the reference clamp and rounding change the answer', async () => {
    await go('?r=40,0&f=0');
    expect(await text('#seed-note')).toContain('it differs');
    await page.getByLabel('Compare with the deep-ml reference (seed mode)').check();
    const note = await text('#seed-note');
    expect(note).toContain('27.6');
    expect(note).toContain('exact minus reference');
    // a = [40, 0], b = [-20]: only real 1 lies past the clamp.
    expect(await page.locator('#samples-table tr.clamped th').allTextContents()).toEqual(['real 1']);
    await expect.poll(() => param('seedmode')).toBe('1');
    // The exact loss: softplus(-40) + softplus(0) + softplus(-20) over 3; the reference caps nothing here for D...
    const d = (softplus(-40) + softplus(0) + softplus(-20)) / 3;
    expectShown(await text('#d-loss'), d);
    // ... but its G term for real 1 is -log(clamp(1 - sigma(40))) = -log(1e-12), not 40.
    const g = (softplus(40) + softplus(0) + softplus(20)) / 3, gRef = (-Math.log(1e-12) + Math.log(2) + softplus(20)) / 3;
    expectShown(await text('#g-loss'), g);
    expect(note).toContain(`g_loss ${gRef.toFixed(6)}`);
  });

  it('exports CSV, JSON and PNG', async () => {
    await go('?r=1,2,3&f=0.5,0');
    const save = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return readFile((await download.path())!);
    };
    const want = expected([1, 2, 3], [0.5, 0]);
    const csv = (await save('Export CSV')).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('side,index,score,relative,d_term,g_term,d_grad,g_grad');
    expect(csv).toHaveLength(6);
    const cells = csv.slice(1).map((line) => line.split(','));
    expect(cells.map((c) => c[0])).toEqual(['real', 'real', 'real', 'fake', 'fake']);
    expect(cells.map((c) => Number(c[2]))).toEqual([1, 2, 3, 0.5, 0]);
    cells.forEach((c, k) => expect(Math.abs(Number(c[3]) - [...want.realRelative, ...want.fakeRelative][k]!)).toBeLessThan(1e-15));
    const json = JSON.parse((await save('Export JSON')).toString('utf8'));
    expect(Math.abs(json.dLoss - want.dLoss)).toBeLessThan(1e-14);
    expect(json.real).toEqual([1, 2, 3]);
    expect(new URL(json.link).searchParams.get('r')).toBe('1,2,3');
    const png = await save('Export PNG');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(5000);
  });

  it('runs 1e4 a side on the main thread and 1e6 a side in the worker, answering clicks meanwhile', async () => {
    await go('');
    await page.locator('#real-n').fill('10000');
    await page.locator('#fake-n').fill('10000');
    await page.getByLabel('Seed', { exact: true }).fill('7');
    await page.getByLabel('Seed', { exact: true }).dispatchEvent('change');
    // The losses at once, on the main thread; the landscape follows from the worker.
    expect(await text('#status')).toMatch(/^From 10,000 real and 10,000 fake scores\./);
    expect(await values('real')).toHaveLength(10_000);
    await expectSeedMember();
    await expect.poll(() => text('#status'), { timeout: 30_000 }).toBe('From 10,000 real and 10,000 fake scores.');

    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration); })
        .observe({ type: 'longtask', buffered: false });
    });
    await page.locator('#real-n').fill('1000000');
    await page.locator('#fake-n').fill('1000000');
    await page.locator('#fake-n').dispatchEvent('change');
    expect(await text('#status')).toMatch(/^Computing in the background/);
    expect(await page.locator('#progress').isVisible()).toBe(true);
    expect(await text('#d-loss')).toBe('…');   // never a stale number
    // The page answers while the worker works.
    await page.getByRole('button', { name: 'Step through' }).click();
    expect(await text('#step-text')).toMatch(/^Step 1/);
    await expect.poll(() => text('#status'), { timeout: 60_000 }).toMatch(/^From 1,000,000 real and 1,000,000 fake scores\./);
    expect(await text('#d-loss')).toMatch(/^\d+\.\d{6}$/);
    expect(await text('#real-count')).toBe('1,000,000 values');
    expect(await field('real').inputValue()).toBe('');
    await expect.poll(() => text('#status'), { timeout: 60_000 }).toBe('From 1,000,000 real and 1,000,000 fake scores.');
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    console.log(`longest main-thread task during the 1e6 run: ${longest.toFixed(0)} ms`);
    await page.screenshot({ path: join(screenshots, 'explainer-1e6.png'), fullPage: true });
    await expect.poll(() => param('rn')).toBe('1000000');
  });

  it('keeps big data consistent: held sides, cancelled jobs, refused members, links that cannot carry it', async () => {
    // A side too big for its field stays in memory while the other field is edited.
    await go('?seed=3&rn=20000&fn=5');
    await expect.poll(() => text('#status'), { timeout: 30_000 }).toBe('From 20,000 real and 5 fake scores.');
    await field('fake').fill('0.1, 0.2');
    await expect.poll(() => text('#status'), { timeout: 30_000 }).toMatch(/^From 20,000 real and 2 fake scores\./);
    expect(await text('#real-count')).toBe('20,000 values');
    expect(await text('#d-loss')).toMatch(/^\d+\.\d{6}$/);
    // Such data cannot travel in a link, and Copy link says so instead of copying a wrong one.
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await text('#url-notice')).toMatch(/too many for a link/);

    // Bad input while the worker computes 1e6 a side: the job is dropped, the user's text stays.
    await go('?seed=4&rn=1000000&fn=1000000');
    expect(await text('#status')).toMatch(/^Computing in the background/);
    await field('fake').fill('abc');
    expect(await text('#status')).toMatch(/^Not available/);
    await page.waitForTimeout(4000);   // longer than the job takes: its reply must not land
    expect(await field('fake').inputValue()).toBe('abc');
    expect(await text('#status')).toMatch(/^Not available/);
    expect(await text('#d-loss')).toBe('—');

    // all-pairs past 200,000 pairs is refused with the reason, not run for minutes.
    await go('?seed=5&rn=1000&fn=1000&rel=all-pairs');
    expect(await text('#status')).toMatch(/^Not available: all-pairs would take 1\.0e\+6 pairs/);
    expect(await text('#d-loss')).toBe('—');
    // A member that cannot run still goes into the link.
    await go('?r=1,2,3&f=0.5,0');
    await page.getByLabel('Relativism', { exact: true }).selectOption('paired');
    await expect.poll(() => param('rel')).toBe('paired');
  });

  it('reproduces seed 0, survives extreme scores in the landscape, and explains the reference past ±15', async () => {
    await go('?seed=0&rn=5&fn=4');
    const first = await values('real');
    expect(first).toHaveLength(5);
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('0');
    await go('?seed=0&rn=5&fn=4');
    expect(await values('real')).toEqual(first);
    await page.getByLabel('Seed', { exact: true }).fill('99999999999');
    await page.getByLabel('Seed', { exact: true }).dispatchEvent('change');
    expect(await text('#random-error')).toMatch(/^Seed: must be a whole number/);

    // Scores near the library's limit: shifting the fakes would pass it, so those landscape points are left out.
    await go('?r=8e288&f=0');
    expect(await text('#status')).toBe('From 1 real and 1 fake scores.');
    expect(await text('#d-loss')).toMatch(/^\d+\.\d{6}$/);

    // r = [25], f = [0]: a = 25, b = -25; the seed's 1 - sigma(25) by subtraction, not its clamp.
    await go('?r=25&f=0&seedmode=1');
    expect(await text('#seed-note')).toMatch(/past ±15/);
    expect(await page.locator('#samples-table tr.lossy th').allTextContents()).toEqual(['real 1', 'fake 1']);
  });

  it('has no axe-core violations (WCAG 2 A and AA) in light and dark mode', async () => {
    for (const theme of ['light', 'dark']) {
      await go(`?theme=${theme}`);
      await page.addScriptTag({ url: `${site.url}__axe.js` });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, theme).toEqual([]);
    }
  });

  it('follows the system colour scheme unless toggled, and hides parts for embedding', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    await go('');
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.getByLabel('Theme', { exact: true }).selectOption('light');
    expect(await background()).toBe(light);
    await page.screenshot({ path: join(screenshots, 'explainer-light.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await go('?hide=controls,formulas');
    expect(await page.locator('#scores').isVisible()).toBe(false);
    expect(await page.locator('#formula-card').isVisible()).toBe(false);
    expect(await page.locator('#d-loss').isVisible()).toBe(true);
    expect(await text('#d-loss')).toBe('0.210218');
    await page.screenshot({ path: join(screenshots, 'explainer-embed.png'), fullPage: true });
  });
});
