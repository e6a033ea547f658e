// The error contract of the family options (README, "The family"):
//   unknown option name, wrong type                    -> TypeError
//   bad value (see the table below)                    -> RangeError
// and every message names the option. After each error the module still gives
// the oracle's answers and its wasm memory does not grow.
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { familyOracle, toNumbers } from './family-oracle';
import { callLosses, CORE_KEYS, expectMatches, GRADIENT_KEYS } from './family-compare';

let rc: { memoryBytes(): number };
beforeAll(async () => { rc = (await init()) as unknown as typeof rc; });

const R = [0.5, -1, 2], F = [0.25, 1.5];            // m = 3, n = 2
const R2 = [0.5, -1, 2, 0.1], F2 = [0.25, 1.5, -0.3, 0.7];

function expectError(run: () => unknown, kind: typeof TypeError | typeof RangeError, name: string) {
  let caught: unknown;
  try { run(); } catch (e) { caught = e; }
  expect(caught, 'should throw').toBeInstanceOf(kind);
  expect((caught as Error).constructor, 'exact error class').toBe(kind);
  expect((caught as Error).message, 'names the option').toContain(name);
}

// [description, option named in the message, real, fake, options]
type Case = [string, string, number[], number[], Record<string, unknown>];

const TYPE_ERRORS: Case[] = [
  ['unknown option', 'relativsm', R, F, { relativsm: 'paired' }],
  ['unknown option (wrong case)', 'Temperature', R, F, { Temperature: 2 }],
  ['relativism a number', 'relativism', R, F, { relativism: 1 }],
  ['loss a boolean', 'loss', R, F, { loss: true }],
  ['normalization an object', 'normalization', R, F, { normalization: { kind: 'sum' } }],
  ['detachMean a string', 'detachMean', R, F, { detachMean: 'true' }],
  ['detachMean a number', 'detachMean', R, F, { detachMean: 1 }],
  ['perSample a string', 'perSample', R, F, { perSample: 'yes' }],
  ['rewards a number', 'rewards', R, F, { rewards: 1 }],
  ['gradients a string', 'gradients', R, F, { gradients: 'true' }],
  ['temperature a string', 'temperature', R, F, { temperature: '0.5' }],
  ['temperature a bigint', 'temperature', R, F, { temperature: 1n }],
  ['margin a string', 'margin', R, F, { margin: '0.1' }],
  ['weightsReal a string', 'weightsReal', R, F, { weightsReal: '1,1,1' }],
  ['weightsFake a number', 'weightsFake', R, F, { weightsFake: 1 }],
  ['weightsReal with a string element', 'weightsReal', R, F, { weightsReal: [1, '1', 1] }],
  ['groupsReal a string', 'groupsReal', R, F, { groupsReal: '000', groupsFake: [0, 0] }],
  ['groupsFake an object', 'groupsFake', R, F, { groupsReal: [0, 0, 0], groupsFake: { 0: 0, 1: 0 } }],
];

