// A cursor over the lines of an imported file, shared by format detection
// and the CSV and plain-text importers. It allocates nothing until a line's
// text is asked for: a 50 MB file of blank lines must not cost millions of
// strings. Lines end in \n, \r\n or a lone \r (old Mac files), mixed as they come.
export class Lines {
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
