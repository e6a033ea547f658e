// Where a JSON file that JSON.parse refused goes wrong, as a line and a
// column. Engines word syntax errors differently and may quote the input at
// any length, so the message is built from our own scan for the first bad
// offset instead of from the engine's error.

/**
 * The message for JSON that does not parse: `trimmed` is `text` trimmed and
 * `offset` how much white space it lost at the start.
 */
export function jsonSyntaxMessage(text: string, offset: number, trimmed: string): string {
  const at = syntaxErrorAt(trimmed);
  if (at < 0) return 'The file is not valid JSON.';
  if (at >= trimmed.length) return 'The file is not valid JSON: it ends too early (a bracket or quote is not closed).';
  const position = at + offset;
  const before = text.slice(0, position);
  const line = 1 + (before.match(/\r\n?|\n/g)?.length ?? 0); // as lines.ts counts them
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
