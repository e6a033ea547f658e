// The plain-text importer: two blocks of numbers, real scores then fake
// scores, separated by a blank line or a line with just ---. Each block is
// read by parseScores, as the score fields of the page are.
import { fail, grouping, type ImportResult } from './import-shared';
import { Lines } from './lines';
import { MAX_VALUES, parseScores } from './parse';

// Counts tokens only up to the limit, so a huge block is refused before
// parseScores splits it into millions of strings.
function tooManyTokens(block: string): boolean {
  const token = /[^\s,]+/g;
  let n = 0;
  while (token.exec(block) !== null) if (++n > MAX_VALUES) return true;
  return false;
}

/** Scores from two blocks of plain text. */
export function fromText(text: string): ImportResult {
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
