// The scores themselves: a strip plot (one dot per sample, a lane per side)
// with both means marked and arrows for the way each loss's gradient descent
// would push every score. Dots can be dragged. Past MAX_DOTS a side turns
// into a histogram: no drag there, the page must stay smooth.
import { arrow, extent, palette, scale, surface, ticks, xAxis, type Surface } from './canvas';

export type SideName = 'real' | 'fake';
export interface Focus { side: SideName; index: number }

export interface StripData {
  real: Float64Array;
  fake: Float64Array;
  meanReal: number;
  meanFake: number;
  /** Gradients of each loss; the arrows point along minus the gradient. */
  dGradReal?: ArrayLike<number>;
  dGradFake?: ArrayLike<number>;
  gGradFake?: ArrayLike<number>;
  focus: Focus | null;
  /** The x range, if already known (big data: computed once, in the worker). */
  domain?: [number, number];
}

export interface StripHandlers {
  /** A dot was dragged to `value`; `done` on release. */
  drag(side: SideName, index: number, value: number, done: boolean): void;
  hover(focus: Focus | null): void;
}

export const MAX_DOTS = 400;
const MAX_ARROW = 34;   // px, the longest arrow of each loss
const PAD = { left: 44, right: 14, top: 10, bottom: 24 };

// A fixed pseudo-random height per sample, so dots do not sit on one line.
const jitter = (i: number) => (((i * 2654435761) >>> 0) % 1000) / 1000;

