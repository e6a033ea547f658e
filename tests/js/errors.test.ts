// The error contract of rc.losses and rc.reference:
//   not an array / typed array           -> TypeError
//   empty                                -> RangeError
//   element not of type number           -> TypeError
//   NaN, +-Infinity, |x| > 2^960         -> RangeError
// Messages name the argument, the index as `real[3]`, and (for elements)
// say "finite number". After any error the module still gives right answers
// and its wasm memory does not grow.
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { oracle, oracleNumbers } from './oracle';

type Rc = Awaited<ReturnType<typeof init>>;
let rc: Rc;
beforeAll(async () => { rc = await init(); });

const SIDES = ['real', 'fake'] as const;
const FNS = ['losses', 'reference'] as const;
const MAX = 2 ** 960;
const call = (fn: (typeof FNS)[number], side: (typeof SIDES)[number], bad: unknown) => () => {
  const good = [0.5, -1, 2];
  const [real, fake] = side === 'real' ? [bad, good] : [good, bad];
  return fn === 'losses' ? rc.losses(real as number[], fake as number[]) : rc.reference(real as number[], fake as number[]);
};

function expectError(run: () => unknown, kind: typeof TypeError | typeof RangeError, ...patterns: RegExp[]) {
  let caught: unknown;
  try { run(); } catch (e) { caught = e; }
  expect(caught, 'should throw').toBeInstanceOf(kind);
  // a RangeError is not a TypeError nor vice versa: check the exact kind
  expect((caught as Error).constructor).toBe(kind);
  for (const p of patterns) expect((caught as Error).message).toMatch(p);
}

// Elements placed at index 3 of a five-element array.
const at3 = (v: unknown) => { const a: unknown[] = [0.1, 0.2, 0.3, 0.4, 0.5]; a[3] = v; return a; };
const hole = [0.1, 0.2, 0.3, , 0.5];  // eslint-disable-line no-sparse-arrays

const NOT_ARRAYS: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['a number', 42], ['a string', '1,2,3'],
  ['an array-like object', { length: 2, 0: 1, 1: 2 }], ['a Set', new Set([1, 2])],
  ['a function', () => [1]], ['a boolean', true],
];
const NOT_NUMBERS: [string, unknown][] = [
  ['a string', '1'], ['a nested array', [1]], ['null', null], ['undefined', undefined],
  ['an object', { valueOf: () => 1 }], ['a boolean', true], ['a bigint', 1n], ['a Number object', new Number(1)],
];
const NOT_FINITE: [string, number][] = [
  ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity],
  ['2^961', 2 ** 961], ['-1e300', -1e300], ['MAX_VALUE', Number.MAX_VALUE],
  ['the next double above 2^960', MAX * (1 + 2 ** -52)],
];

describe.each(FNS)('rc.%s rejects bad arguments', (fn) => {
  describe.each(SIDES)('%s', (side) => {
    test.each(NOT_ARRAYS)('%s: TypeError naming the argument', (_, bad) => {
      expectError(call(fn, side, bad), TypeError, new RegExp(`\\b${side}\\b`), /array/i);
    });

    test.each([['[]', []], ['Float64Array(0)', new Float64Array(0)], ['Float32Array(0)', new Float32Array(0)]])(
      'empty %s: RangeError', (_, bad) => {
        expectError(call(fn, side, bad), RangeError, new RegExp(`\\b${side}\\b`), /at least one|empty/i);
      });

    test.each(NOT_NUMBERS)('element is %s: TypeError at %s[3]', (_, v) => {
      expectError(call(fn, side, at3(v)), TypeError, new RegExp(`\\b${side}\\[3\\]`), /finite number/);
    });

    test('a hole in a sparse array reads as undefined: TypeError', () => {
      expectError(call(fn, side, hole), TypeError, new RegExp(`\\b${side}\\[3\\]`), /finite number/);
    });

    test.each(NOT_FINITE)('element %s: RangeError at %s[3]', (_, v) => {
      const pattern = [new RegExp(`\\b${side}\\[3\\]`), /finite number/] as const;
      expectError(call(fn, side, at3(v)), RangeError, ...pattern);
      expectError(call(fn, side, Float64Array.from(at3(v) as number[])), RangeError, ...pattern);
      if (!Number.isFinite(v)) {  // a float32 holds NaN and infinities but not 2^961
        expectError(call(fn, side, Float32Array.from(at3(v) as number[])), RangeError, ...pattern);
      }
    });

    test('the index is the first bad one, even far in', () => {
      const big = new Float64Array(1000).fill(0.25);
      big[777] = NaN; big[900] = Infinity;
      expectError(call(fn, side, big), RangeError, new RegExp(`\\b${side}\\[777\\]`), /finite number/);
    });
  });
});

