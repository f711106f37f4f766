// Go's text/tabwriter (as forked by kubectl in github.com/liggitt/tabwriter), cell for cell, so
// that kctl's tables and describe output line up exactly as kubectl's do. Only the features
// kubectl uses are kept: left alignment, a padding character, and RememberWidths, which keeps
// column widths across flushes so `get -w` rows stay under their headers.

interface Cell {
  /** size is the cell's length in UTF-16 units (the text is kept separately). */
  text: string;
  /** width is the cell's width in code points, as Go counts runes. */
  width: number;
  htab: boolean;
}

/** TabWriterOptions are tabwriter.NewWriter's parameters. */
export interface TabWriterOptions {
  minWidth: number;
  tabWidth: number;
  padding: number;
  padChar?: string;
  rememberWidths?: boolean;
}

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * TabWriter aligns tab-terminated cells into columns. Text is buffered until flush(); a line
 * with no tab (a single cell) flushes early, as Go does, since it ends every column block.
 */
export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxWidths: number[] = [];
  private readonly padChar: string;

  constructor(
    private readonly sink: (s: string) => void,
    private readonly opts: TabWriterOptions,
  ) {
    this.padChar = opts.padChar ?? ' ';
  }

  /** presets: kubectl's table writer (get) and its describe writer. */
  static forTables(sink: (s: string) => void): TabWriter {
    return new TabWriter(sink, { minWidth: 6, tabWidth: 4, padding: 3, rememberWidths: true });
  }

  static forDescribe(sink: (s: string) => void): TabWriter {
    return new TabWriter(sink, { minWidth: 0, tabWidth: 8, padding: 2 });
  }

  /** write buffers text; '\t' ends a cell, '\n' ends a line. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const n = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || n === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  /** flush formats and emits everything buffered. */
  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  /** setRememberedWidths resets (or presets) the widths remembered across flushes. */
  setRememberedWidths(widths: number[]): void {
    this.maxWidths = [...widths];
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1] as Cell[];
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= (this.lines[i] as Cell[]).length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(line0, i);
      line0 = i;
      let width = this.opts.minWidth;
      for (; i < line1; i++) {
        const line = this.lines[i] as Cell[];
        if (column >= line.length - 1) break;
        const w = (line[column] as Cell).width + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.rememberWidths) width = this.remember(width);
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
    }
    this.writeLines(line0, line1);
  }

  // The fork's RememberWidths: a column never gets narrower than it was in an earlier flush.
  private remember(width: number): number {
    const col = this.widths.length;
    if (this.maxWidths.length < col) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
    if (this.maxWidths.length === col) this.maxWidths.push(width);
    else if ((this.maxWidths[col] as number) > width) return this.maxWidths[col] as number;
    else this.maxWidths[col] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    let out = '';
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as Cell[];
      line.forEach((c, j) => {
        out += c.text;
        if (j < this.widths.length) out += this.padChar.repeat(Math.max(0, (this.widths[j] as number) - c.width));
      });
      // The last buffered line is the unterminated rest: it has no newline of its own.
      if (i + 1 === this.lines.length) out += this.cell;
      else out += '\n';
    }
    if (out !== '') this.sink(out);
  }
}

/** tabbed runs f against a describe-style tab writer and returns the aligned text. */
export function tabbed(f: (w: TabWriter) => void, opts?: TabWriterOptions): string {
  let out = '';
  const w = opts ? new TabWriter((s) => (out += s), opts) : TabWriter.forDescribe((s) => (out += s));
  f(w);
  w.flush();
  return out;
}
