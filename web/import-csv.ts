// The delimited-text importer: CSV, TSV or semicolon-separated rows, either
// wide (a real and a fake column) or long (a side column and a score
// column), with or without a header. splitRow and isNumberCell are also
// what dataio.ts uses to tell a CSV file from plain text.
import {
  FAKE_COLUMNS, REAL_COLUMNS, SCORE_FIELDS, SIDE_FIELDS, SIDE_HELP, SIDE_WORDS, Sides, fail,
  type ImportResult,
} from './import-shared';
import { Lines } from './lines';
import { quote } from './parse';

// Wide rows are scores, so a row this wide is a mistake, not data.
const MAX_COLUMNS = 1000;

// As in parse.ts: plain decimals only, no hex, no "Infinity", no "NaN".
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf(?:inity)?|nan)$/i;

export type Cells = { cells: string[] } | { error: string };

/** Cells of one row, trimmed; "quoted" cells may hold the delimiter and "" for a quote. */
export function splitRow(line: string, delimiter: string): Cells {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (cells.length === MAX_COLUMNS) return { error: `more than ${MAX_COLUMNS} columns` };
    let j = i;
    while (line[j] === ' ') j++;
    if (line[j] !== '"') {
      const d = line.indexOf(delimiter, i);
      if (d < 0) {
        cells.push(line.slice(i).trim());
        return { cells };
      }
      cells.push(line.slice(i, d).trim());
      i = d + 1;
      continue;
    }
    let value = '';
    j++;
    for (;;) {
      const q = line.indexOf('"', j);
      if (q < 0) return { error: `cell ${cells.length + 1} opens a quote that is never closed` };
      value += line.slice(j, q);
      if (line[q + 1] === '"') {
        value += '"';
        j = q + 2;
      } else {
        j = q + 1;
        break;
      }
    }
    while (line[j] === ' ') j++;
    cells.push(value.trim());
    if (j >= line.length) return { cells };
    if (line[j] !== delimiter) return { error: `cell ${cells.length} has text after its closing quote` };
    i = j + 1;
  }
}

type Cell = { value: number } | { problem: string };

function parseCell(raw: string, delimiter: string): Cell {
  let s = raw.replace(/\u2212/g, '-');
  // With ; or tab between cells a comma can only be a decimal comma (1,5).
  if (delimiter !== ',' && /^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!NUMBER.test(s)) {
    return { problem: `${quote(raw)} is ${NON_FINITE.test(s) ? 'not a finite number' : 'not a number'}` };
  }
  const value = Number(s);
  return Number.isFinite(value) ? { value } : { problem: `${quote(raw)} is too large (it overflows a double)` };
}

export const isNumberCell = (raw: string, delimiter: string): boolean => 'value' in parseCell(raw, delimiter);

type Layout =
  | { kind: 'wide'; real: number; fake: number; names: [string, string]; width: number; headerLine: number | null }
  | { kind: 'long'; side: number; score: number; width: number; headerLine: number };

function columnOf(cells: string[], names: string[], line: number): { index: number; error: string | null } {
  const found = cells.flatMap((c, k) => (names.includes(c.toLowerCase()) ? [k] : []));
  if (found.length > 1) {
    const shown = found.map((k) => quote(cells[k]!)).join(' and ');
    return { index: -1, error: `Line ${line}: the header has more than one of ${shown}; keep one.` };
  }
  return { index: found[0] ?? -1, error: null };
}

function headerLayout(cells: string[], line: number): Layout | string {
  const want = [REAL_COLUMNS, FAKE_COLUMNS, SIDE_FIELDS, SCORE_FIELDS].map((names) => columnOf(cells, names, line));
  for (const w of want) if (w.error !== null) return w.error;
  const [real, fake, side, score] = want.map((w) => w.index) as [number, number, number, number];
  const width = cells.length;
  if (real >= 0 && fake >= 0) {
    return { kind: 'wide', real, fake, names: [cells[real]!, cells[fake]!], width, headerLine: line };
  }
  if (side >= 0 && score >= 0) return { kind: 'long', side, score, width, headerLine: line };
  if (real >= 0 || fake >= 0) {
    const [has, lacks] = real >= 0 ? ['real', 'fake'] : ['fake', 'real'];
    return `Line ${line}: the header has a “${has}” column but no “${lacks}” column.`;
  }
  if (side >= 0) return `Line ${line}: the header has a side column but no score column (score, value, logit or output).`;
  if (score >= 0) return `Line ${line}: the header has a score column but no side column (side, label, type or class).`;
  return `Line ${line}: the header names no known column; use real and fake, or a side column (side, label, type or class) and a score column (score, value, logit or output).`;
}

/** Scores from delimited text, cut into cells at `delimiter`. */
export function fromCSV(text: string, delimiter: string): ImportResult {
  const sides = new Sides();
  let layout: Layout | null = null;
  const line = new Lines(text);
  while (line.advance()) {
    if (line.blank()) continue;
    const row = splitRow(line.text, delimiter);
    if ('error' in row) return fail(`Line ${line.number}: ${row.error}.`);
    const { cells } = row;
    if (layout === null) {
      if (cells.some((c) => c !== '' && !isNumberCell(c, delimiter))) {
        const found = headerLayout(cells, line.number);
        if (typeof found === 'string') return fail(found);
        layout = found;
        continue;
      }
      layout = { kind: 'wide', real: 0, fake: 1, names: ['column 1', 'column 2'], width: 2, headerLine: null };
    }
    const extra = cells.slice(layout.width).some((c) => c !== '');
    if (extra) {
      return fail(layout.headerLine === null
        ? `Line ${line.number}: ${cells.length} columns; without a header a file needs exactly two, real then fake.`
        : `Line ${line.number}: ${cells.length} cells, but the header on line ${layout.headerLine} has ${layout.width} columns.`);
    }
    const problem = layout.kind === 'wide'
      ? wideRow(sides, layout, cells, delimiter, line.number)
      : longRow(sides, layout, cells, delimiter, line.number);
    if (problem !== null) return fail(problem);
  }
  return sides.finish('csv');
}

function wideRow(sides: Sides, layout: Layout & { kind: 'wide' }, cells: string[], delimiter: string, line: number): string | null {
  for (const [k, side] of [[0, 'real'], [1, 'fake']] as const) {
    const raw = cells[k === 0 ? layout.real : layout.fake] ?? '';
    if (raw === '') continue; // either column may be the shorter
    const name = layout.headerLine === null ? layout.names[k] : `column ${quote(layout.names[k])}`;
    const cell = parseCell(raw, delimiter);
    if ('problem' in cell) return `Line ${line}, ${name}: ${cell.problem}.`;
    const full = sides.add(side, cell.value, `Line ${line}`);
    if (full !== null) return full;
  }
  return null;
}

function longRow(sides: Sides, layout: Layout & { kind: 'long' }, cells: string[], delimiter: string, line: number): string | null {
  const label = cells[layout.side] ?? '';
  const raw = cells[layout.score] ?? '';
  if (label === '' && raw === '') return null;
  if (label === '') return `Line ${line}: the side is blank.`;
  const side = SIDE_WORDS.get(label.toLowerCase());
  if (side === undefined) return `Line ${line}: the side ${quote(label)} is not one of ${SIDE_HELP}.`;
  if (raw === '') return `Line ${line}: the score is blank.`;
  const cell = parseCell(raw, delimiter);
  if ('problem' in cell) return `Line ${line}: the score ${cell.problem}.`;
  return sides.add(side, cell.value, `Line ${line}`);
}
