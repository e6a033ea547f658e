// The whole playground state as a URL query, so a link reproduces the view.
// Parsing never throws: a bad or hostile value falls back to its default
// with a warning, and every size is bounded before any work is done on it.
import { parseScores, quote } from './parse';
import { PRESETS } from './presets';
import { DISTRIBUTIONS, MAX_COUNT, MAX_MEAN, MAX_SPREAD, type Distribution, type SideSpec } from './random';

export type Relativism = 'average' | 'centered' | 'paired' | 'all-pairs' | 'none';
export type LossKind = 'logistic' | 'least-squares' | 'hinge';
export type Normalization = 'pooled' | 'half-sum' | 'sum';
export type Theme = 'system' | 'light' | 'dark';
export type Side = 'real' | 'fake';
export type EmbedPart = 'controls' | 'formulas' | 'table';

export interface RandomState { seed: number; real: SideSpec; fake: SideSpec }

export interface AppState {
  data: { kind: 'values'; real: number[]; fake: number[] } | { kind: 'random'; random: RandomState };
  relativism: Relativism;
  loss: LossKind;
  normalization: Normalization;
  /** Show the deep-ml reference side by side. */
  seedMode: boolean;
  /** Step-by-step stage, 0 (off) to MAX_STEP. */
  step: number;
  theme: Theme;
  /** true = shown; an embed hides parts with `hide=`. */
  embed: Record<EmbedPart, boolean>;
  /** Highlighted sample, 0-based. */
  focus: { side: Side; index: number } | null;
  /** Id of the preset last applied, if nothing changed since. */
  preset: string | null;
}

export const RELATIVISMS: readonly Relativism[] = ['average', 'centered', 'paired', 'all-pairs', 'none'];
export const LOSS_KINDS: readonly LossKind[] = ['logistic', 'least-squares', 'hinge'];
export const NORMALIZATIONS: readonly Normalization[] = ['pooled', 'half-sum', 'sum'];
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
export const EMBED_PARTS: readonly EmbedPart[] = ['controls', 'formulas', 'table'];
export const MAX_STEP = 5;
/** Longest query decodeState reads. */
export const MAX_QUERY_LENGTH = 200_000;
/** Most values per side in `r`/`f`; more must travel as the random form. */
export const MAX_URL_VALUES = 10_000;
/** Seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;
// One bad link should not bury the page in messages.
const MAX_WARNINGS = 12;

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

// Frozen: encodeState compares against it, so a stray mutation would
// silently change what every link means.
export const DEFAULT_STATE: AppState = deepFreeze<AppState>({
  data: { kind: 'values', real: [2, 1.5, 1.8], fake: [0.5, 0.3, 0.1] },
  relativism: 'average',
  loss: 'logistic',
  normalization: 'pooled',
  seedMode: false,
  step: 0,
  theme: 'system',
  embed: { controls: true, formulas: true, table: true },
  focus: null,
  preset: null,
});

/** Starting point when the user switches to random data; `rd`… keys equal to it are omitted. */
export const DEFAULT_RANDOM: RandomState = deepFreeze<RandomState>({
  seed: 1,
  real: { distribution: 'normal', count: 100, mean: 1, spread: 1 },
  fake: { distribution: 'normal', count: 100, mean: -1, spread: 1 },
});

// Keeps -0 distinct, so decoding gives back the very same doubles.
const num = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, k) => Object.is(x, b[k]));

const SPEC_KEYS = { distribution: 'd', count: 'n', mean: 'm', spread: 's' } as const;

/**
 * The query string (without "?") that decodeState turns back into `s`;
 * defaults are left out, so the default state is ''. Data with more than
 * MAX_URL_VALUES per side is written but will not decode: share it as the
 * random form or a file instead.
 */
export function encodeState(s: AppState): string {
  const q = new URLSearchParams();
  if (s.data.kind === 'values') {
    const def = DEFAULT_STATE.data as { real: number[]; fake: number[] };
    if (!sameNumbers(s.data.real, def.real)) q.set('r', s.data.real.map(num).join(','));
    if (!sameNumbers(s.data.fake, def.fake)) q.set('f', s.data.fake.map(num).join(','));
  } else {
    const { seed, real, fake } = s.data.random;
    q.set('seed', String(seed)); // always: its presence selects the random form
    for (const [prefix, spec, def] of [['r', real, DEFAULT_RANDOM.real], ['f', fake, DEFAULT_RANDOM.fake]] as const) {
      if (spec.distribution !== def.distribution) q.set(prefix + 'd', spec.distribution);
      if (spec.count !== def.count) q.set(prefix + 'n', String(spec.count));
      if (!Object.is(spec.mean, def.mean)) q.set(prefix + 'm', num(spec.mean));
      if (!Object.is(spec.spread, def.spread)) q.set(prefix + 's', num(spec.spread));
    }
  }
  if (s.relativism !== DEFAULT_STATE.relativism) q.set('rel', s.relativism);
  if (s.loss !== DEFAULT_STATE.loss) q.set('loss', s.loss);
  if (s.normalization !== DEFAULT_STATE.normalization) q.set('norm', s.normalization);
  if (s.seedMode) q.set('seedmode', '1');
  if (s.step !== DEFAULT_STATE.step) q.set('step', String(s.step));
  if (s.theme !== DEFAULT_STATE.theme) q.set('theme', s.theme);
  const hidden = EMBED_PARTS.filter((part) => !s.embed[part]);
  if (hidden.length > 0) q.set('hide', hidden.join(','));
  if (s.focus !== null) q.set('focus', `${s.focus.side}:${s.focus.index}`);
  if (s.preset !== null) q.set('preset', s.preset);
  // "," and ":" are legal in a query and URLSearchParams reads them back
  // as themselves; unescaped, a shared link stays readable.
  return q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}

