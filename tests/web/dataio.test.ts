// Import of user scores in every accepted format, the error for every kind of
// bad input (what and where, never more than 24 characters of it), and the
// exact CSV/JSON export.
import { describe, expect, test } from 'vitest';
import { MAX_IMPORT_CHARS, importScores, toCSV, toJSON, type SampleRow } from '../../web/dataio';
import { MAX_VALUES } from '../../web/parse';

function ok(text: string) {
  const r = importScores(text);
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return { real: Array.from(r.real), fake: Array.from(r.fake), format: r.format, typed: r.real instanceof Float64Array && r.fake instanceof Float64Array };
}
function bad(text: string): string {
  const r = importScores(text);
  if (r.ok) throw new Error('expected an error');
  return r.message;
}
// The longest run of input quoted in a message: the text between “ and ”.
const quotedLengths = (message: string) => [...message.matchAll(/“([^”]*)”/g)].map((m) => Array.from(m[1]!).length);

describe('JSON', () => {
  test('object of two arrays', () => {
    expect(ok('{"real": [2, 1.5, 1.8], "fake": [0.5, 0.3, 0.1]}')).toEqual({ real: [2, 1.5, 1.8], fake: [0.5, 0.3, 0.1], format: 'json', typed: true });
  });

  test('keys real_scores / fake_scores in any case, extra keys ignored, whitespace and BOM allowed', () => {
    const text = '\uFEFF\n  {"model": "x", "Real_Scores": [1e3, -2.5e-3], "FAKE": [0]}\n';
    expect(ok(text)).toMatchObject({ real: [1000, -0.0025], fake: [0], format: 'json' });
  });

  test('array of records with every side and score field name', () => {
    const text = JSON.stringify([
      { side: 'real', score: 1.2 },
      { label: 1, value: 2 },
      { type: 'R', logit: -0.5 },
      { class: '1', output: 3 },
      { side: 'fake', score: 0.1 },
      { Label: 0, Score: -1 },
      { side: ' Generated ', value: 0.25 },
      { TYPE: 'f', logit: 7 },
      { class: '0', output: 0 },
      { side: 'real', score: 4, extra: 'ignored' },
    ]);
    expect(ok(text)).toEqual({ real: [1.2, 2, -0.5, 3, 4], fake: [0.1, -1, 0.25, 7, 0], format: 'json', typed: true });
  });

  const errors: [string, string, RegExp][] = [
    ['syntax error with its line and column', '{\n  "real": [1, 2],\n  "fake": [3,, 4]\n}', /not valid JSON.*line 3, column 14\./],
    ['syntax error at a trailing comma', '[1,]', /not valid JSON.*line 1, column 4/],
    ['syntax error in a CRLF file', '{\r\n"real": [1],\r\n"fake": [2,]}', /not valid JSON.*line 3, column 12\./],
    ['syntax error in an old Mac file', '{\r"real": [1],\r"fake": x}', /not valid JSON.*line 3, column 9\./],
    ['unterminated', '{"real": [1, 2', /not valid JSON.*ends too early/],
    ['missing fake key', '{"real": [1]}', /needs a “fake” key/],
    ['missing real key', '{"fake": [1]}', /needs a “real” key/],
    ['two keys for one side', '{"real": [1], "REAL_SCORES": [2], "fake": [3]}', /more than one of “real” and “REAL_SCORES”/],
    ['side not an array', '{"real": 5, "fake": [1]}', /“real” is the number 5; it must be an array/],
    ['string score in an array', '{"real": [1, "2"], "fake": [1]}', /^real\[1\] is the string “2”; in JSON a score must be a number/],
    ['null score', '{"real": [1], "fake": [0, 1, null]}', /^fake\[2\] is null, not a number/],
    ['overflowing score', '{"real": [1e999], "fake": [1]}', /^real\[0\] is too large/],
    ['empty side', '{"real": [], "fake": [1]}', /no real scores/],
    ['empty record array', '[]', /array is empty/],
    ['record not an object', '[{"side": "real", "score": 1}, 5]', /^Item \[1\] is the number 5, not an object/],
    ['record with no side', '[{"score": 1}]', /^Item \[0\] has no side field/],
    ['record with no score', '[{"side": "real", "logits": 1}]', /^Item \[0\] has no score field/],
    ['two side fields', '[{"side": "real", "label": 1, "score": 1}]', /^Item \[0\] has more than one of “side” and “label”/],
    ['unknown side word', '[{"side": "real", "score": 1}, {"side": "true", "score": 2}]', /^Item \[1\]: the side “true” is not one of real, r, 1 \(real\) or fake, f, generated, 0 \(fake\)/],
    ['label 2', '[{"label": 2, "score": 2}]', /^Item \[0\]: the side 2 is not one of/],
    ['string score in a record', '[{"side": "real", "score": "1.5"}]', /^Item \[0\]: the score is the string “1.5”/],
    ['records with only reals', '[{"side": "r", "score": 1}, {"side": "real", "score": 2}]', /no fake scores/],
  ];
  for (const [name, text, pattern] of errors) {
    test(`error: ${name}`, () => expect(bad(text)).toMatch(pattern));
  }

  test('too many values on one side', () => {
    const text = JSON.stringify({ real: new Array(MAX_VALUES + 1).fill(1), fake: [1] });
    expect(bad(text)).toMatch(/“real” has 100,001 values; at most 100,000/);
    const records = JSON.stringify(Array.from({ length: MAX_VALUES + 1 }, () => ({ side: 'fake', score: 0 })));
    expect(bad(records)).toMatch(/^Item \[100000\]: more than 100,000 fake scores/);
  });

  test('millions of nested or tiny containers are refused before parsing', () => {
    for (const text of ['['.repeat(1_000_000) + ']'.repeat(1_000_000), '[' + '{},'.repeat(600_000) + '{}]']) {
      const t0 = performance.now();
      expect(bad(text)).toMatch(/more than 500,000 objects and arrays/);
      expect(performance.now() - t0).toBeLessThan(500);
    }
    // brackets inside strings do not count
    const text = JSON.stringify({ real: [1], fake: [2], note: '['.repeat(600_000) + '\\"{' });
    expect(ok(text)).toMatchObject({ real: [1], fake: [2] });
  });

  test('exactly MAX_VALUES per side is fine', () => {
    const text = JSON.stringify({ real: new Array(MAX_VALUES).fill(1), fake: new Array(MAX_VALUES).fill(2) });
    const r = ok(text);
    expect(r.real.length).toBe(MAX_VALUES);
    expect(r.fake.length).toBe(MAX_VALUES);
  });
});

