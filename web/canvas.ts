// What every chart shares: a canvas sized for the device's pixel ratio, the
// page's colours (CSS variables, so dark mode follows), axes and ticks.

export interface Surface {
  ctx: CanvasRenderingContext2D;
  width: number;   // CSS pixels
  height: number;
}

// Canvas sizes as a ResizeObserver last saw them: reading clientWidth after
// the page changed would force a layout in the middle of every edit.
const sizes = new WeakMap<Element, { width: number; height: number }>();
const watcher = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
  for (const e of entries) sizes.set(e.target, { width: e.contentRect.width, height: e.contentRect.height });
});

function sizeOf(canvas: HTMLCanvasElement): { width: number; height: number } {
  let size = sizes.get(canvas);
  if (!size) {
    size = { width: canvas.clientWidth, height: canvas.clientHeight };
    sizes.set(canvas, size);
    watcher?.observe(canvas);
  }
  return size;
}

export function surface(canvas: HTMLCanvasElement): Surface | null {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  const dpr = window.devicePixelRatio || 1;
  const size = sizeOf(canvas);
  const width = Math.max(1, size.width), height = Math.max(1, size.height);
  const w = Math.round(width * dpr), h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  return { ctx, width, height };
}

export interface Palette { text: string; muted: string; grid: string; real: string; fake: string; accent: string; focus: string }

export function palette(el: Element): Palette {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#111'), muted: v('--text-muted', '#555'), grid: v('--grid', '#ddd'),
    real: v('--real', '#0f766e'), fake: v('--fake', '#c2410c'), accent: v('--accent', '#1d4ed8'),
    focus: v('--focus', '#f59e0b'),
  };
}

/** A linear map from [d0, d1] onto [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

/** Rounded 1-2-5 tick positions covering [lo, hi], about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((s) => s * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let x = Math.ceil(lo / step) * step; x <= hi + step * 1e-9; x += step) out.push(Math.abs(x) < step * 1e-9 ? 0 : x);
  return out;
}

export function formatTick(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(0).replace('e+', 'e');
  return String(Number(x.toPrecision(3)));
}

/** The smallest and largest value of the arrays together. */
export function range(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const a of arrays) for (let i = 0; i < a.length; i++) { const x = a[i]!; if (x < lo) lo = x; if (x > hi) hi = x; }
  return [lo, hi];
}

/** The range of two arrays together, widened so a single value still spans something. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  const [lo, hi] = range(...arrays);
  if (!(hi >= lo)) return [-1, 1];
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 1e-9, 0.5);
  return [lo - pad, hi + pad];
}

/**
 * Grid lines at `values` (mapped by `at`) across [from, to] of the other
 * axis, labelled outside `from` (x: below the bottom edge, y: left of the left one).
 */
function grid(s: Surface, p: Palette, vertical: boolean, at: (v: number) => number, values: number[], from: number, to: number): void {
  const { ctx } = s;
  ctx.strokeStyle = p.grid;
  ctx.fillStyle = p.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = vertical ? 'center' : 'right';
  ctx.textBaseline = vertical ? 'top' : 'middle';
  for (const v of values) {
    const q = Math.round(at(v)) + 0.5;
    ctx.beginPath();
    if (vertical) { ctx.moveTo(q, from); ctx.lineTo(q, to); } else { ctx.moveTo(from, q); ctx.lineTo(to, q); }
    ctx.stroke();
    if (vertical) ctx.fillText(formatTick(v), q, to + 4); else ctx.fillText(formatTick(v), from - 5, q);
  }
}

/** Vertical grid lines from top to bottom, labelled below. */
export const xAxis = (s: Surface, p: Palette, sx: (x: number) => number, values: number[], top: number, bottom: number) =>
  grid(s, p, true, sx, values, top, bottom);

/** Horizontal grid lines from left to right, labelled on the left. */
export const yAxis = (s: Surface, p: Palette, sy: (y: number) => number, values: number[], left: number, right: number) =>
  grid(s, p, false, sy, values, left, right);

/** An arrow from (x0, y) to (x1, y). */
export function arrow(ctx: CanvasRenderingContext2D, x0: number, x1: number, y: number): void {
  const dir = Math.sign(x1 - x0);
  if (dir === 0) return;
  const head = Math.min(5, Math.abs(x1 - x0));
  ctx.beginPath();
  ctx.moveTo(x0, y); ctx.lineTo(x1, y);
  ctx.moveTo(x1, y); ctx.lineTo(x1 - dir * head, y - head * 0.7);
  ctx.moveTo(x1, y); ctx.lineTo(x1 - dir * head, y + head * 0.7);
  ctx.stroke();
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