const KNOWN_KEYS = new Set([
  'r', 'f', 'seed', 'rd', 'rn', 'rm', 'rs', 'fd', 'fn', 'fm', 'fs',
  'rel', 'loss', 'norm', 'seedmode', 'step', 'theme', 'hide', 'focus', 'preset',
]);
const RANDOM_KEYS = ['seed', 'rd', 'rn', 'rm', 'rs', 'fd', 'fn', 'fm', 'fs'];
// As in parse.ts: a plain decimal, nothing an engine would read more loosely.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const grouping = new Intl.NumberFormat('en-GB');

class Warnings {
  readonly list: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(message);
    else this.dropped++;
  }

  done(): string[] {
    if (this.dropped > 0) this.list.push(`…and ${grouping.format(this.dropped)} more problems with this link.`);
    return this.list;
  }
}

function oneOf<T extends string>(key: string, raw: string | null, options: readonly T[], fallback: T, w: Warnings): T {
  if (raw === null) return fallback;
  if ((options as readonly string[]).includes(raw)) return raw as T;
  w.add(`${key}: ${quote(raw)} is not one of ${options.join(', ')}; using ${fallback}.`);
  return fallback;
}

interface NumberRule { min: number; max: number; integer: boolean }

function numberParam(key: string, raw: string | null, rule: NumberRule, fallback: number, w: Warnings): number {
  if (raw === null) return fallback;
  const text = raw.trim().replace(/\u2212/g, '-');
  const x = NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(x)) {
    w.add(`${key}: ${quote(raw)} is not a ${rule.integer ? 'whole ' : ''}number; using ${num(fallback)}.`);
    return fallback;
  }
  let y = rule.integer ? Math.round(x) : x;
  if (y !== x) w.add(`${key}: ${quote(raw)} is not a whole number; using ${num(y)}.`);
  if (y < rule.min || y > rule.max) {
    const clamped = Math.min(rule.max, Math.max(rule.min, y));
    w.add(`${key}: ${quote(raw)} is outside ${num(rule.min)} to ${num(rule.max)}; using ${num(clamped)}.`);
    y = clamped;
  }
  return y;
}

const COUNT: NumberRule = { min: 1, max: MAX_COUNT, integer: true };
const MEAN: NumberRule = { min: -MAX_MEAN, max: MAX_MEAN, integer: false };
const SPREAD: NumberRule = { min: 0, max: MAX_SPREAD, integer: false };
const SEED: NumberRule = { min: 0, max: MAX_SEED, integer: true };
const STEP: NumberRule = { min: 0, max: MAX_STEP, integer: true };

function valuesParam(key: string, raw: string, w: Warnings): number[] | null {
  // Counted before parsing, so a huge list costs one scan and no allocation.
  let commas = 0;
  for (let k = raw.indexOf(','); k >= 0 && commas < MAX_URL_VALUES; k = raw.indexOf(',', k + 1)) commas++;
  if (commas >= MAX_URL_VALUES) {
    w.add(`${key}: more than ${grouping.format(MAX_URL_VALUES)} values; a link can carry at most ${grouping.format(MAX_URL_VALUES)} per side (use the random form or import a file).`);
    return null;
  }
  const parsed = parseScores(raw, key);
  if (!parsed.ok) {
    w.add(parsed.message);
    return null;
  }
  if (parsed.values.length > MAX_URL_VALUES) {
    w.add(`${key}: ${grouping.format(parsed.values.length)} values; a link can carry at most ${grouping.format(MAX_URL_VALUES)} per side.`);
    return null;
  }
  return Array.from(parsed.values);
}

type Getter = (key: string) => string | null;