const RANGE_ERRORS: Case[] = [
  ['unknown relativism', 'relativism', R, F, { relativism: 'relative' }],
  ['relativism in the wrong case', 'relativism', R, F, { relativism: 'Average' }],
  ['unknown loss', 'loss', R, F, { loss: 'wasserstein' }],
  ['unknown normalization', 'normalization', R, F, { normalization: 'mean' }],
  ['paired with m != n', 'relativism', R, F, { relativism: 'paired' }],
  ['paired with m_g != n_g in a group (m = n overall)', 'relativism', R2, F2,
    { relativism: 'paired', groupsReal: [0, 0, 0, 1], groupsFake: [0, 1, 1, 1] }],
  ['negative weight', 'weightsReal', R, F, { weightsReal: [1, -0.5, 1] }],
  ['NaN weight', 'weightsFake', R, F, { weightsFake: [1, NaN] }],
  ['infinite weight', 'weightsReal', R, F, { weightsReal: [1, Infinity, 1] }],
  ['all real weights zero', 'weightsReal', R, F, { weightsReal: [0, 0, 0] }],
  ['all fake weights zero', 'weightsFake', R, F, { weightsFake: new Float64Array(2) }],
  ['all fake weights zero in one group', 'weightsFake', R, F,
    { weightsFake: [1, 0], groupsReal: [0, 1, 1], groupsFake: [0, 1] }],
  ['weightsReal too short', 'weightsReal', R, F, { weightsReal: [1, 1] }],
  ['weightsFake too long', 'weightsFake', R, F, { weightsFake: new Float32Array([1, 1, 1]) }],
  ['temperature 0', 'temperature', R, F, { temperature: 0 }],
  ['temperature negative', 'temperature', R, F, { temperature: -1 }],
  ['temperature NaN', 'temperature', R, F, { temperature: NaN }],
  ['temperature Infinity', 'temperature', R, F, { temperature: Infinity }],
  ['margin NaN', 'margin', R, F, { margin: NaN }],
  ['margin -Infinity', 'margin', R, F, { margin: -Infinity }],
  ['negative group id', 'groupsReal', R, F, { groupsReal: [0, -1, 0], groupsFake: [0, 0] }],
  ['non-integer group id', 'groupsFake', R, F, { groupsReal: [0, 1, 1], groupsFake: [0, 0.5] }],
  ['group 1 missing on the fake side', 'groupsFake', R, F, { groupsReal: [0, 1, 1], groupsFake: [0, 0] }],
  ['group 1 missing on the real side', 'groupsReal', R, F, { groupsReal: [0, 0, 0], groupsFake: [0, 1] }],
  ['groupsReal wrong length', 'groupsReal', R, F, { groupsReal: new Int32Array(2), groupsFake: [0, 0] }],
  ['groupsFake wrong length', 'groupsFake', R, F, { groupsReal: [0, 0, 0], groupsFake: [0] }],
];

// A gap (id 1 used nowhere) is "a group missing" on both sides: either name will do.
const GAP: Case = ['a gap in the group ids', 'groups', R, F, { groupsReal: [0, 2, 2], groupsFake: [2, 0] }];

const good = () => {
  const opts = { relativism: 'centered', loss: 'least-squares', normalization: 'half-sum', temperature: 0.7,
    margin: 0.3, weightsReal: [1, 0.5, 2], weightsFake: [0.3, 1] } as const;
  const got = callLosses(rc, R, F, { ...opts, gradients: true });
  expectMatches(got, toNumbers(familyOracle(R, F, opts)), [...CORE_KEYS, ...GRADIENT_KEYS], 'after an error');
};

describe('TypeError for unknown names and wrong types', () => {
  test.each(TYPE_ERRORS)('%s', (_, name, real, fake, options) => {
    expectError(() => callLosses(rc, real, fake, { gradients: true, ...options }), TypeError, name);
    good();
  });
});

describe('RangeError for bad values', () => {
  test.each([...RANGE_ERRORS, GAP])('%s', (_, name, real, fake, options) => {
    expectError(() => callLosses(rc, real, fake, { gradients: true, ...options }), RangeError, name);
    good();
  });
});

test('valid edge values are accepted: weight 0 on some samples, Float32Array weights, tiny temperature', () => {
  const opts = { weightsReal: new Float32Array([0, 0.1, 1]), weightsFake: [0, 2], temperature: 1e-3, margin: -2 };
  const got = callLosses(rc, R, F, { ...opts, gradients: true });
  // Float32 weights count as the floats widened to double (0.1f != 0.1)
  expectMatches(got, toNumbers(familyOracle(R, F, opts)), [...CORE_KEYS, ...GRADIENT_KEYS], 'edge values');
});

test('errors leak no wasm memory and the module keeps working', () => {
  good();
  const before = rc.memoryBytes();
  for (let k = 0; k < 200; k++) {
    for (const [, name, real, fake, options] of [...TYPE_ERRORS, ...RANGE_ERRORS]) {
      expect(() => callLosses(rc, real, fake, { gradients: true, perSample: true, rewards: true, ...options }), name).toThrow();
    }
  }
  expect(rc.memoryBytes()).toBe(before);
  good();
});
