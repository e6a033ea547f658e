// Bring-your-own scores (JSON, CSV/TSV, plain text) and export of the
// results: pure functions, no DOM. Messages say what is wrong and where, and
// quote at most 24 characters of the input. This module is the public entry:
// it tells the formats apart and hands the text to import-json.ts,
// import-csv.ts or import-text.ts, which share import-shared.ts.
import { fromCSV, isNumberCell, splitRow } from './import-csv';
import { fromJSON } from './import-json';
import { fail, type ImportResult } from './import-shared';
import { fromText } from './import-text';
import { Lines } from './lines';

export type { ImportFormat, ImportResult } from './import-shared';

/** Longest text importScores reads (50 MB of text, counted in UTF-16 units). */
export const MAX_IMPORT_CHARS = 50 * 1024 * 1024;

/** Scores for both sides, from JSON, CSV/TSV or two blocks of plain text. */
export function importScores(text: string): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return fail(`The file is too large (${mb} MB of text); at most 50 MB can be imported.`);
  }
  const trimmed = text.trim(); // also drops a byte-order mark
  if (trimmed === '') return fail('The file is empty: it has no scores.');
  if (trimmed[0] === '{' || trimmed[0] === '[') return fromJSON(text, trimmed);
  const delimiter = csvDelimiter(text);
  return delimiter === null ? fromText(text) : fromCSV(text, delimiter);
}

/**
 * CSV when the first line has a tab, semicolon or comma and either names its
 * columns or the text has no blank (or ---) line; otherwise plain text, whose
 * blocks may themselves be comma-separated.
 */
function csvDelimiter(text: string): string | null {
  let first: string | null = null;
  let separated = false;
  const line = new Lines(text.trim());
  while (line.advance()) {
    if (first === null) first = line.text;
    else if (line.separator()) {
      separated = true;
      break;
    }
  }
  if (first === null) return null;
  const delimiter = first.includes('\t') ? '\t' : first.includes(';') ? ';' : first.includes(',') ? ',' : null;
  if (delimiter === null) return null;
  const row = splitRow(first, delimiter);
  const header = 'error' in row || row.cells.some((c) => c !== '' && !isNumberCell(c, delimiter));
  return header || !separated ? delimiter : null;
}

// ---- export ----------------------------------------------------------------

export interface SampleRow {
  side: 'real' | 'fake';
  index: number; // 0-based; written from 1
  score: number;
  relative: number;
  dTerm: number;
  gTerm: number;
  dGrad: number;
  gGrad: number;
}

/**
 * One line per sample, `index` written from 1. The only text cells are "real"
 * and "fake"; every other cell is a number written by String(x), which a
 * spreadsheet reads as a number, never as a formula, and which parses back
 * to the same double.
 */
export function toCSV(rows: readonly SampleRow[]): string {
  const out = ['side,index,score,relative,d_term,g_term,d_grad,g_grad'];
  for (const r of rows) {
    const numbers = [r.index + 1, r.score, r.relative, r.dTerm, r.gTerm, r.dGrad, r.gGrad];
    // Number() too, so a stray string from untyped code cannot become a cell.
    out.push([r.side === 'real' ? 'real' : 'fake', ...numbers.map((x) => String(Number(x)))].join(','));
  }
  return out.join('\n') + '\n';
}

/** Pretty JSON in which typed arrays are plain arrays (JSON.stringify would write them as objects). */
export function toJSON(payload: object): string {
  return JSON.stringify(payload, (_key, value: unknown) =>
    ArrayBuffer.isView(value) && !(value instanceof DataView)
      ? Array.from(value as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? String(x) : x))
      : value, 2);
}
