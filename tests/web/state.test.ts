// The playground state in the URL: exact round trips, defaults left out,
// and every bad or hostile parameter turned into its default plus a warning.
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_RANDOM, DEFAULT_STATE, EMBED_PARTS, LOSS_KINDS, MAX_QUERY_LENGTH, MAX_URL_VALUES, NORMALIZATIONS,
  RELATIVISMS, THEMES, decodeState, encodeState, type AppState,
} from '../../web/state';
import { PRESETS } from '../../web/presets';
import { MAX_COUNT, rng, type Distribution, type SideSpec } from '../../web/random';

const clone = (s: AppState): AppState => structuredClone(s) as AppState;
const withState = (change: Partial<AppState>): AppState => ({ ...clone(DEFAULT_STATE), ...change });
const decode = (q: string) => decodeState(q);
// The text between “ and ” in a warning: how much of the input it repeats.
const quotedLengths = (message: string) => [...message.matchAll(/“([^”]*)”/g)].map((m) => Array.from(m[1]!).length);

function randomState(u: () => number): AppState {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1));
  const awkward = (): number => pick([
    () => (u() - 0.5) * 2000,
    () => (u() - 0.5) * 1e-300,
    () => -0,
    () => 0.1 + 0.2,
    () => int(-5, 5),
    () => (u() - 0.5) * 1e200,
    () => 5e-324,
    () => Math.round((u() - 0.5) * 1e5) / 1000,
  ])();
  const spec = (): SideSpec => ({
    distribution: pick<Distribution>(['normal', 'uniform', 'bimodal']),
    count: u() < 0.3 ? MAX_COUNT : int(1, MAX_COUNT),
    mean: u() < 0.1 ? -0 : (u() - 0.5) * 2e6,
    spread: u() < 0.1 ? 0 : u() < 0.1 ? 1e6 : u() * 10,
  });
  const data: AppState['data'] = u() < 0.5
    ? { kind: 'values', real: Array.from({ length: int(1, 30) }, awkward), fake: Array.from({ length: int(1, 30) }, awkward) }
    : { kind: 'random', random: { seed: u() < 0.2 ? pick([0, 0xffffffff]) : int(0, 0xffffffff), real: spec(), fake: spec() } };
  const side = pick(['real', 'fake'] as const);
  const count = data.kind === 'values' ? data[side].length : data.random[side].count;
  return {
    data,
    relativism: pick(RELATIVISMS),
    loss: pick(LOSS_KINDS),
    normalization: pick(NORMALIZATIONS),
    seedMode: u() < 0.5,
    step: int(0, 5),
    theme: pick(THEMES),
    embed: { controls: u() < 0.5, formulas: u() < 0.5, table: u() < 0.5 },
    focus: u() < 0.5 ? null : { side, index: u() < 0.2 ? count - 1 : int(0, count - 1) },
    preset: u() < 0.5 ? null : pick(PRESETS).id,
  };
}

describe('encodeState', () => {
  test('the default state encodes to the empty string', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('');
    expect(encodeState(clone(DEFAULT_STATE))).toBe('');
  });

  test('writes only what differs, readably', () => {
    expect(encodeState(withState({ relativism: 'paired', focus: { side: 'real', index: 2 } }))).toBe('rel=paired&focus=real:2');
    expect(encodeState(withState({ data: { kind: 'values', real: [1, -2.5, 1e-7], fake: [0.5, 0.3, 0.1] } }))).toBe('r=1,-2.5,1e-7');
    expect(encodeState(withState({ seedMode: true, step: 3, theme: 'dark', embed: { controls: false, formulas: true, table: false } })))
      .toBe('seedmode=1&step=3&theme=dark&hide=controls,table');
    expect(encodeState(withState({ loss: 'hinge', normalization: 'half-sum', preset: 'outlier' }))).toBe('loss=hinge&norm=half-sum&preset=outlier');
  });

  test('random data always carries its seed and only the fields that differ', () => {
    const random = { ...structuredClone(DEFAULT_RANDOM), seed: 42 };
    expect(encodeState(withState({ data: { kind: 'random', random } }))).toBe('seed=42');
    random.fake.count = 5;
    random.real.distribution = 'bimodal';
    random.real.mean = -0;
    expect(encodeState(withState({ data: { kind: 'random', random } }))).toBe('seed=42&rd=bimodal&rm=-0&fn=5');
  });

  test('a "+" in an exponent survives the query', () => {
    const s = withState({ data: { kind: 'values', real: [1e21, -1e+300], fake: [1] } });
    expect(decode(encodeState(s)).state).toEqual(s);
  });
});

