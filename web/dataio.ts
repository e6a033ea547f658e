// Bring-your-own scores (JSON, CSV/TSV, plain text) and export of the
// results: pure functions, no DOM. Messages say what is wrong and where, and
// quote at most 24 characters of the input.
import { MAX_VALUES, parseScores } from './parse';

/** Longest text importScores reads (50 MB of text, counted in UTF-16 units). */
export const MAX_IMPORT_CHARS = 50 * 1024 * 1024;

export type ImportFormat = 'json' | 'csv' | 'text';
export type ImportResult =
  | { ok: true; real: Float64Array; fake: Float64Array; format: ImportFormat }
  | { ok: false; message: string };

type Side = 'real' | 'fake';

const REAL_COLUMNS = ['real', 'real_scores'];
const FAKE_COLUMNS = ['fake', 'fake_scores'];
const SIDE_FIELDS = ['side', 'label', 'type', 'class'];
const SCORE_FIELDS = ['score', 'value', 'logit', 'output'];
// A Map, not an object literal: "__proto__" or "constructor" must not match.
const SIDE_WORDS = new Map<string, Side>([
  ['real', 'real'], ['r', 'real'], ['1', 'real'],
  ['fake', 'fake'], ['f', 'fake'], ['generated', 'fake'], ['0', 'fake'],
]);
const SIDE_HELP = 'real, r, 1 (real) or fake, f, generated, 0 (fake)';
// Wide rows are scores, so a row this wide is a mistake, not data.
const MAX_COLUMNS = 1000;

// As in parse.ts: plain decimals only, no hex, no "Infinity", no "NaN".
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf(?:inity)?|nan)$/i;

const grouping = new Intl.NumberFormat('en-GB');

function quote(token: string): string {
  const chars = Array.from(token);
  const shown = chars.length > 24 ? chars.slice(0, 23).join('') + '…' : token;
  return `“${shown}”`;
}

const fail = (message: string): ImportResult => ({ ok: false, message });

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

