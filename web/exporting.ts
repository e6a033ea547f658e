// Export: the per-sample numbers as CSV, everything as JSON, the charts as
// one PNG. Files are offered as downloads from blob URLs.
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