describe('round trip', () => {
  test('toEqual tells -0 from 0, so the round trips below are exact', () => {
    expect([-0]).not.toEqual([0]);
  });

  test('400 random valid states decode to themselves with no warnings', () => {
    const u = rng(20240601);
    for (let k = 0; k < 400; k++) {
      const s = randomState(u);
      const q = encodeState(s);
      const { state, warnings } = decode(q);
      expect(warnings, q).toEqual([]);
      expect(state, q).toEqual(s);
      expect(decode('?' + q).state).toEqual(s);
      expect(decode('#' + q).state).toEqual(s);
    }
  });

  test('every preset applied to the default state round-trips', () => {
    for (const p of PRESETS) {
      const s = { ...clone(DEFAULT_STATE), ...structuredClone(p.state) } as AppState;
      expect(decode(encodeState(s))).toEqual({ state: s, warnings: [] });
    }
  });

  test(`${MAX_URL_VALUES} values per side still fit`, () => {
    const u = rng(3);
    const s = withState({ data: { kind: 'values', real: Array.from({ length: MAX_URL_VALUES }, () => Math.round(u() * 1e6) / 1e3), fake: [1] } });
    const q = encodeState(s);
    expect(q.length).toBeLessThan(MAX_QUERY_LENGTH);
    expect(decode(q)).toEqual({ state: s, warnings: [] });
  });
});

describe('decodeState: defaults and fresh objects', () => {
  test('empty, "?" and "#" give the defaults without warnings', () => {
    for (const q of ['', '?', '#']) expect(decode(q)).toEqual({ state: DEFAULT_STATE, warnings: [] });
  });

  test('DEFAULT_STATE is frozen and decodeState never hands it out', () => {
    expect(Object.isFrozen(DEFAULT_STATE)).toBe(true);
    expect(Object.isFrozen((DEFAULT_STATE.data as { real: number[] }).real)).toBe(true);
    const { state } = decode('');
    expect(state).not.toBe(DEFAULT_STATE);
    (state.data as { real: number[] }).real.push(9);
    state.embed.table = false;
    expect(decode('').state).toEqual(DEFAULT_STATE);
  });

  test('DEFAULT_STATE is the seed example', () => {
    expect(DEFAULT_STATE).toEqual({
      data: { kind: 'values', real: [2, 1.5, 1.8], fake: [0.5, 0.3, 0.1] },
      relativism: 'average', loss: 'logistic', normalization: 'pooled', seedMode: false, step: 0, theme: 'system',
      embed: { controls: true, formulas: true, table: true }, focus: null, preset: null,
    });
  });

  test('only one side given: the other keeps its default', () => {
    expect(decode('f=9').state.data).toEqual({ kind: 'values', real: [2, 1.5, 1.8], fake: [9] });
  });

  test('values accept spaces and the Unicode minus', () => {
    expect(decode('r=1,%202,\u22123').state.data).toMatchObject({ real: [1, 2, -3] });
  });
});

