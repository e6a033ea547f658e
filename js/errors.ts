// Argument checks and error messages shared by the wrapper's modules.

/** Critic scores (logits) for one side: real or fake samples. */
export type Scores = readonly number[] | Float64Array | Float32Array;

/** The largest score magnitude accepted (2^960 ≈ 9.7e288): larger ones could overflow a sum. */
export const MAX_ABS_SCORE = 2 ** 960;

/**
 * What every error about one score carries besides its message: which
 * argument and which index (from 0), so that an app can point at the value.
 */
export interface ScoreErrorFields {
  argument: 'real' | 'fake';
  index: number;
}

export const PREFIX = 'relativistic-critic: ';

export function scoreError<E extends Error>(make: new (message: string) => E, argument: string, index: number,
                                            message: string): E & ScoreErrorFields {
  return Object.assign(new make(`${PREFIX}${argument}[${index}] ${message}`), { argument, index }) as E & ScoreErrorFields;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > 20 ? `${value.slice(0, 20)}…` : value;
    return `the string ${JSON.stringify(text)}`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `${typeof value === 'undefined' ? '' : `a ${typeof value} `}${String(value)}`.trim();
}

export type ScoreKind = 'array' | 'f64' | 'f32';

export function scoreKind(name: string, scores: unknown): ScoreKind {
  if (Array.isArray(scores)) return 'array';
  if (scores instanceof Float64Array) return 'f64';
  if (scores instanceof Float32Array) return 'f32';
  // Typed arrays from another realm (an iframe, a worker's transfer).
  const tag = Object.prototype.toString.call(scores);
  if (tag === '[object Float64Array]') return 'f64';
  if (tag === '[object Float32Array]') return 'f32';
  throw new TypeError(
    `${PREFIX}${name} must be an array of numbers, a Float64Array or a Float32Array, got ${describe(scores)}`);
}

export function checkLength(name: string, scores: Scores): number {
  if (scores.length === 0) {
    throw new RangeError(`${PREFIX}${name} must hold at least one score, got an empty ${Array.isArray(scores) ? 'array' : 'typed array'}`);
  }
  return scores.length;
}
