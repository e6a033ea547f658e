// Two small charts: the loss landscape (both losses as every fake score
// shifts by the same δ: the road the generator walks) and each sample's
// contribution to both losses.
import { extent, palette, scale, surface, ticks, xAxis, yAxis } from './canvas';
import type { Computed } from './compute';

export interface Landscape {
  shifts: Float64Array;
  dLoss: Float64Array;
  gLoss: Float64Array;
  /** Also drawn, dashed: the standard GAN's losses on the same shifts. */
  standardD?: Float64Array;
  standardG?: Float64Array;
}

const PAD = { left: 44, right: 14, top: 12, bottom: 24 };

export function drawLandscape(canvas: HTMLCanvasElement, data: Landscape | null): void {
  const s = surface(canvas);
  if (s === null || data === null) return;
  const p = palette(canvas);
  const { ctx } = s;
  const [x0, x1] = [data.shifts[0]!, data.shifts[data.shifts.length - 1]!];
  const curves = [data.dLoss, data.gLoss, ...(data.standardD ? [data.standardD, data.standardG!] : [])];
  const [, yHi] = extent(...curves);
  const sx = scale(x0, x1, PAD.left, s.width - PAD.right);
  const sy = scale(0, yHi, s.height - PAD.bottom, PAD.top);
  yAxis(s, p, sy, ticks(0, yHi, 4), PAD.left, s.width - PAD.right);
  xAxis(s, p, sx, ticks(x0, x1, Math.max(3, Math.floor(s.width / 90))), PAD.top, s.height - PAD.bottom);

  const line = (ys: Float64Array, colour: string, dash: number[]) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let pen = false;   // NaN points (refused by the library) break the line
    for (let k = 0; k < ys.length; k++) {
      if (!Number.isFinite(ys[k]!)) { pen = false; continue; }
      const y = Math.min(ys[k]!, yHi * 1.2);
      if (pen) ctx.lineTo(sx(data.shifts[k]!), sy(y)); else ctx.moveTo(sx(data.shifts[k]!), sy(y));
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line(data.dLoss, p.real, []);
  line(data.gLoss, p.fake, []);
  if (data.standardD) { line(data.standardD, p.real, [5, 4]); line(data.standardG!, p.fake, [5, 4]); }

  // Where the data is now (δ = 0).
  const mid = data.shifts.findIndex((x) => x === 0);
  if (mid >= 0) {
    ctx.strokeStyle = p.muted;
    ctx.lineWidth = 1;
    const x = Math.round(sx(0)) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, PAD.top); ctx.lineTo(x, s.height - PAD.bottom); ctx.stroke();
    for (const [ys, colour] of [[data.dLoss, p.real], [data.gLoss, p.fake]] as const) {
      if (!Number.isFinite(ys[mid]!)) continue;
      ctx.fillStyle = colour;
      ctx.beginPath(); ctx.arc(sx(0), sy(ys[mid]!), 4, 0, 2 * Math.PI); ctx.fill();
    }
  }
}

export interface Contributions {
  /** Each sample's share of each loss: its term times its normalisation weight. */
  dReal: ArrayLike<number>;
  dFake: ArrayLike<number>;
  gReal: ArrayLike<number>;
  gFake: ArrayLike<number>;
  focus: { side: 'real' | 'fake'; index: number } | null;
}

export const MAX_BARS = 48;

/** The bar slots last drawn on each canvas: (left edge, slot width, real count, fake count). */
const slots = new WeakMap<HTMLCanvasElement, { left: number; slot: number; m: number; n: number }>();

/** The sample whose bars are under a pointer at x (canvas pixels), if any. */
export function contributionHit(canvas: HTMLCanvasElement, x: number): { side: 'real' | 'fake'; index: number } | null {
  const s = slots.get(canvas);
  if (!s) return null;
  const k = Math.floor((x - s.left) / s.slot);
  if (k < 0 || k >= s.m + s.n) return null;
  return k < s.m ? { side: 'real', index: k } : { side: 'fake', index: k - s.m };
}

/** Grouped bars: per sample, its contribution to L_D (solid) and to L_G (outlined). */
export function drawContributions(canvas: HTMLCanvasElement, data: Contributions | null): void {
  const s = surface(canvas);
  if (s === null || data === null) return;
  const p = palette(canvas);
  const { ctx } = s;
  const m = Math.min(data.dReal.length, MAX_BARS / 2), n = Math.min(data.dFake.length, MAX_BARS / 2);
  let top = 0;
  for (const a of [data.dReal, data.dFake, data.gReal, data.gFake]) for (let i = 0; i < a.length && i < MAX_BARS; i++) top = Math.max(top, a[i]!);
  if (!(top > 0)) top = 1;
  const sy = scale(0, top, s.height - PAD.bottom, PAD.top);
  yAxis(s, p, sy, ticks(0, top, 4), PAD.left, s.width - PAD.right);
  const count = m + n, slot = (s.width - PAD.left - PAD.right) / Math.max(1, count);
  slots.set(canvas, { left: PAD.left, slot, m, n });
  const bar = Math.max(1, Math.min(14, slot / 2 - 2));
  const base = sy(0);
  for (let k = 0; k < count; k++) {
    const side = k < m ? 'real' : 'fake', i = k < m ? k : k - m;
    const colour = side === 'real' ? p.real : p.fake;
    const x = PAD.left + k * slot + slot / 2;
    const dv = (side === 'real' ? data.dReal : data.dFake)[i]!, gv = (side === 'real' ? data.gReal : data.gFake)[i]!;
    ctx.fillStyle = colour;
    ctx.fillRect(x - bar - 1, sy(dv), bar, base - sy(dv));
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x + 1.5, sy(gv), bar - 1, base - sy(gv));
    if (data.focus && data.focus.side === side && data.focus.index === i) {
      ctx.strokeStyle = p.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(x - bar - 3, PAD.top - 2, 2 * bar + 6, base - PAD.top + 4);
    }
  }
  ctx.fillStyle = p.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  if (m > 0) ctx.fillText('real', PAD.left + (m * slot) / 2, base + 6);
  if (n > 0) ctx.fillText('fake', PAD.left + m * slot + (n * slot) / 2, base + 6);
}

/** Each sample's term times its weight in the loss (all-pairs: its share of the pair terms), for the bars drawn. */
export function contributionsOf(c: Computed, focus: Contributions['focus']): Contributions {
  const m = c.dLossReal.length, n = c.dLossFake.length, norm = c.member.normalization;
  let alpha = 1 / (m + n), beta = alpha;
  if (c.member.relativism === 'all-pairs') { alpha = norm === 'sum' ? 1 / m : 1 / (2 * m); beta = norm === 'sum' ? 1 / n : 1 / (2 * n); }
  else if (norm === 'half-sum') { alpha = 1 / (2 * m); beta = 1 / (2 * n); }
  else if (norm === 'sum') { alpha = 1 / m; beta = 1 / n; }
  const times = (a: Float64Array, k: number) => a.slice(0, MAX_BARS / 2).map((x) => x * k);
  return { dReal: times(c.dLossReal, alpha), dFake: times(c.dLossFake, beta), gReal: times(c.gLossReal, alpha),
    gFake: times(c.gLossFake, beta), focus };
}
