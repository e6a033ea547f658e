// An independent float64 reference (not the library): the seed's pooled
// losses written with the stable softplus, and how the page shows numbers.
import { expect } from 'vitest';

export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function expected(real: readonly number[], fake: readonly number[]) {
  const muR = mean(real);
  const muF = mean(fake);
  const a = real.map((r) => r - muF);
  const b = fake.map((f) => f - muR);
  const N = real.length + fake.length;
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    dLoss: (sum(a.map((x) => softplus(-x))) + sum(b.map((x) => softplus(x)))) / N,
    gLoss: (sum(a.map((x) => softplus(x))) + sum(b.map((x) => softplus(-x)))) / N,
    meanReal: muR,
    meanFake: muF,
    realRelative: a,
    fakeRelative: b,
  };
}

/** The field syntax the page documents: commas, spaces or new lines. */
export function numbersIn(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map(Number);
}

/** The page shows 6 decimals: the shown value is within half a unit of the 6th. */
export function expectShown(text: string | null, value: number): void {
  expect(text).toMatch(/^-?\d+\.\d{6}$/);
  expect(Math.abs(Number(text) - value)).toBeLessThanOrEqual(5e-7 + 1e-12);
}