describe('limits that are accepted', () => {
  test('|x| = 2^960 exactly, subnormals and -0 are valid scores', () => {
    const o = rc.losses([MAX], [-MAX], { gradients: true });
    // a = 2^961, b = -2^961: d_loss = sp(-2^961) = 0 (to any double), g_loss = (a - b)/2 = 2^961
    expect([o.meanReal, o.meanFake, o.dLoss, o.gLoss]).toEqual([MAX, -MAX, 0, 2 * MAX]);
    expect([o.realRelative[0], o.fakeRelative[0]]).toEqual([2 * MAX, -2 * MAX]);
    expect([o.gGradReal[0], o.gGradFake[0]]).toEqual([1, -1]);
    expect(() => rc.reference([MAX, -MAX], [MAX])).not.toThrow();
    expect(() => rc.losses([5e-324, -0], [Number.MIN_VALUE])).not.toThrow();
  });
});

describe('the module survives errors and does not leak', () => {
  const SEED_R = [2, 1.5, 1.8], SEED_F = [0.5, 0.3, 0.1];
  const expectSeedRight = () => {
    const got = rc.losses(SEED_R, SEED_F, { gradients: true });
    const want = oracleNumbers(oracle(SEED_R, SEED_F));
    for (const key of ['dLoss', 'gLoss', 'meanReal', 'meanFake'] as const) {
      expect(Math.abs(got[key] - want[key])).toBeLessThanOrEqual(1e-12 * Math.abs(want[key]));
    }
    for (const key of ['realRelative', 'fakeRelative', 'dGradReal', 'dGradFake', 'gGradReal', 'gGradFake'] as const) {
      got[key].forEach((x, i) => expect(Math.abs(x - want[key][i])).toBeLessThanOrEqual(1e-12 * Math.abs(want[key][i])));
    }
    expect(rc.reference(SEED_R, SEED_F)).toEqual(
      { d_loss: 0.210218, g_loss: 1.676885, real_relative: [1.7, 1.2, 1.5], fake_relative: [-1.266667, -1.466667, -1.666667] });
  };

  // Bad calls of every kind, some after a large valid prefix has been copied in.
  const bigBad = Float64Array.from({ length: 20000 }, (_, i) => (i === 19999 ? NaN : i / 1000));
  const bigBadArray = Array.from({ length: 20000 }, (_, i) => (i === 19999 ? 'x' : i / 1000));
  const badCalls: (() => unknown)[] = [
    () => rc.losses(bigBad, SEED_F, { gradients: true }), () => rc.reference(SEED_R, bigBad),
    () => rc.losses(bigBadArray as number[], SEED_F), () => rc.losses(SEED_R, [] as number[]),
    () => rc.losses(null as unknown as number[], SEED_F), () => rc.reference(SEED_R, at3(Infinity) as number[]),
    () => rc.losses(at3(null) as number[], SEED_F), () => rc.losses(SEED_R, at3(2 ** 961) as number[], { gradients: true }),
  ];

  test('right answers after each kind of error, and after 4,000 errors; no growth', () => {
    for (const bad of badCalls) {
      expect(bad).toThrow();
      expectSeedRight();
    }
    const before = rc.memoryBytes();
    for (let k = 0; k < 4000; k++) expect(badCalls[k % badCalls.length]).toThrow();
    expect(rc.memoryBytes()).toBe(before);
    expectSeedRight();
  });

  test('2,000 repeated calls of one size do not grow wasm memory', () => {
    const real = Float64Array.from({ length: 3000 }, (_, i) => Math.sin(i)), fake = Array.from({ length: 2000 }, (_, i) => Math.cos(i));
    const first = rc.losses(real, fake, { gradients: true });
    rc.reference(real, fake);
    const before = rc.memoryBytes();
    for (let k = 0; k < 2000; k++) {
      if (k % 2) rc.losses(real, fake, { gradients: true }); else rc.reference(real, fake);
    }
    expect(rc.memoryBytes()).toBe(before);
    expect(rc.losses(real, fake, { gradients: true }).dGradReal).toEqual(first.dGradReal);
    expectSeedRight();
  });
});

describe('structured errors and options', () => {
  test('errors about one score carry argument and index', () => {
    let caught: unknown;
    try { rc.losses([1, 2], [0, 1, 2, Number.NaN]); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(RangeError);
    expect(caught).toMatchObject({ argument: 'fake', index: 3 });
    try { rc.reference([1, 'x' as unknown as number], [0]); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(TypeError);
    expect(caught).toMatchObject({ argument: 'real', index: 1 });
  });

  test('MAX_ABS_SCORE is exported and is the limit the module applies', async () => {
    const { MAX_ABS_SCORE } = await import('../../dist/node.js');
    expect(MAX_ABS_SCORE).toBe(2 ** 960);
    expect(() => rc.losses([MAX_ABS_SCORE], [0])).not.toThrow();
    expect(() => rc.losses([MAX_ABS_SCORE * (1 + 2 ** -52)], [0])).toThrow(RangeError);
  });

  test('options: unknown names and non-boolean gradients are rejected by name', () => {
    expectError(() => rc.losses([1], [0], { gradient: true } as never), TypeError, /unknown option "gradient"/);
    expectError(() => rc.losses([1], [0], { gradients: 'yes' } as never), TypeError, /options\.gradients must be a boolean/);
    expectError(() => rc.losses([1], [0], 5 as never), TypeError, /options must be an object/);
    expect(rc.losses([1], [0], {}).dLoss).toBeGreaterThan(0);
  });
});
