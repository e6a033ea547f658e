// What the importers share: the result types, the column and field names
// that say which side a score is on, and Sides, which gathers both sides
// under the per-side limit. Kept apart from dataio.ts so the importers need
// not import the module that imports them.
import { MAX_VALUES } from './parse';

export type ImportFormat = 'json' | 'csv' | 'text';
export type ImportResult =
  | { ok: true; real: Float64Array; fake: Float64Array; format: ImportFormat }
  | { ok: false; message: string };

export type Side = 'real' | 'fake';

export const REAL_COLUMNS = ['real', 'real_scores'];
export const FAKE_COLUMNS = ['fake', 'fake_scores'];
export const SIDE_FIELDS = ['side', 'label', 'type', 'class'];
export const SCORE_FIELDS = ['score', 'value', 'logit', 'output'];
// A Map, not an object literal: "__proto__" or "constructor" must not match.
export const SIDE_WORDS = new Map<string, Side>([
  ['real', 'real'], ['r', 'real'], ['1', 'real'],
  ['fake', 'fake'], ['f', 'fake'], ['generated', 'fake'], ['0', 'fake'],
]);
export const SIDE_HELP = 'real, r, 1 (real) or fake, f, generated, 0 (fake)';

export const grouping = new Intl.NumberFormat('en-GB');

export const fail = (message: string): ImportResult => ({ ok: false, message });

// Gathers both sides; add() gives null while under the limit, else the message.
export class Sides {
  readonly real: number[] = [];
  readonly fake: number[] = [];

  add(side: Side, x: number, where: string): string | null {
    const list = this[side];
    if (list.length === MAX_VALUES) {
      return `${where}: more than ${grouping.format(MAX_VALUES)} ${side} scores; at most ${grouping.format(MAX_VALUES)} per side are allowed.`;
    }
    list.push(x);
    return null;
  }

  finish(format: ImportFormat): ImportResult {
    for (const side of ['real', 'fake'] as const) {
      if (this[side].length === 0) return fail(`The data has no ${side} scores; each side needs at least one.`);
    }
    return { ok: true, real: Float64Array.from(this.real), fake: Float64Array.from(this.fake), format };
  }
}