describe('decodeState: each invalid parameter falls back and says so', () => {
  const cases: [string, string, Partial<AppState>, RegExp][] = [
    ['rel', 'rel=foo', {}, /^rel: “foo” is not one of average, centered, paired, all-pairs, none; using average\.$/],
    ['loss', 'loss=l1', {}, /^loss: “l1” is not one of logistic, least-squares, hinge; using logistic\.$/],
    ['norm', 'norm=mean', {}, /^norm: “mean” is not one of pooled, half-sum, sum; using pooled\.$/],
    ['theme', 'theme=blue', {}, /^theme: “blue” is not one of system, light, dark; using system\.$/],
    ['seedmode', 'seedmode=yes', {}, /^seedmode: “yes” is not 0 or 1; using 0\.$/],
    ['step not a number', 'step=two', {}, /^step: “two” is not a whole number; using 0\.$/],
    ['step too large', 'step=9', { step: 5 }, /^step: “9” is outside 0 to 5; using 5\.$/],
    ['step negative', 'step=-3', { step: 0 }, /^step: “-3” is outside 0 to 5; using 0\.$/],
    ['step fractional', 'step=2.4', { step: 2 }, /^step: “2.4” is not a whole number; using 2\.$/],
    ['step Infinity', 'step=Infinity', {}, /^step: “Infinity” is not a whole number/],
    ['hide', 'hide=controls,menu', { embed: { controls: false, formulas: true, table: true } }, /^hide: “menu” is not one of controls, formulas, table; ignored\.$/],
    ['focus form', 'focus=middle', {}, /^focus: “middle” is not of the form real:3 or fake:0/],
    ['focus negative', 'focus=fake:-1', {}, /^focus: “fake:-1” is not of the form/],
    ['focus out of range', 'focus=real:3', {}, /^focus: real sample 3 does not exist \(indices run from 0 to 2\)/],
    ['preset', 'preset=nope', {}, /^preset: “nope” is not a known preset; ignored\.$/],
    ['r', 'r=1,x', {}, /^r: “x” at position 2 is not a number\.$/],
    ['f', 'f=1,inf', {}, /^f: “inf” at position 2 is not a finite number\.$/],
    ['f empty', 'f=', {}, /^f: enter at least one number\.$/],
  ];
  for (const [name, q, change, pattern] of cases) {
    test(name, () => {
      const { state, warnings } = decode(q);
      expect(warnings[0]).toMatch(pattern);
      expect(state).toEqual(withState(change));
    });
  }

  test('a bad side discards both sides, with a second warning saying so', () => {
    const { state, warnings } = decode('r=5,6&f=1,bad');
    expect(state.data).toEqual(DEFAULT_STATE.data);
    expect(warnings).toEqual(['f: “bad” at position 2 is not a number.', 'Using the default scores for both sides.']);
  });

  test('random form: each field validated and clamped', () => {
    const { state, warnings } = decode('seed=abc&rd=cauchy&rn=0&rm=5e6&rs=-1&fd=uniform&fn=2000000&fm=x&fs=1e7');
    expect(state.data).toEqual({
      kind: 'random',
      random: {
        seed: DEFAULT_RANDOM.seed,
        real: { distribution: 'normal', count: 1, mean: 1e6, spread: 0 },
        fake: { distribution: 'uniform', count: MAX_COUNT, mean: DEFAULT_RANDOM.fake.mean, spread: 1e6 },
      },
    });
    const named = ['seed', 'rd', 'rn', 'rm', 'rs', 'fn', 'fm', 'fs'];
    expect(warnings.map((w) => w.split(':')[0])).toEqual(named);
    expect(warnings[2]).toBe('rn: “0” is outside 1 to 1000000; using 1.');
  });

  test('seed is clamped into 32 bits and rounded to a whole number', () => {
    expect(decode('seed=1e10').state.data).toMatchObject({ random: { seed: 0xffffffff } });
    expect(decode('seed=-5').state.data).toMatchObject({ random: { seed: 0 } });
    const { state, warnings } = decode('seed=7.6');
    expect(state.data).toMatchObject({ random: { seed: 8 } });
    expect(warnings).toEqual(['seed: “7.6” is not a whole number; using 8.']);
  });

  test('random keys without a seed use the default seed, with a warning', () => {
    const { state, warnings } = decode('rn=5');
    expect(state.data).toEqual({ kind: 'random', random: { ...structuredClone(DEFAULT_RANDOM), real: { ...DEFAULT_RANDOM.real, count: 5 } } });
    expect(warnings).toEqual([`seed: missing from the random form; using ${DEFAULT_RANDOM.seed}.`]);
  });

  test('r and f next to the random form are ignored, with a warning', () => {
    const { state, warnings } = decode('seed=3&r=1,2');
    expect(state.data.kind).toBe('random');
    expect(warnings).toEqual(['r and f are ignored: the link also has the random form (seed, rd, …).']);
  });

  test('focus is checked against the random count too', () => {
    expect(decode('seed=1&fn=4&focus=fake:3').state.focus).toEqual({ side: 'fake', index: 3 });
    const { state, warnings } = decode('seed=1&fn=4&focus=fake:4');
    expect(state.focus).toBeNull();
    expect(warnings[0]).toMatch(/^focus: fake sample 4 does not exist/);
  });

  test('focus on data that fell back is checked against the fallback', () => {
    const { state } = decode('r=1,2,3,4,x&focus=real:3');
    expect(state.focus).toBeNull();
  });

  test('unknown and repeated keys', () => {
    const { state, warnings } = decode('zoom=2&rel=paired&rel=none');
    expect(state.relativism).toBe('paired');
    expect(warnings).toEqual(['Unknown parameter “zoom” ignored.', 'rel: given 2 times; using the first.']);
  });
});