// Gathers both sides; add() gives null while under the limit, else the message.
class Sides {
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

// ---- JSON ---------------------------------------------------------------

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

function fromJSON(text: string, trimmed: string): ImportResult {
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

// Engines word syntax errors differently and may quote the input at any
// length, so the message is built from our own scan for the first bad offset.
function jsonSyntaxMessage(text: string, offset: number, trimmed: string): string {
  const at = syntaxErrorAt(trimmed);
  if (at < 0) return 'The file is not valid JSON.';
  if (at >= trimmed.length) return 'The file is not valid JSON: it ends too early (a bracket or quote is not closed).';
  const position = at + offset;
  const before = text.slice(0, position);
  const line = 1 + (before.match(/\r\n?|\n/g)?.length ?? 0); // as Lines counts them
  const column = position - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `The file is not valid JSON: the problem is at line ${line}, column ${column}.`;
}

const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);
const JSON_ATOM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset of the first JSON syntax error in s, or -1 if there is none. Iterative: depth costs no stack. */
function syntaxErrorAt(s: string): number {
  let i = 0;
  const closers: string[] = [];
  const skip = (): void => {
    while (JSON_SPACE.has(s[i]!)) i++;
  };
  const string = (): boolean => {
    if (s[i] !== '"') return false;
    for (i++; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        i++;
        if (s[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (!'"\\/bfnrt'.includes(s[i] ?? 'x')) return false;
      }
    }
    return false;
  };
  const key = (): boolean => {
    skip();
    if (!string()) return false;
    skip();
    if (s[i] !== ':') return false;
    i++;
    return true;
  };
  for (;;) {
    skip();
    if (s[i] === '{' || s[i] === '[') {
      const closer = s[i] === '{' ? '}' : ']';
      i++;
      skip();
      if (s[i] === closer) i++;
      else {
        closers.push(closer);
        if (closer === '}' && !key()) return i;
        continue;
      }
    } else if (s[i] === '"') {
      if (!string()) return i;
    } else {
      JSON_ATOM.lastIndex = i;
      if (!JSON_ATOM.test(s)) return i;
      i = JSON_ATOM.lastIndex;
    }
    for (;;) {
      skip();
      const closer = closers[closers.length - 1];
      if (closer === undefined) return i < s.length ? i : -1;
      if (s[i] === closer) {
        i++;
        closers.pop();
      } else if (s[i] === ',') {
        i++;
        if (closer === '}' && !key()) return i;
        break;
      } else return i;
    }
  }
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

// ---- lines ---------------------------------------------------------------

// A cursor over the lines, allocation-free until a line's text is asked for:
// a 50 MB file of blank lines must not cost millions of strings. Lines end
// in \n, \r\n or a lone \r (old Mac files), mixed as they come.
class Lines {
  number = 0;
  start = 0;
  end = 0;
  private next = 0;
  // Next \n and \r at or after `start`: -1 none left, -2 not searched yet.
  private lf = -2;
  private cr = -2;

  constructor(private readonly source: string) {}

  advance(): boolean {
    const length = this.source.length;
    if (this.next > length) return false;
    this.start = this.next;
    if (this.lf !== -1 && this.lf < this.start) this.lf = this.source.indexOf('\n', this.start);
    if (this.cr !== -1 && this.cr < this.start) this.cr = this.source.indexOf('\r', this.start);
    const lf = this.lf < 0 ? length : this.lf;
    const cr = this.cr < 0 ? length : this.cr;
    if (cr < lf) {
      this.end = cr;
      this.next = cr + 1 === lf ? lf + 1 : cr + 1;
    } else {
      this.end = lf;
      this.next = lf + 1;
    }
    this.number++;
    return true;
  }

  get text(): string {
    return this.source.slice(this.start, this.end);
  }

  /** Only spaces, tabs and the like. */
  blank(): boolean {
    for (let k = this.start; k < this.end; k++) if (!isSpace(this.source.charCodeAt(k))) return false;
    return true;
  }

  /** Blank, or just "---": the break between the two plain-text blocks. */
  separator(): boolean {
    let a = this.start;
    let b = this.end;
    while (a < b && isSpace(this.source.charCodeAt(a))) a++;
    while (b > a && isSpace(this.source.charCodeAt(b - 1))) b--;
    return b === a || (b - a === 3 && this.source.startsWith('---', a));
  }
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;

// ---- CSV / TSV -------------------------------------------------------------

type Cells = { cells: string[] } | { error: string };

/** Cells of one row, trimmed; "quoted" cells may hold the delimiter and "" for a quote. */
function splitRow(line: string, delimiter: string): Cells {
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

const isNumberCell = (raw: string, delimiter: string): boolean => 'value' in parseCell(raw, delimiter);

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

function fromCSV(text: string, delimiter: string): ImportResult {
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

// ---- plain text --------------------------------------------------------------

// Counts tokens only up to the limit, so a huge block is refused before
// parseScores splits it into millions of strings.
function tooManyTokens(block: string): boolean {
  const token = /[^\s,]+/g;
  let n = 0;
  while (token.exec(block) !== null) if (++n > MAX_VALUES) return true;
  return false;
}

function fromText(text: string): ImportResult {
  const help = 'Plain text needs exactly two blocks of numbers, real scores then fake scores, separated by a blank line or a line with just ---';
  const blocks: { start: number; end: number }[] = [];
  let open = false;
  const line = new Lines(text);
  while (line.advance()) {
    if (line.separator()) {
      open = false;
    } else if (open) {
      blocks[blocks.length - 1]!.end = line.end;
    } else if (blocks.length === 2) {
      return fail(`${help}. This text has a third block, starting on line ${line.number}.`);
    } else {
      blocks.push({ start: line.start, end: line.end });
      open = true;
    }
  }
  if (blocks.length < 2) return fail(`${help}. This text has ${blocks.length === 0 ? 'none' : 'one block'}.`);
  const parsed: Float64Array[] = [];
  for (const [k, label] of [[0, 'Real scores'], [1, 'Fake scores']] as const) {
    const { start, end } = blocks[k]!;
    const block = text.slice(start, end);
    if (tooManyTokens(block)) {
      return fail(`${label}: more than ${grouping.format(MAX_VALUES)} values; at most ${grouping.format(MAX_VALUES)} are allowed.`);
    }
    const result = parseScores(block, label);
    if (!result.ok) return fail(result.message);
    parsed.push(result.values);
  }
  return { ok: true, real: parsed[0]!, fake: parsed[1]!, format: 'text' };
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