describe('CSV and TSV', () => {
  test('wide real,fake with header; shorter column skipped; CRLF', () => {
    expect(ok('real,fake\r\n2,0.5\r\n1.5,0.3\r\n1.8,\r\n,0.1\r\n')).toEqual({ real: [2, 1.5, 1.8], fake: [0.5, 0.3, 0.1], format: 'csv', typed: true });
  });

  test('old Mac line ends (lone \\r) count as lines too', () => {
    expect(ok('real,fake\r1,2\r3,4\r')).toMatchObject({ real: [1, 3], fake: [2, 4] });
    expect(bad('real,fake\r1,2\r3,x')).toMatch(/^Line 3, column “fake”/);
    expect(ok('1 2\r\r3')).toMatchObject({ real: [1, 2], fake: [3], format: 'text' });
    // a pasted mix of all three
    expect(bad('real,fake\r\n1,2\r3,4\n5,x\n')).toMatch(/^Line 4, column “fake”/);
    expect(ok('1\r\n2\r---\n3\r4')).toMatchObject({ real: [1, 2], fake: [3, 4] });
  });

  test('header in any case and order, with other columns ignored', () => {
    expect(ok('id,Fake_Scores,REAL\n1,-1,1\n2,-2,2\n')).toMatchObject({ real: [1, 2], fake: [-1, -2] });
  });

  test('tab separated with blank lines', () => {
    expect(ok('real\tfake\n\n1\t2\n\n3\t4\n')).toMatchObject({ real: [1, 3], fake: [2, 4], format: 'csv' });
  });

  test('semicolons with decimal commas, and quoted fields', () => {
    expect(ok('"real";"fake"\n"1,5";2,25\n-3;"4"\n')).toMatchObject({ real: [1.5, -3], fake: [2.25, 4] });
    expect(ok('real,fake\n"1.5", " 2 "\n"3",\n')).toMatchObject({ real: [1.5, 3], fake: [2] });
  });

  test('no header: two numeric columns are real then fake', () => {
    expect(ok('2,0.5\n1.5,0.3\n1.8,0.1')).toEqual({ real: [2, 1.5, 1.8], fake: [0.5, 0.3, 0.1], format: 'csv', typed: true });
    expect(ok('1e2;\u22122')).toMatchObject({ real: [100], fake: [-2] });
  });

  test('long format with each side and score column name', () => {
    expect(ok('side,score\nreal,1\nfake,2\nr,3\nF,4\ngenerated,5\n1,6\n0,7\n')).toMatchObject({ real: [1, 3, 6], fake: [2, 4, 5, 7] });
    expect(ok('Label;Value\n1;0.5\n0;-0.5')).toMatchObject({ real: [0.5], fake: [-0.5] });
    expect(ok('type\tlogit\nreal\t1\nfake\t2')).toMatchObject({ real: [1], fake: [2] });
    expect(ok('id,class,output\n7,real,1\n8,fake,2\n,,\n')).toMatchObject({ real: [1], fake: [2] });
  });

  const errors: [string, string, RegExp][] = [
    ['not a number, with line and column', 'real,fake\n1,2\n3,abc\n', /^Line 3, column “fake”: “abc” is not a number/],
    ['no header: column number', '1,2\n3,x\n', /^Line 2, column 2: “x” is not a number/],
    ['infinity', 'real,fake\ninf,1\n', /^Line 2, column “real”: “inf” is not a finite number/],
    ['NaN', 'real,fake\n1,NaN\n', /^Line 2, column “fake”: “NaN” is not a finite number/],
    ['overflow', 'real,fake\n1e400,1\n', /^Line 2, column “real”: “1e400” is too large/],
    ['hex', '1,2\n0x10,1', /^Line 2, column 1: “0x10” is not a number/],
    ['three columns without header', '1,2,3\n', /^Line 1: 3 columns; without a header a file needs exactly two/],
    ['extra cells', 'real,fake\n1,2\n1,2,3\n', /^Line 3: 3 cells, but the header on line 1 has 2 columns/],
    ['unknown header', 'a,b\n1,2\n', /^Line 1: the header names no known column/],
    ['real without fake', 'real,other\n1,2\n', /^Line 1: the header has a “real” column but no “fake” column/],
    ['side without score', 'side,foo\nreal,1\n', /^Line 1: the header has a side column but no score column/],
    ['score without side', 'score,foo\n1,1\n', /^Line 1: the header has a score column but no side column/],
    ['duplicate column', 'real,fake,Real\n1,2,3\n', /^Line 1: the header has more than one of “real” and “Real”/],
    ['unknown side', 'side,score\nreal,1\nmaybe,2\n', /^Line 3: the side “maybe” is not one of/],
    ['blank side', 'side,score\n,2\n', /^Line 2: the side is blank/],
    ['blank score', 'side,score\nreal,\n', /^Line 2: the score is blank/],
    ['bad long score', 'side,score\nreal,1\nfake,"1.2.3"\n', /^Line 3: the score “1.2.3” is not a number/],
    ['unclosed quote', 'real,fake\n"1,2\n', /^Line 2: cell 1 opens a quote that is never closed/],
    ['text after a quote', 'real,fake\n"1"x,2\n', /^Line 2: cell 1 has text after its closing quote/],
    ['a side empty', 'real,fake\n1,\n2,\n', /no fake scores/],
  ];
  for (const [name, text, pattern] of errors) {
    test(`error: ${name}`, () => expect(bad(text)).toMatch(pattern));
  }

  test('too many values on one side names the line', () => {
    const text = 'real,fake\n' + '1,\n'.repeat(MAX_VALUES + 1);
    expect(bad(text)).toMatch(new RegExp(`^Line ${MAX_VALUES + 2}: more than 100,000 real scores`));
  });

  test('a row of thousands of cells is refused, not split endlessly', () => {
    expect(bad('1,' + '2,'.repeat(5000))).toMatch(/^Line 1: more than 1000 columns/);
  });
});

