// Data in and out: the paste / drop / file box, and export of the per-sample
// numbers as CSV, everything as JSON and the charts as one PNG (downloads
// from blob URLs), plus the share link.
import type { Computed } from './compute';
import { toCSV, toJSON } from './dataio';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function csvOf(real: Float64Array, fake: Float64Array, c: Computed): string {
  const rows = [];
  for (let i = 0; i < real.length; i++) {
    rows.push({ side: 'real' as const, index: i, score: real[i]!, relative: c.realRelative[i]!, dTerm: c.dLossReal[i]!,
      gTerm: c.gLossReal[i]!, dGrad: c.dGradReal[i]!, gGrad: c.gGradReal[i]! });
  }
  for (let j = 0; j < fake.length; j++) {
    rows.push({ side: 'fake' as const, index: j, score: fake[j]!, relative: c.fakeRelative[j]!, dTerm: c.dLossFake[j]!,
      gTerm: c.gLossFake[j]!, dGrad: c.dGradFake[j]!, gGrad: c.gGradFake[j]! });
  }
  return toCSV(rows);
}

export function jsonOf(link: string, real: Float64Array, fake: Float64Array, c: Computed): string {
  return toJSON({
    link, member: c.member, dLoss: c.dLoss, gLoss: c.gLoss, meanReal: c.meanReal, meanFake: c.meanFake,
    standard: c.standard, variants: c.variants.map((v) => (v.note ? { relativism: v.relativism, note: v.note } : v)),
    real, fake, realRelative: c.realRelative, fakeRelative: c.fakeRelative,
    dGradReal: c.dGradReal, dGradFake: c.dGradFake, gGradReal: c.gGradReal, gGradFake: c.gGradFake,
    dLossReal: c.dLossReal, dLossFake: c.dLossFake, gLossReal: c.gLossReal, gLossFake: c.gLossFake,
  });
}

/** The charts stacked into one image, each under its title, on the page's background. */
export function chartsPng(canvases: { title: string; canvas: HTMLCanvasElement }[], background: string, text: string): Promise<Blob> {
  const dpr = window.devicePixelRatio || 1;
  const title = Math.round(24 * dpr), gap = Math.round(12 * dpr);
  const width = Math.max(...canvases.map((c) => c.canvas.width));
  const height = canvases.reduce((h, c) => h + title + c.canvas.height + gap, gap);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  let y = gap;
  for (const c of canvases) {
    ctx.fillStyle = text;
    ctx.font = `600 ${Math.round(14 * dpr)}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    ctx.fillText(c.title, gap, y);
    y += title;
    ctx.drawImage(c.canvas, 0, y);
    y += c.canvas.height + gap;
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
}

/** Paste (into the focused box), drop (text or a file) or a chosen file: each hands its text on. */
export function wireImport(drop: HTMLElement, file: HTMLInputElement, take: (text: string) => void): void {
  drop.addEventListener('paste', (e) => { e.preventDefault(); take(e.clipboardData?.getData('text') ?? ''); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const dropped = e.dataTransfer?.files[0];
    if (dropped) void dropped.text().then(take);
    else take(e.dataTransfer?.getData('text') ?? '');
  });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void chosen.text().then(take);
  });
}

type Snapshot = { real: Float64Array; fake: Float64Array; computed: Computed } | null;

/** The share and export buttons; `now` gives what is on screen (null while there is nothing). */
export function wireExports(now: () => Snapshot, charts: { title: string; canvas: HTMLCanvasElement }[], notice: HTMLElement): void {
  const button = (id: string) => document.getElementById(id)!;
  button('share').addEventListener('click', () => {
    const link = location.href;
    navigator.clipboard?.writeText(link).then(
      () => { notice.textContent = 'Link copied: it holds the data (or its seed), the options and the view.'; },
      () => { notice.textContent = `Copy this link: ${link}`; });
  });
  button('export-csv').addEventListener('click', () => {
    const s = now();
    if (s) download('relativistic-critic.csv', new Blob([csvOf(s.real, s.fake, s.computed)], { type: 'text/csv' }));
  });
  button('export-json').addEventListener('click', () => {
    const s = now();
    if (s) download('relativistic-critic.json', new Blob([jsonOf(location.href, s.real, s.fake, s.computed)], { type: 'application/json' }));
  });
  button('export-png').addEventListener('click', () => {
    const style = getComputedStyle(document.documentElement);
    void chartsPng(charts, style.getPropertyValue('--surface').trim() || '#fff', style.getPropertyValue('--text').trim() || '#000')
      .then((blob) => download('relativistic-critic.png', blob));
  });
}
