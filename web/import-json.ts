// The JSON importer: either an object of two arrays ({"real": [...],
// "fake": [...]}) or an array of records ([{"side": "real", "score": 1.2}]).
// Apart from the CSV importer because JSON has its own checks: a count of
// objects and arrays before JSON.parse, and numbers that must not be strings.
import {
  FAKE_COLUMNS, REAL_COLUMNS, SCORE_FIELDS, SIDE_FIELDS, SIDE_HELP, SIDE_WORDS, Sides, fail, grouping,
  type ImportResult,
} from './import-shared';
import { jsonSyntaxMessage } from './json-syntax';
import { MAX_VALUES, quote } from './parse';

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'string') return `the string ${quote(x)}`;
  if (typeof x === 'boolean') return String(x);
  if (typeof x === 'number') return `the number ${x}`;
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  return typeof x;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// Score data needs one object per record at most; millions of tiny objects
// or arrays would keep JSON.parse busy for seconds, so they are counted first.
const MAX_JSON_CONTAINERS = 500_000;

function tooManyContainers(s: string): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < s.length; i++) {
        const d = s.charCodeAt(i);
        if (d === 0x5c) i++; // the escaped character cannot end the string
        else if (d === 0x22) break;
      }
    } else if ((c === 0x5b || c === 0x7b) && ++n > MAX_JSON_CONTAINERS) return true;
  }
  return false;
}

/** Scores from JSON text; `trimmed` is `text` without its surrounding white space. */
export function fromJSON(text: string, trimmed: string): ImportResult {
  if (tooManyContainers(trimmed)) {
    return fail(`The JSON has more than ${grouping.format(MAX_JSON_CONTAINERS)} objects and arrays; score data of at most ${grouping.format(MAX_VALUES)} a side needs far fewer.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    return fail(jsonSyntaxMessage(text, text.length - text.trimStart().length, trimmed));
  }
  return Array.isArray(data) ? fromRecords(data) : fromColumns(data as Record<string, unknown>);
}

function findKey(keys: string[], names: string[], what: string): { key: string | null; error: string | null } {
  const found = keys.filter((k) => names.includes(k.toLowerCase()));
  if (found.length > 1) {
    return { key: null, error: `${what} has more than one of ${found.map(quote).join(' and ')}; keep one.` };
  }
  return { key: found[0] ?? null, error: null };
}

function fromColumns(data: Record<string, unknown>): ImportResult {
  const keys = Object.keys(data);
  const sides = new Sides();
  for (const [side, names] of [['real', REAL_COLUMNS], ['fake', FAKE_COLUMNS]] as const) {
    const { key, error } = findKey(keys, [...names], 'The JSON object');
    if (error !== null) return fail(error);
    if (key === null) {
      return fail(`The JSON object needs a “${side}” key (or “${side}_scores”) holding an array of numbers.`);
    }
    const list = data[key];
    if (!Array.isArray(list)) return fail(`“${key}” is ${describe(list)}; it must be an array of numbers.`);
    if (list.length > MAX_VALUES) {
      return fail(`“${key}” has ${grouping.format(list.length)} values; at most ${grouping.format(MAX_VALUES)} are allowed.`);
    }
    for (let k = 0; k < list.length; k++) {
      const x: unknown = list[k];
      const problem = jsonNumberProblem(x);
      if (problem !== null) return fail(`${key}[${k}] ${problem}`);
      sides.add(side, x as number, key);
    }
  }
  return sides.finish('json');
}

function jsonNumberProblem(x: unknown): string | null {
  if (typeof x !== 'number') {
    return typeof x === 'string'
      ? `is ${describe(x)}; in JSON a score must be a number, without quotes.`
      : `is ${describe(x)}, not a number.`;
  }
  // JSON has no NaN or Infinity literals; 1e999 parses to Infinity.
  return Number.isFinite(x) ? null : 'is too large (it overflows a double).';
}

function fromRecords(items: unknown[]): ImportResult {
  if (items.length === 0) return fail('The JSON array is empty: it has no scores.');
  const sides = new Sides();
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    const where = `Item [${k}]`;
    if (!isRecord(item)) return fail(`${where} is ${describe(item)}, not an object with a side and a score.`);
    const keys = Object.keys(item);
    const sideKey = findKey(keys, SIDE_FIELDS, where);
    if (sideKey.error !== null) return fail(sideKey.error);
    if (sideKey.key === null) return fail(`${where} has no side field (side, label, type or class).`);
    const scoreKey = findKey(keys, SCORE_FIELDS, where);
    if (scoreKey.error !== null) return fail(scoreKey.error);
    if (scoreKey.key === null) return fail(`${where} has no score field (score, value, logit or output).`);

    const label = item[sideKey.key];
    const side = typeof label === 'string' ? SIDE_WORDS.get(label.trim().toLowerCase())
      : label === 1 ? 'real' : label === 0 ? 'fake' : undefined;
    if (side === undefined) {
      const shown = typeof label === 'string' ? quote(label) : typeof label === 'number' ? String(label) : describe(label);
      return fail(`${where}: the side ${shown} is not one of ${SIDE_HELP}.`);
    }
    const score = item[scoreKey.key];
    const problem = jsonNumberProblem(score);
    if (problem !== null) return fail(`${where}: the score ${problem}`);
    const full = sides.add(side, score as number, where);
    if (full !== null) return fail(full);
  }
  return sides.finish('json');
}
