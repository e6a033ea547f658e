// Each preset's data shows what its explanation claims, checked with losses
// written out here (seed member: average, logistic, pooled) and finite
// differences, and every preset survives the URL round trip.
import { describe, expect, test } from 'vitest';
import { PRESETS, type Preset } from '../../web/presets';
import { DEFAULT_STATE, decodeState, encodeState, type AppState } from '../../web/state';

const IDS = ['d-winning', 'g-winning', 'equilibrium', 'mode-collapse', 'outlier', 'unequal', 'sign-mistake'];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

// Relativistic average logistic losses; `sum` weighs each side 1/m and 1/n.
function losses(r: readonly number[], f: readonly number[], norm: 'pooled' | 'sum' = 'pooled') {
  const mr = mean(r), mf = mean(f);
  const [wr, wf] = norm === 'pooled' ? [1 / (r.length + f.length), 1 / (r.length + f.length)] : [1 / r.length, 1 / f.length];
  let d = 0, g = 0;
  for (const x of r) { d += wr * softplus(-(x - mf)); g += wr * softplus(x - mf); }
  for (const y of f) { d += wf * softplus(y - mr); g += wf * softplus(-(y - mr)); }
  return { d, g };
}

// Central differences of a loss with respect to each fake score.
function fakeGradient(loss: (f: number[]) => number, f: readonly number[]): number[] {
  const h = 1e-6;
  return f.map((_, j) => {
    const up = [...f], down = [...f];
    up[j]! += h;
    down[j]! -= h;
    return (loss(up) - loss(down)) / (2 * h);
  });
}

function data(id: string): { real: number[]; fake: number[]; preset: Preset } {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`no preset ${id}`);
  const d = preset.state.data;
  if (d === undefined || d.kind !== 'values') throw new Error(`${id}: not values data`);
  return { real: [...d.real], fake: [...d.fake], preset };
}