describe('decodeState: hostile links', () => {
  test(`a query over ${MAX_QUERY_LENGTH} characters is refused at once`, () => {
    const q = 'r=' + '1,'.repeat(150_000) + '1';
    expect(q.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    const t0 = performance.now();
    const { state, warnings } = decode(q);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(state).toEqual(DEFAULT_STATE);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/too long \(300,003 characters; at most 200,000\); using the defaults/);
  });

  test('20,000 values in r fall back to the default data', () => {
    const q = 'r=' + Array.from({ length: 20_000 }, (_, k) => k % 10).join(',');
    expect(q.length).toBeLessThan(MAX_QUERY_LENGTH);
    const { state, warnings } = decode(q);
    expect(state.data).toEqual(DEFAULT_STATE.data);
    expect(warnings[0]).toMatch(/^r: more than 10,000 values; a link can carry at most 10,000 per side/);
  });

  test('10,001 values separated by spaces are refused as well', () => {
    const q = 'f=' + Array.from({ length: MAX_URL_VALUES + 1 }, () => '1').join('+');
    const { state, warnings } = decode(q);
    expect(state.data).toEqual(DEFAULT_STATE.data);
    expect(warnings[0]).toMatch(/^f: 10,001 values; a link can carry at most 10,000/);
  });

  test('markup in values or names is only quoted, briefly', () => {
    const script = encodeURIComponent('<script>alert(document.cookie)</script>');
    const { state, warnings } = decode(`r=${script}&rel=${script}&${script}=1&preset=${script}&focus=${script}&hide=${script}`);
    expect(state).toEqual(DEFAULT_STATE);
    expect(warnings.length).toBeGreaterThanOrEqual(6);
    for (const w of warnings) for (const n of quotedLengths(w)) expect(n, w).toBeLessThanOrEqual(24);
    expect(warnings.join('\n')).not.toContain('</script>');
  });

  test('long values are quoted in at most 24 characters', () => {
    const long = 'y'.repeat(500);
    const { warnings } = decode(`rel=${long}&theme=${long}&${long}=1&step=${long}&seed=${long}&rm=${long}&preset=${long}&focus=${long}&hide=${long}&r=1,${long}`);
    expect(warnings.length).toBeGreaterThanOrEqual(10);
    for (const w of warnings) {
      for (const n of quotedLengths(w)) expect(n, w).toBeLessThanOrEqual(24);
      expect(w.includes('y'.repeat(25)), w).toBe(false);
    }
  });

  test('__proto__, constructor and friends do nothing', () => {
    const { state, warnings } = decode('__proto__=1&constructor=2&__proto__[polluted]=3&toString=4&hasOwnProperty=x&prototype=y');
    expect(state).toEqual(DEFAULT_STATE);
    expect(warnings).toHaveLength(6);
    for (const w of warnings) expect(w).toMatch(/^Unknown parameter “.*” ignored\.$/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString).toBe(Object.prototype.toString);
    expect(typeof ({}).hasOwnProperty).toBe('function');
  });

  test('many bad keys give a bounded list of warnings', () => {
    const q = Array.from({ length: 5000 }, (_, k) => `k${k}=1`).join('&');
    const { warnings } = decode(q);
    expect(warnings.length).toBe(13);
    expect(warnings[12]).toBe('…and 4,988 more problems with this link.');
  });

  test('broken percent-escapes and odd input do not throw', () => {
    for (const q of ['r=%E0%A4%A', '%', '&&&', '=1', 'r', 'focus=real:99999999', 'step=1e999', 'seed=0x10']) {
      expect(() => decode(q)).not.toThrow();
    }
    expect(() => decodeState(undefined as unknown as string)).not.toThrow();
    expect(decode('r').state.data).toEqual(DEFAULT_STATE.data);
  });

  test('every part name can be hidden, and duplicates are harmless', () => {
    const { state, warnings } = decode('hide=table,table,,formulas,controls');
    expect(warnings).toEqual([]);
    expect(state.embed).toEqual(Object.fromEntries(EMBED_PARTS.map((p) => [p, false])));
  });
});
