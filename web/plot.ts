// A small canvas plot: the sigmoid, with each sample's relative score on it.
import { formatTick, palette, sigmoid, surface } from './canvas';

export interface PlotData {
  realRelative: ArrayLike<number>;
  fakeRelative: ArrayLike<number>;
  /** max |relative score|, if already known. */
  maxAbs?: number;
  /** The highlighted sample, ringed. */
  focus?: { side: 'real' | 'fake'; index: number } | null;
}

/** What was drawn last on each canvas, so that a pointer can find a sample. */
const drawn = new WeakMap<HTMLCanvasElement, { data: PlotData; sx: (x: number) => number; sy: (y: number) => number } | null>();

/** The drawn sample within 9 px of a pointer at (x, y) in canvas pixels, if any. */
export function plotHit(canvas: HTMLCanvasElement, x: number, y: number): { side: 'real' | 'fake'; index: number } | null {
  const last = drawn.get(canvas);
  if (!last) return null;
  let best: { side: 'real' | 'fake'; index: number } | null = null, bestDistance = 81;
  for (const side of ['real', 'fake'] as const) {
    const values = side === 'real' ? last.data.realRelative : last.data.fakeRelative;
    const stride = Math.max(1, Math.ceil(values.length / MAX_POINTS));
    for (let i = 0; i < values.length; i += stride) {
      const v = values[i]!;
      const d = (last.sx(v) - x) ** 2 + (last.sy(sigmoid(v)) - y) ** 2;
      if (d < bestDistance) { bestDistance = d; best = { side, index: i }; }
    }
  }
  return best;
}

/** Points drawn per side; beyond this an even sample of the scores is drawn. */
const MAX_POINTS = 2000;


function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/** A "nice" half-width for the x axis: at least 4, rounded up to 1, 2 or 5 × 10^k. */
function niceRange(m: number): number {
  const target = Math.max(4, m * 1.08);
  const p = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5, 10]) if (step * p >= target) return step * p;
  return 10 * p;
}

export function drawPlot(canvas: HTMLCanvasElement, data: PlotData | null): void {
  const surf = surface(canvas);
  if (surf === null) return;
  const { ctx, width, height } = surf;
  const p = palette(canvas);
  const text = p.muted, grid = p.grid, curve = p.text, realColour = p.real, fakeColour = p.fake;

  const pad = { left: 34, right: 12, top: 12, bottom: 28 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  if (w <= 10 || h <= 10) return;

  const half = data === null ? 4 : niceRange(data.maxAbs ?? Math.max(maxAbs(data.realRelative), maxAbs(data.fakeRelative)));
  const sx = (x: number) => pad.left + ((x + half) / (2 * half)) * w;
  const sy = (y: number) => pad.top + (1 - y) * h;
  drawn.set(canvas, data ? { data, sx, sy } : null);

  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;

  // Grid and axes.
  ctx.strokeStyle = grid;
  ctx.fillStyle = text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const y of [0, 0.5, 1]) {
    ctx.beginPath();
    ctx.moveTo(pad.left, sy(y) + 0.5);
    ctx.lineTo(pad.left + w, sy(y) + 0.5);
    ctx.stroke();
    ctx.fillText(String(y), pad.left - 6, sy(y));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const x of [-half, -half / 2, 0, half / 2, half]) {
    ctx.beginPath();
    ctx.moveTo(Math.round(sx(x)) + 0.5, pad.top);
    ctx.lineTo(Math.round(sx(x)) + 0.5, pad.top + h);
    ctx.stroke();
    ctx.fillText(formatTick(x), sx(x), pad.top + h + 6);
  }

  // The sigmoid.
  ctx.strokeStyle = curve;
  ctx.lineWidth = 2;
  ctx.beginPath();
  const steps = Math.max(64, Math.round(w));
  for (let k = 0; k <= steps; k++) {
    const x = -half + (2 * half * k) / steps;
    const px = sx(x);
    const py = sy(sigmoid(x));
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();

  if (data === null) return;

  const dots = (values: ArrayLike<number>, colour: string, filled: boolean) => {
    const stride = Math.max(1, Math.ceil(values.length / MAX_POINTS));
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 2;
    for (let i = 0; i < values.length; i += stride) {
      const x = values[i]!;
      ctx.beginPath();
      ctx.arc(sx(x), sy(sigmoid(x)), 4.5, 0, 2 * Math.PI);
      if (filled) ctx.fill();
      else ctx.stroke();
    }
  };
  ctx.globalAlpha = 0.85;
  dots(data.realRelative, realColour, true);
  dots(data.fakeRelative, fakeColour, false);
  ctx.globalAlpha = 1;
  const f = data.focus;
  const values = f ? (f.side === 'real' ? data.realRelative : data.fakeRelative) : null;
  if (f && values && f.index < values.length) {
    const x = values[f.index]!;
    ctx.strokeStyle = p.focus;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(sx(x), sy(sigmoid(x)), 9, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