export class StripPlot {
  private data: StripData | null = null;
  private domain: [number, number] | null = null;   // frozen while dragging
  private dragging: Focus | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly on: StripHandlers) {
    canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    canvas.addEventListener('pointermove', (e) => this.pointerMove(e));
    canvas.addEventListener('pointerup', (e) => this.pointerUp(e));
    canvas.addEventListener('pointercancel', (e) => this.pointerUp(e));
    canvas.addEventListener('pointerleave', () => { if (!this.dragging) this.on.hover(null); });
  }

  draw(data: StripData | null): void {
    this.data = data;
    const s = surface(this.canvas);
    if (s === null) return;
    const p = palette(this.canvas);
    if (data === null) return;
    const [lo, hi] = this.dragging && this.domain ? this.domain : data.domain ?? extent(data.real, data.fake);
    this.domain = [lo, hi];
    const sx = scale(lo, hi, PAD.left, s.width - PAD.right);
    const { ctx } = s;
    const bottom = s.height - PAD.bottom;
    xAxis(s, p, sx, ticks(lo, hi, Math.max(3, Math.floor(s.width / 90))), PAD.top, bottom);

    for (const side of ['real', 'fake'] as const) {
      const [y0, y1] = this.lane(s, side);
      const values = data[side];
      const colour = side === 'real' ? p.real : p.fake;
      ctx.fillStyle = p.muted;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(side, 4, y0);
      if (values.length > MAX_DOTS) this.histogram(s, values, sx, y0, y1, colour);
      else this.dots(s, side, values, sx, y0, y1, colour, data.focus);
    }

    // Means: dashed lines across both lanes, labelled.
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.5;
    for (const [mu, colour, label] of [[data.meanReal, p.real, 'μr'], [data.meanFake, p.fake, 'μf']] as const) {
      const x = Math.round(sx(mu)) + 0.5;
      ctx.strokeStyle = colour;
      ctx.beginPath(); ctx.moveTo(x, PAD.top); ctx.lineTo(x, bottom); ctx.stroke();
      ctx.fillStyle = colour;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(label, x, bottom - 2);
    }
    ctx.setLineDash([]);

    if (data.real.length <= MAX_DOTS && data.fake.length <= MAX_DOTS) this.arrows(s, p.text, p.accent, sx);
  }

  private lane(s: Surface, side: SideName): [number, number] {
    const h = (s.height - PAD.top - PAD.bottom) / 2;
    const top = PAD.top + (side === 'real' ? 0 : h);
    return [top + 4, top + h - 6];
  }

  private y(s: Surface, side: SideName, i: number): number {
    const [y0, y1] = this.lane(s, side);
    return y0 + 10 + jitter(i) * Math.max(1, y1 - y0 - 20);
  }

  private dots(s: Surface, side: SideName, values: Float64Array, sx: (x: number) => number,
               _y0: number, _y1: number, colour: string, focus: Focus | null): void {
    const { ctx } = s;
    ctx.fillStyle = colour;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    for (let i = 0; i < values.length; i++) {
      ctx.beginPath();
      ctx.arc(sx(values[i]!), this.y(s, side, i), 5, 0, 2 * Math.PI);
      if (side === 'real') ctx.fill(); else ctx.stroke();
    }
    if (focus && focus.side === side && focus.index < values.length) {
      ctx.strokeStyle = palette(this.canvas).focus;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(sx(values[focus.index]!), this.y(s, side, focus.index), 9, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  private histogram(s: Surface, values: Float64Array, sx: (x: number) => number, y0: number, y1: number, colour: string): void {
    const [lo, hi] = this.domain!;
    const bins = Math.max(10, Math.min(80, Math.floor((s.width - PAD.left - PAD.right) / 6)));
    const counts = new Float64Array(bins);
    const k = bins / (hi - lo);
    for (let i = 0; i < values.length; i++) counts[Math.min(bins - 1, Math.max(0, Math.floor((values[i]! - lo) * k)))]! += 1;
    let top = 0;
    for (const c of counts) top = Math.max(top, c);
    const { ctx } = s;
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.7;
    for (let b = 0; b < bins; b++) {
      const h = ((y1 - y0 - 12) * counts[b]!) / top;
      const x0 = sx(lo + b / k), x1 = sx(lo + (b + 1) / k);
      ctx.fillRect(x0, y1 - h, Math.max(1, x1 - x0 - 1), h);
    }
    ctx.globalAlpha = 1;
  }

  private arrows(s: Surface, dColour: string, gColour: string, sx: (x: number) => number): void {
    const d = this.data!;
    const { ctx } = s;
    const longest = (...gs: (ArrayLike<number> | undefined)[]) =>
      gs.reduce((m, g) => { for (let i = 0; g && i < g.length; i++) m = Math.max(m, Math.abs(g[i]!)); return m; }, 0);
    const draw = (side: SideName, values: Float64Array, grad: ArrayLike<number> | undefined, top: number,
                  colour: string, dy: number) => {
      if (!grad || !(top > 0)) return;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      for (let i = 0; i < values.length; i++) {
        const x = sx(values[i]!), len = (-grad[i]! / top) * MAX_ARROW;
        if (Math.abs(len) >= 1) arrow(ctx, x, x + len, this.y(s, side, i) + dy);
      }
    };
    const dTop = longest(d.dGradReal, d.dGradFake), gTop = longest(d.gGradFake);
    draw('real', d.real, d.dGradReal, dTop, dColour, -8);
    draw('fake', d.fake, d.dGradFake, dTop, dColour, -8);
    ctx.setLineDash([3, 2]);
    draw('fake', d.fake, d.gGradFake, gTop, gColour, 8);
    ctx.setLineDash([]);
  }

  /** The dot under the pointer (within 9 px), if any. */
  private hit(e: PointerEvent): Focus | null {
    const d = this.data;
    if (!d || !this.domain || d.real.length > MAX_DOTS || d.fake.length > MAX_DOTS) return null;
    const rect = this.canvas.getBoundingClientRect();
    const s = { width: rect.width, height: rect.height } as Surface;
    const px = e.clientX - rect.left, py = e.clientY - rect.top;
    const sx = scale(this.domain[0], this.domain[1], PAD.left, s.width - PAD.right);
    let best: Focus | null = null, bestDist = 81;
    for (const side of ['real', 'fake'] as const) {
      const values = d[side];
      for (let i = 0; i < values.length; i++) {
        const dist = (sx(values[i]!) - px) ** 2 + (this.y(s, side, i) - py) ** 2;
        if (dist < bestDist) { bestDist = dist; best = { side, index: i }; }
      }
    }
    return best;
  }

  private valueAt(e: PointerEvent): number {
    const rect = this.canvas.getBoundingClientRect();
    const [lo, hi] = this.domain!;
    const x = scale(PAD.left, rect.width - PAD.right, lo, hi)(e.clientX - rect.left);
    return Math.round(Math.min(hi, Math.max(lo, x)) * 100) / 100;   // 2 decimals: what a hand can aim at
  }

  private pointerDown(e: PointerEvent): void {
    const target = this.hit(e);
    if (!target) return;
    this.dragging = target;
    this.canvas.setPointerCapture(e.pointerId);
    this.on.hover(target);
    e.preventDefault();
  }

  private pointerMove(e: PointerEvent): void {
    if (this.dragging) this.on.drag(this.dragging.side, this.dragging.index, this.valueAt(e), false);
    else this.on.hover(this.hit(e));
  }

  private pointerUp(e: PointerEvent): void {
    if (!this.dragging) return;
    const { side, index } = this.dragging;
    this.dragging = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    this.on.drag(side, index, this.valueAt(e), true);
  }
}