function decodeData(get: Getter, present: (key: string) => boolean, w: Warnings): AppState['data'] {
  const def = DEFAULT_STATE.data as { real: number[]; fake: number[] };
  if (RANDOM_KEYS.some(present)) {
    if (present('r') || present('f')) w.add('r and f are ignored: the link also has the random form (seed, rd, …).');
    if (!present('seed')) w.add(`seed: missing from the random form; using ${DEFAULT_RANDOM.seed}.`);
    const side = (prefix: 'r' | 'f', d: SideSpec): SideSpec => ({
      distribution: oneOf<Distribution>(prefix + 'd', get(prefix + 'd'), DISTRIBUTIONS, d.distribution, w),
      count: numberParam(prefix + 'n', get(prefix + 'n'), COUNT, d.count, w),
      mean: numberParam(prefix + 'm', get(prefix + 'm'), MEAN, d.mean, w),
      spread: numberParam(prefix + 's', get(prefix + 's'), SPREAD, d.spread, w),
    });
    return {
      kind: 'random',
      random: {
        seed: numberParam('seed', get('seed'), SEED, DEFAULT_RANDOM.seed, w),
        real: side('r', DEFAULT_RANDOM.real),
        fake: side('f', DEFAULT_RANDOM.fake),
      },
    };
  }
  const r = get('r');
  const f = get('f');
  const real = r === null ? [...def.real] : valuesParam('r', r, w);
  const fake = f === null ? [...def.fake] : valuesParam('f', f, w);
  if (real === null || fake === null) {
    w.add('Using the default scores for both sides.');
    return { kind: 'values', real: [...def.real], fake: [...def.fake] };
  }
  return { kind: 'values', real, fake };
}

function sideCount(data: AppState['data'], side: Side): number {
  if (data.kind === 'values') return data[side].length;
  return data.random[side].count;
}

function decodeFocus(raw: string | null, data: AppState['data'], w: Warnings): AppState['focus'] {
  if (raw === null) return null;
  const m = /^(real|fake):(\d{1,7})$/.exec(raw.trim());
  if (m === null) {
    w.add(`focus: ${quote(raw)} is not of the form real:3 or fake:0; nothing is highlighted.`);
    return null;
  }
  const side = m[1] as Side;
  const index = Number(m[2]);
  const count = sideCount(data, side);
  if (index >= count) {
    w.add(`focus: ${side} sample ${index} does not exist (indices run from 0 to ${count - 1}); nothing is highlighted.`);
    return null;
  }
  return { side, index };
}

function decodeHide(raw: string | null, w: Warnings): AppState['embed'] {
  const embed = { controls: true, formulas: true, table: true };
  if (raw === null) return embed;
  for (const part of raw.split(',').slice(0, 16)) {
    const name = part.trim();
    if (name === '') continue;
    if ((EMBED_PARTS as readonly string[]).includes(name)) embed[name as EmbedPart] = false;
    else w.add(`hide: ${quote(name)} is not one of ${EMBED_PARTS.join(', ')}; ignored.`);
  }
  return embed;
}

function decodePreset(raw: string | null, w: Warnings): string | null {
  if (raw === null) return null;
  if (PRESETS.some((p) => p.id === raw)) return raw;
  w.add(`preset: ${quote(raw)} is not a known preset; ignored.`);
  return null;
}

// A fresh, mutable copy: callers may edit what decodeState returns.
function defaults(): AppState {
  return structuredClone(DEFAULT_STATE) as AppState;
}

/** The state a query (with or without a leading "?" or "#") describes, and what was wrong with it. */
export function decodeState(query: string): { state: AppState; warnings: string[] } {
  const w = new Warnings();
  if (typeof query !== 'string') query = '';
  if (query.length > MAX_QUERY_LENGTH) {
    w.add(`The link's settings are too long (${grouping.format(query.length)} characters; at most ${grouping.format(MAX_QUERY_LENGTH)}); using the defaults.`);
    return { state: defaults(), warnings: w.done() };
  }
  // Bad percent-escapes decode to U+FFFD rather than throwing.
  const params = new URLSearchParams(query.replace(/^[?#]/, ''));
  // Count each key once; only listed keys are ever read, so "__proto__" and
  // friends are just unknown names.
  const seen = new Map<string, number>();
  for (const key of params.keys()) seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const [key, times] of seen) {
    if (!KNOWN_KEYS.has(key)) w.add(`Unknown parameter ${quote(key)} ignored.`);
    else if (times > 1) w.add(`${key}: given ${times} times; using the first.`);
  }
  const get: Getter = (key) => params.get(key);
  const present = (key: string): boolean => seen.has(key);

  const data = decodeData(get, present, w);
  const seedRaw = get('seedmode');
  let seedMode = false;
  if (seedRaw !== null && seedRaw !== '0' && seedRaw !== '1') {
    w.add(`seedmode: ${quote(seedRaw)} is not 0 or 1; using 0.`);
  } else seedMode = seedRaw === '1';

  const state: AppState = {
    data,
    relativism: oneOf('rel', get('rel'), RELATIVISMS, DEFAULT_STATE.relativism, w),
    loss: oneOf('loss', get('loss'), LOSS_KINDS, DEFAULT_STATE.loss, w),
    normalization: oneOf('norm', get('norm'), NORMALIZATIONS, DEFAULT_STATE.normalization, w),
    seedMode,
    step: numberParam('step', get('step'), STEP, DEFAULT_STATE.step, w),
    theme: oneOf('theme', get('theme'), THEMES, DEFAULT_STATE.theme, w),
    embed: decodeHide(get('hide'), w),
    focus: decodeFocus(get('focus'), data, w),
    preset: decodePreset(get('preset'), w),
  };
  return { state, warnings: w.done() };
}