describe('plain text', () => {
  test('two blocks separated by a blank line', () => {
    expect(ok('2, 1.5, 1.8\n\n0.5 0.3 0.1\n')).toEqual({ real: [2, 1.5, 1.8], fake: [0.5, 0.3, 0.1], format: 'text', typed: true });
  });

  test('blocks over several lines, separated by ---, with \u2212 minus', () => {
    expect(ok('1\n2\n3\n---\n\u22124\n5\n')).toMatchObject({ real: [1, 2, 3], fake: [-4, 5], format: 'text' });
    expect(ok('1 2\n  ---  \n3')).toMatchObject({ real: [1, 2], fake: [3] });
    expect(ok('1\n\n\n\n2')).toMatchObject({ real: [1], fake: [2] });
  });

  test('one block is an error that says how to separate them', () => {
    expect(bad('1 2 3')).toMatch(/two blocks.*blank line.*---.*has one block/);
    expect(bad('1\n2\n---\n')).toMatch(/has one block/);
    expect(bad('---\n---')).toMatch(/two blocks.*has none/);
  });

  test('three blocks: names the line of the third', () => {
    expect(bad('1\n\n2\n\n3')).toMatch(/exactly two blocks.*third block, starting on line 5/);
  });

  test('bad numbers are reported by side and position', () => {
    expect(bad('1 2\n\n3 abc')).toMatch(/^Fake scores: “abc” at position 2 is not a number/);
    expect(bad('1 Infinity\n\n3')).toMatch(/^Real scores: “Infinity” at position 2 is not a finite number/);
  });

  test('too many values in a block', () => {
    expect(bad('1 '.repeat(MAX_VALUES + 1) + '\n\n2')).toMatch(/^Real scores: more than 100,000 values/);
  });
});