describe('the list', () => {
  test('ids exactly as documented, in order, unique', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(IDS);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  test('titles and explanations: plain, 1 to 3 sentences', () => {
    for (const p of PRESETS) {
      expect(p.title.trim().length, p.id).toBeGreaterThan(3);
      const sentences = p.explanation.split(/(?<=[.!?])\s+/).filter((s) => s.length > 0);
      expect(sentences.length, p.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, p.id).toBeLessThanOrEqual(3);
      expect(p.explanation.trim().endsWith('.'), p.id).toBe(true);
      expect(p.explanation, p.id).not.toMatch(/[<>]|https?:|\/\w+\//);
    }
  });

  test('data: explicit values rounded to 2 decimals, on the seed member', () => {
    for (const p of PRESETS) {
      const { real, fake } = data(p.id);
      for (const x of [...real, ...fake]) expect(Math.round(x * 100) / 100, p.id).toBe(x);
      expect(p.state).toMatchObject({ relativism: 'average', loss: 'logistic', normalization: 'pooled', preset: p.id });
      expect(p.state.focus === null || p.state.focus !== undefined, p.id).toBe(true);
    }
  });

  test('frozen, so applying a preset cannot alter it', () => {
    const { real } = data('d-winning');
    expect(Object.isFrozen(PRESETS)).toBe(true);
    const d = PRESETS[0]!.state.data as { real: number[] };
    expect(Object.isFrozen(d.real)).toBe(true);
    expect(() => d.real.push(1)).toThrow(TypeError);
    expect(d.real).toEqual(real);
  });

  test('each preset applied to the default state encodes and decodes exactly', () => {
    for (const p of PRESETS) {
      const s = { ...(structuredClone(DEFAULT_STATE) as AppState), ...structuredClone(p.state) } as AppState;
      const q = encodeState(s);
      expect(q, p.id).toContain(`preset=${p.id}`);
      expect(decodeState(q), p.id).toEqual({ state: s, warnings: [] });
    }
  });
});

describe('each preset shows its claim', () => {
  test('d-winning: every real above every fake, D loss near 0, G terms near 6', () => {
    const { real, fake } = data('d-winning');
    expect(real.length).toBe(8);
    expect(fake.length).toBe(8);
    expect(Math.min(...real)).toBeGreaterThan(Math.max(...fake));
    expect(Math.abs(mean(real) - 3)).toBeLessThan(0.3);
    expect(Math.abs(mean(fake) + 3)).toBeLessThan(0.3);
    expect(std(real)).toBeGreaterThan(0.3);
    expect(std(real)).toBeLessThan(0.7);
    const { d, g } = losses(real, fake);
    expect(d).toBeLessThan(0.005); // softplus(−6) ≈ 0.0025
    expect(Math.abs(g - 6)).toBeLessThan(0.1);
  });

  test('g-winning: every fake above every real, D loss well above log 2, G loss small', () => {
    const { real, fake } = data('g-winning');
    expect(Math.min(...fake)).toBeGreaterThan(Math.max(...real));
    for (const y of fake) expect(y - mean(real)).toBeGreaterThan(0);
    const { d, g } = losses(real, fake);
    expect(d).toBeGreaterThan(2 * Math.LN2);
    expect(g).toBeLessThan(0.2);
  });

  test('equilibrium: equal means, both losses near log 2 (2 log 2 with sum)', () => {
    const { real, fake } = data('equilibrium');
    expect(Math.abs(mean(real) - mean(fake))).toBeLessThan(0.05);
    const { d, g } = losses(real, fake);
    expect(d).toBeGreaterThan(Math.LN2); // softplus is convex
    expect(d - Math.LN2).toBeLessThan(0.05);
    expect(g - Math.LN2).toBeLessThan(0.05);
    expect(Math.abs(losses(real, fake, 'sum').d - 2 * Math.LN2)).toBeLessThan(0.1);
  });

  test('mode-collapse: fakes nearly identical, reals spread, the same G gradient for every fake', () => {
    const { real, fake } = data('mode-collapse');
    expect(std(fake)).toBeLessThan(0.05);
    expect(std(real)).toBeGreaterThan(0.5);
    const grad = fakeGradient((f) => losses(real, f).g, fake);
    const spread = Math.max(...grad) - Math.min(...grad);
    expect(spread).toBeLessThan(0.01 * Math.abs(mean(grad)));
    for (const x of grad) expect(Math.sign(x)).toBe(Math.sign(grad[0]!));
    // the same reals with spread-out fakes give clearly different gradients
    const spreadFakes = fake.map((y, j) => y + (j - 3.5) * 0.5);
    const other = fakeGradient((f) => losses(real, f).g, spreadFakes);
    expect(Math.max(...other) - Math.min(...other)).toBeGreaterThan(0.2 * Math.abs(mean(other)));
  });

  test('outlier: one real far out, moving every fake relative score by the numbers quoted', () => {
    const { real, fake, preset } = data('outlier');
    const k = real.indexOf(Math.max(...real));
    const others = real.filter((_, i) => i !== k);
    expect(Math.abs(real[k]! - mean(others))).toBeGreaterThan(5 * std(others));
    expect(preset.state.focus).toEqual({ side: 'real', index: k });
    expect(real[k]).toBe(40);
    expect(preset.explanation).toContain('0.99');
    expect(preset.explanation).toContain('5.87');
    expect(preset.explanation).toContain('4.88');
    expect(Math.abs(mean(others) - 0.99)).toBeLessThan(0.005);
    expect(Math.abs(mean(real) - 5.87)).toBeLessThan(0.005);
    expect(Math.abs(mean(real) - mean(others) - 4.88)).toBeLessThan(0.005);
    // the fakes' discriminator terms look solved, the generator's grow
    const withOut = losses(others, fake), withIn = losses(real, fake);
    const fakeTerm = (r: number[], y: number) => softplus(y - mean(r));
    for (const y of fake) expect(fakeTerm(real, y)).toBeLessThan(0.2 * fakeTerm(others, y));
    expect(withIn.g).toBeGreaterThan(withOut.g);
  });

  test('unequal: sizes differ more than 5x, and the weights quoted are right', () => {
    const { real, fake, preset } = data('unequal');
    const [m, n] = [real.length, fake.length];
    expect(Math.max(m, n) / Math.min(m, n)).toBeGreaterThan(5);
    expect(preset.explanation).toContain(`1/${m + n}`);
    expect(preset.explanation).toContain(`${n}/${m + n} ≈ ${Math.round((100 * n) / (m + n))}%`);
    expect(preset.explanation).toContain(`${Math.round((100 * m) / (m + n))}%`);
    expect(preset.explanation).toContain(`1/${2 * m} per real and 1/${2 * n} per fake`);
  });

  test('sign-mistake: the mistaken fake term repeats the real term and gives every fake one gradient', () => {
    const { real, fake, preset } = data('sign-mistake');
    const mistaken = (f: number[]) => {
      const mf = mean(f);
      let d = 0;
      for (const x of real) d += softplus(-(x - mf)) + softplus(mf - x); // real term, then the slip
      return d / (real.length + f.length);
    };
    const correct = (f: number[]) => losses(real, f).d;
    const realTerm = real.reduce((a, x) => a + softplus(-(x - mean(fake))), 0);
    const slipTerm = real.reduce((a, x) => a + softplus(mean(fake) - x), 0);
    expect(slipTerm).toBeCloseTo(realTerm, 14);

    const bad = fakeGradient(mistaken, fake);
    for (const x of bad) expect(x).toBeCloseTo(bad[0]!, 6);
    const good = fakeGradient(correct, fake);
    expect(Math.max(...good) - Math.min(...good)).toBeGreaterThan(0.01);
    // the fake that looks most real is 1.2, above a real, and it gets the
    // largest push down from the correct loss
    const top = fake.indexOf(Math.max(...fake));
    expect(fake[top]).toBe(1.2);
    expect(preset.explanation).toContain('1.2 here');
    expect(fake[top]).toBeGreaterThan(Math.min(...real));
    expect(good.indexOf(Math.max(...good))).toBe(top);
  });
});
