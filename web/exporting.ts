// Data in and out: the paste / drop / file box, and export of the per-sample
// numbers as CSV, everything as JSON and the charts as one PNG (downloads
// from blob URLs), plus the share link.
import type { Computed } from './compute';
import { MAX_IMPORT_CHARS, toCSV, toJSON, type SampleRow } from './dataio';

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

/** JSON carries every array in full: past this many scores in all it would be hundreds of MB. */
const MAX_JSON = 200_000;
/** CSV rows per chunk: each chunk is one short task, so a 2e6-row export never blocks the page. */
const CHUNK = 20_000;

function rowsOf(real: Float64Array, fake: Float64Array, c: Computed, from: number, to: number): SampleRow[] {
  const rows: SampleRow[] = [];
  for (let k = from; k < to; k++) {
    if (k < real.length) {
      rows.push({ side: 'real', index: k, score: real[k]!, relative: c.realRelative[k]!, dTerm: c.dLossReal[k]!,
        gTerm: c.gLossReal[k]!, dGrad: c.dGradReal[k]!, gGrad: c.gGradReal[k]! });
    } else {
      const j = k - real.length;
      rows.push({ side: 'fake', index: j, score: fake[j]!, relative: c.fakeRelative[j]!, dTerm: c.dLossFake[j]!,
        gTerm: c.gLossFake[j]!, dGrad: c.dGradFake[j]!, gGrad: c.gGradFake[j]! });
    }
  }
  return rows;
}

/** The per-sample numbers as CSV, built a chunk per task. */
export async function csvBlob(real: Float64Array, fake: Float64Array, c: Computed): Promise<Blob> {
  const total = real.length + fake.length, parts: string[] = [];
  for (let from = 0; from < total; from += CHUNK) {
    const text = toCSV(rowsOf(real, fake, c, from, Math.min(total, from + CHUNK)));
    parts.push(from === 0 ? text : text.slice(text.indexOf('\n') + 1));   // one header
    if (from + CHUNK < total) await new Promise((resolve) => setTimeout(resolve));
  }
  return new Blob(parts, { type: 'text/csv' });
}

export function jsonOf(link: string | null, real: Float64Array, fake: Float64Array, c: Computed): string {
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

/** Paste (into the focused box), drop (text or a file) or a chosen file: each hands its text on; `refuse` says why not. */
export function wireImport(drop: HTMLElement, file: HTMLInputElement, take: (text: string) => void,
                           refuse: (message: string) => void): void {
  // Checked before reading: a file far past the limit is not read into memory at all.
  const read = (f: File) => {
    if (f.size > MAX_IMPORT_CHARS) refuse(`${f.size.toLocaleString('en-GB')} bytes is too big to import; at most ${MAX_IMPORT_CHARS.toLocaleString('en-GB')}.`);
    else void f.text().then(take);
  };
  drop.addEventListener('paste', (e) => { e.preventDefault(); take(e.clipboardData?.getData('text') ?? ''); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const dropped = e.dataTransfer?.files[0];
    if (dropped) read(dropped);
    else take(e.dataTransfer?.getData('text') ?? '');
  });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) read(chosen);
  });
}

type Snapshot = { real: Float64Array; fake: Float64Array; computed: Computed } | null;

/** The share and export buttons; `now` gives what is on screen (null while there is nothing), `link` its link. */
export function wireExports(now: () => Snapshot, link: () => string | null, charts: { title: string; canvas: HTMLCanvasElement }[],
                            notice: HTMLElement): void {
  const button = (id: string) => document.getElementById(id)!;
  const tooBig = 'These scores are too many for a link (more than 10,000 a side, not a seeded draw): export CSV to share them, or share a seeded random draw.';
  button('share').addEventListener('click', () => {
    const url = link();
    if (url === null) { notice.textContent = tooBig; return; }
    navigator.clipboard?.writeText(url).then(
      () => { notice.textContent = 'Link copied: it holds the data (or its seed), the options and the view.'; },
      () => { notice.textContent = `Copy this link: ${url}`; });
  });
  button('export-csv').addEventListener('click', () => {
    const s = now();
    if (s) void csvBlob(s.real, s.fake, s.computed).then((blob) => download('relativistic-critic.csv', blob));
  });
  button('export-json').addEventListener('click', () => {
    const s = now();
    if (!s) return;
    if (s.real.length + s.fake.length > MAX_JSON) {
      notice.textContent = `JSON export stops at ${MAX_JSON.toLocaleString('en-GB')} scores in all; use CSV for these.`;
      return;
    }
    download('relativistic-critic.json', new Blob([jsonOf(link(), s.real, s.fake, s.computed)], { type: 'application/json' }));
  });
  button('export-png').addEventListener('click', () => {
    const style = getComputedStyle(document.documentElement);
    void chartsPng(charts, style.getPropertyValue('--surface').trim() || '#fff', style.getPropertyValue('--text').trim() || '#000')
      .then((blob) => download('relativistic-critic.png', blob));
  });
}