describe('limits shared by all formats', () => {
  test('empty or blank input', () => {
    expect(bad('')).toMatch(/empty/);
    expect(bad(' \n\t\n')).toMatch(/empty/);
  });

  test('quotes at most 24 characters of input, wherever it appears', () => {
    const long = 'x'.repeat(200);
    const messages = [
      bad(`real,fake\n1,${long}\n`),
      bad(`side,score\n${long},1\n`),
      bad(`${long},real\n1,2\n`),
      bad(`{"real": ["${long}"], "fake": [1]}`),
      bad(`[{"side": "${long}", "score": 1}]`),
      bad(`1 ${long}\n\n2`),
      bad(`{"real": [1], "fake": [2], ${long}`),
      bad(`{"real": [1], "fake": [2], "${long}": 1, "${long.toUpperCase()}": [}`),
    ];
    for (const m of messages) {
      for (const n of quotedLengths(m)) expect(n, m).toBeLessThanOrEqual(24);
      expect(m.includes('x'.repeat(25)), m).toBe(false);
    }
    expect(messages[0]).toContain('…');
  });

  test('input over 50 MB is refused at once', () => {
    const huge = '1 '.repeat(MAX_IMPORT_CHARS / 2 + 1);
    expect(huge.length).toBeGreaterThan(MAX_IMPORT_CHARS);
    const t0 = performance.now();
    expect(bad(huge)).toMatch(/too large.*50 MB/);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('toCSV', () => {
  test('exact output for a small table', () => {
    const rows: SampleRow[] = [
      { side: 'real', index: 0, score: 2, relative: 1.7, dTerm: 0.1, gTerm: 1.8, dGrad: -0.05, gGrad: 0.25 },
      { side: 'fake', index: 2, score: -0.5, relative: -2.5, dTerm: 0.08, gTerm: 2.5, dGrad: 0.0125, gGrad: -1 },
    ];
    expect(toCSV(rows)).toBe(
      'side,index,score,relative,d_term,g_term,d_grad,g_grad\n' +
        'real,1,2,1.7,0.1,1.8,-0.05,0.25\n' +
        'fake,3,-0.5,-2.5,0.08,2.5,0.0125,-1\n',
    );
    expect(toCSV([])).toBe('side,index,score,relative,d_term,g_term,d_grad,g_grad\n');
  });

  test('awkward doubles round-trip exactly; -0 prints as 0', () => {
    const awkward = [0.1 + 0.2, 1e-300, -0, 5e-324, 1.7976931348623157e308, -123456789.12345679, 2 ** -1074 * 3];
    const rows: SampleRow[] = awkward.map((x, k) => ({ side: 'real', index: k, score: x, relative: x, dTerm: x, gTerm: x, dGrad: x, gGrad: x }));
    const lines = toCSV(rows).trimEnd().split('\n').slice(1);
    expect(lines[0]).toBe('real,1,0.30000000000000004,0.30000000000000004,0.30000000000000004,0.30000000000000004,0.30000000000000004,0.30000000000000004');
    expect(lines[2]).toBe('real,3,0,0,0,0,0,0');
    lines.forEach((line, k) => {
      const cells = line.split(',');
      expect(cells.length).toBe(8);
      for (const cell of cells.slice(2)) expect(Number(cell)).toBe(awkward[k] === 0 ? 0 : awkward[k]);
    });
  });

  test('only numbers reach the cells, even from untyped callers', () => {
    const row = { side: '=HYPERLINK("x")', index: 0, score: '=1+1', relative: '@SUM(A1)', dTerm: 1, gTerm: 2, dGrad: 3, gGrad: 4 };
    const csv = toCSV([row as unknown as SampleRow]);
    expect(csv.split('\n')[1]).toBe('fake,1,NaN,NaN,1,2,3,4');
  });

  test('the export reads back through importScores as long format', () => {
    const rows: SampleRow[] = [
      { side: 'real', index: 0, score: 0.1 + 0.2, relative: 0, dTerm: 0, gTerm: 0, dGrad: 0, gGrad: 0 },
      { side: 'fake', index: 0, score: -1e-300, relative: 0, dTerm: 0, gTerm: 0, dGrad: 0, gGrad: 0 },
    ];
    // its side and score columns make it long format
    expect(ok(toCSV(rows))).toEqual({ real: [0.1 + 0.2], fake: [-1e-300], format: 'csv', typed: true });
  });
});

describe('toJSON', () => {
  test('typed arrays become plain arrays, nested and at the top', () => {
    const payload = { losses: { d: 0.21 }, real: new Float64Array([1.5, -0, 0.1 + 0.2]), ids: new Int32Array([1, 2]), list: [new Float32Array([0.5])] };
    const text = toJSON(payload);
    expect(text).toBe(JSON.stringify({ losses: { d: 0.21 }, real: [1.5, 0, 0.30000000000000004], ids: [1, 2], list: [[0.5]] }, null, 2));
    expect(JSON.parse(text).real[2]).toBe(0.1 + 0.2);
  });
});
