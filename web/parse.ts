// Parsing of the score fields: pure functions, no DOM.

/** Most values a field accepts (the page stays responsive up to here). */
export const MAX_VALUES = 100_000;

export type ParseResult =
  | { ok: true; values: Float64Array }
  | { ok: false; message: string };

// A plain decimal number: optional sign, digits with an optional fraction
// (or a leading dot), optional exponent. No hex, no "Infinity", no "NaN".
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SEPARATORS = /[\s,]+/u;

/** The token in curly quotes, cut to 24 characters (code points) so a message stays short. */
export function quote(token: string): string {
  const chars = Array.from(token);
  const shown = chars.length > 24 ? chars.slice(0, 23).join('') + '…' : token;
  return `“${shown}”`;
}

const grouping = new Intl.NumberFormat('en-GB');

/**
 * Parses numbers separated by commas, spaces or new lines. `label` starts
 * every message ("Real scores: …"). Accepts the Unicode minus sign (U+2212).
 */
export function parseScores(text: string, label: string): ParseResult {
  const tokens = text.split(SEPARATORS).filter((t) => t.length > 0);
  if (tokens.length === 0) {
    return { ok: false, message: `${label}: enter at least one number.` };
  }
  if (tokens.length > MAX_VALUES) {
    return {
      ok: false,
      message: `${label}: ${grouping.format(tokens.length)} values is too many; at most ${grouping.format(MAX_VALUES)} are allowed.`,
    };
  }
  const values = new Float64Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    const normalised = token.replace(/\u2212/g, '-');
    const position = k + 1;
    if (!NUMBER.test(normalised)) {
      if (/^[+-]?(?:inf(?:inity)?|nan)$/i.test(normalised)) {
        return {
          ok: false,
          message: `${label}: ${quote(token)} at position ${position} is not a finite number.`,
        };
      }
      return { ok: false, message: `${label}: ${quote(token)} at position ${position} is not a number.` };
    }
    const x = Number(normalised);
    if (!Number.isFinite(x)) {
      return {
        ok: false,
        message: `${label}: ${quote(token)} at position ${position} is too large (it overflows a double).`,
      };
    }
    values[k] = x;
  }
  return { ok: true, values };
}

/** Fixed 6 decimals; exponent form for magnitudes a fixed form would hide or bloat. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1e15) return x.toExponential(6);
  if (a !== 0 && a < 5e-7) return x.toExponential(3);
  const s = x.toFixed(6);
  return s === '-0.000000' ? '0.000000' : s;
}
