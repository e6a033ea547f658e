// Shared by the family tests: the tolerance, a comparison that lists every
// mismatch (so one failing test names all wrong outputs), and an untyped call
// (the options are newer than the published .d.ts).
import { expect } from 'vitest';
import type { FamilyNumbers } from './family-oracle';

/** |got - exact| <= REL |exact| + ABS; the floor is for exact zeros (hinge, detached sums). */
export const REL = 1e-12;
export const ABS = 1e-15;
export const close = (got: number, exact: number, rel = REL, abs = ABS) =>
  Math.abs(got - exact) <= rel * Math.abs(exact) + abs;

export type Result = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const callLosses = (rc: any, real: ArrayLike<number>, fake: ArrayLike<number>, options: object): Result =>
  rc.losses(real, fake, options);

/** Appends one line per output of `got` that differs from the oracle's `exact`. */
export function compareKeys(got: Result, exact: FamilyNumbers, keys: readonly (keyof FamilyNumbers)[],
                            failures: string[] = []): string[] {
  for (const key of keys) {
    const g = got[key], e = exact[key];
    if (typeof e === 'number') {
      if (typeof g !== 'number' || !close(g, e)) failures.push(`${key}: got ${g}, exact ${e}`);
      continue;
    }
    if (!(g instanceof Float64Array)) { failures.push(`${key}: not a Float64Array (${Object.prototype.toString.call(g)})`); continue; }
    if (g.length !== e.length) { failures.push(`${key}: length ${g.length}, expected ${e.length}`); continue; }
    e.forEach((x, i) => { if (!close(g[i], x)) failures.push(`${key}[${i}]: got ${g[i]}, exact ${x}`); });
  }
  return failures;
}

export function expectMatches(got: Result, exact: FamilyNumbers, keys: readonly (keyof FamilyNumbers)[], label: string) {
  expect(compareKeys(got, exact, keys).slice(0, 12), label).toEqual([]);
}

export const CORE_KEYS = ['dLoss', 'gLoss', 'meanReal', 'meanFake', 'realRelative', 'fakeRelative'] as const;
export const PER_SAMPLE_KEYS = ['dLossReal', 'dLossFake', 'gLossReal', 'gLossFake'] as const;
export const GRADIENT_KEYS = ['dGradReal', 'dGradFake', 'gGradReal', 'gGradFake'] as const;
export const REWARD_KEYS = ['rewardReal', 'rewardFake', 'creditReal', 'creditFake', 'advantages'] as const;
export const GROUP_KEYS = ['groupDLoss', 'groupGLoss', 'groupMeanReal', 'groupMeanFake'] as const;
