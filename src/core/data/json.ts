/**
 * JSON and JSON-lines readers. A small scanner (not JSON.parse) so that every record keeps the
 * line it starts on and every syntax problem gets a line and column. Only flat tables are read:
 *   .json  — an array of records `[{"x": 1, "y": 2}, …]` or an object of equal-length column
 *            arrays `{"x": [1, …], "y": [2, …]}`;
 *   .jsonl — one record object per line (blank lines skipped).
 * A nested object or array as a cell value is an error (flatten it first). A key missing from a
 * record is a missing value. Strings go through the same cell rules as CSV ("3.5" is a number,
 * "NA" is missing); JSON null is missing; true/false are a boolean column.
 */
import { CellError, ColumnStore } from './columns';
import { TableBuilder } from './table';

type Scalar = { kind: 'num'; v: number } | { kind: 'str'; s: string } | { kind: 'null' };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'the end of the input';
  if (c === '{') return 'an object';
  if (c === '[') return 'an array';
  if (c === '"') return 'a string';
  if (c === 't' || c === 'f') return 'a boolean';
  if (c === 'n') return 'null';
  if (c === '-' || (c >= '0' && c <= '9')) return 'a number';
  return `"${c}"`;
}

class Scanner {
  pos = 0;
  line: number;
  lineStart = 0;

  private readonly t: TableBuilder;
  readonly s: string;

  constructor(t: TableBuilder, s: string, firstLine = 1) {
    this.t = t;
    this.s = s;
    this.line = firstLine;
  }

  fail(message: string, at = this.pos): never {
    throw this.t.error(message, this.line, at - this.lineStart + 1);
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 10) { this.line++; this.pos++; this.lineStart = this.pos; } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) this.pos++;
      else return;
    }
  }

  peek(): string | undefined {
    return this.pos < this.s.length ? this.s[this.pos] : undefined;
  }

  expect(ch: string, what: string): void {
    this.ws();
    if (this.s[this.pos] !== ch) this.fail(`expected ${what} but found ${describeChar(this.peek())}`);
    this.pos++;
  }

  string(): string {
    const s = this.s;
    const start = ++this.pos;
    let out = '';
    let from = start;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('a string is never closed (missing ")', start - 1);
      if (c === 34) break;
      if (c < 32) this.fail('a line break or control character inside a string (write it as \\n)');
      if (c === 92) {
        out += s.slice(from, this.pos);
        const e = s[this.pos + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = s.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape in a string');
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
        } else if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          this.pos += 2;
        } else this.fail('bad escape in a string');
        from = this.pos;
        continue;
      }
      this.pos++;
    }
    out += s.slice(from, this.pos);
    this.pos++;
    return out;
  }

  /** A cell value: number, string, true/false (as text), or null. Nested values are refused. */
  scalar(key: string): Scalar {
    this.ws();
    const c = this.peek();
    if (c === '"') return { kind: 'str', s: this.string() };
    if (c === '{' || c === '[') this.fail(`key "${key}" holds ${describeChar(c)}; only flat records (numbers, strings, booleans, null) can be read`);
    for (const [word, val] of [['true', 'true'], ['false', 'false'], ['null', null]] as const) {
      if (this.s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return val === null ? { kind: 'null' } : { kind: 'str', s: val };
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (m === null) this.fail(`expected a value for key "${key}" but found ${describeChar(c)}`);
    const v = Number(m[0]);
    if (!Number.isFinite(v)) this.fail(`key "${key}": ${m[0]} is not a finite number`);
    this.pos += m[0].length;
    return { kind: 'num', v };
  }

  /** Parses the rest of a `{ ... }` whose "{" is at pos, calling cell() for each key/value. */
  record(cell: (key: string, v: Scalar, line: number, col: number, keyLine: number, keyCol: number) => void): void {
    this.pos++;
    const seen = new Set<string>();
    this.ws();
    if (this.peek() === '}') { this.pos++; return; }
    for (;;) {
      this.ws();
      if (this.peek() !== '"') this.fail(`expected a key in double quotes but found ${describeChar(this.peek())}${this.peek() === '}' ? ' (a trailing comma?)' : ''}`);
      const keyLine = this.line, keyCol = this.pos - this.lineStart + 1;
      const key = this.string();
      if (key === '') this.fail('empty key: every column needs a name', this.pos - 2);
      if (seen.has(key)) this.fail(`duplicate key "${key}" in one record`, this.pos - key.length - 2);
      seen.add(key);
      this.expect(':', '":" after a key');
      this.ws();
      const line = this.line, col = this.pos - this.lineStart + 1;
      cell(key, this.scalar(key), line, col, keyLine, keyCol);
      this.ws();
      const c = this.peek();
      if (c === ',') { this.pos++; continue; }
      if (c === '}') { this.pos++; return; }
      this.fail(`expected "," or "}" after a value but found ${describeChar(c)}`);
    }
  }
}

function store(t: TableBuilder, c: ColumnStore, v: Scalar, line: number, col: number): void {
  try {
    if (v.kind === 'num') c.pushNumber(v.v);
    else if (v.kind === 'null') c.pushMissing();
    else c.pushCell(v.s, line, col);
  } catch (e) {
    if (e instanceof CellError) throw t.error(e.message, line, col);
    throw e;
  }
}

/** Fills the table with one record per call; keys first seen later become columns padded with missing values. */
class RecordSink {
  private stamp = new Map<ColumnStore, number>();
  private row = 0;
  private readonly t: TableBuilder;
  constructor(t: TableBuilder) {
    this.t = t;
  }

  record(sc: Scanner): void {
    const t = this.t;
    const line = sc.line;
    this.row++;
    sc.record((key, v, l, col, keyLine, keyCol) => {
      let c = t.byName.get(key);
      if (c === undefined) {
        c = t.addColumn(key, keyLine, keyCol);
        for (let i = 0; i < t.nrows; i++) c.pushMissing();
      }
      this.stamp.set(c, this.row);
      store(t, c, v, l, col);
    });
    for (const c of t.columns) if (this.stamp.get(c) !== this.row) c.pushMissing();
    t.endRow(line);
  }
}

/** Reads a whole .json text. */
export function readJson(t: TableBuilder, text: string): void {
  const sc = new Scanner(t, text);
  sc.ws();
  const c = sc.peek();
  if (c === undefined) return; // empty: finish() reports it
  t.sawContent = true;
  if (c === '[') {
    sc.pos++;
    const sink = new RecordSink(t);
    sc.ws();
    if (sc.peek() === ']') {
      sc.pos++;
      t.headerLine = sc.line;
      throw t.error('the JSON array is empty: no records', sc.line, sc.pos - sc.lineStart);
    } else {
      for (;;) {
        sc.ws();
        const e = sc.peek();
        if (e !== '{') {
          sc.fail(e === ']' ? 'a trailing comma before "]"' : `expected a record (an object such as {"x": 1, "y": 2}) but found ${describeChar(e)}; a .json table is an array of records or an object of column arrays`);
        }
        if (t.nrows === 0) t.headerLine = sc.line;
        sink.record(sc);
        sc.ws();
        const d = sc.peek();
        if (d === ',') { sc.pos++; continue; }
        if (d === ']') { sc.pos++; break; }
        sc.fail(`expected "," or "]" after a record but found ${describeChar(d)}`);
      }
    }
  } else if (c === '{') {
    readColumns(t, sc);
  } else {
    sc.fail(`expected an array of records or an object of column arrays but found ${describeChar(c)}`);
  }
  sc.ws();
  if (sc.pos < text.length) sc.fail('unexpected text after the end of the JSON value');
}

/** `{"x": [..], "y": [..]}`: every value must be an array of scalars, all of the same length. */
function readColumns(t: TableBuilder, sc: Scanner): void {
  sc.pos++;
  t.headerLine = sc.line;
  const rowLines: number[] = [];
  let first: ColumnStore | null = null;
  sc.ws();
  if (sc.peek() === '}') sc.fail('the JSON object is empty: no columns');
  for (;;) {
    sc.ws();
    if (sc.peek() !== '"') sc.fail(`expected a column name in double quotes but found ${describeChar(sc.peek())}${sc.peek() === '}' ? ' (a trailing comma?)' : ''}`);
    const keyLine = sc.line, keyCol = sc.pos - sc.lineStart + 1;
    const key = sc.string();
    if (key === '') sc.fail('empty key: every column needs a name', sc.pos - 2);
    sc.expect(':', '":" after a column name');
    sc.ws();
    if (sc.peek() !== '[') {
      sc.fail(`column "${key}" holds ${describeChar(sc.peek())}, not an array; a .json table is an array of records or an object of equal-length column arrays`);
    }
    sc.pos++;
    const col = t.addColumn(key, keyLine, keyCol);
    let i = 0;
    sc.ws();
    if (sc.peek() === ']') sc.pos++;
    else {
      for (;;) {
        sc.ws();
        const line = sc.line, cc = sc.pos - sc.lineStart + 1;
        const v = sc.scalar(key);
        if (first === null) rowLines.push(line);
        store(t, col, v, line, cc);
        i++;
        sc.ws();
        const d = sc.peek();
        if (d === ',') { sc.pos++; continue; }
        if (d === ']') { sc.pos++; break; }
        sc.fail(`expected "," or "]" in column "${key}" but found ${describeChar(d)}`);
      }
    }
    if (first === null) first = col;
    else if (i !== first.length) {
      throw t.error(`column "${key}" has ${i} values but column "${first.name}" has ${first.length}; all column arrays must have the same length`, keyLine, keyCol);
    }
    sc.ws();
    const d = sc.peek();
    if (d === ',') { sc.pos++; continue; }
    if (d === '}') { sc.pos++; break; }
    sc.fail(`expected "," or "}" after a column but found ${describeChar(d)}`);
  }
  for (const l of rowLines) t.endRow(l);
}

/** Incremental JSON-lines reader: complete lines are parsed as they arrive. */
export class JsonlReader {
  private pending = '';
  private line = 1;
  private readonly sink: RecordSink;
  private readonly t: TableBuilder;

  constructor(t: TableBuilder) {
    this.t = t;
    this.sink = new RecordSink(t);
  }

  write(text: string): void {
    this.pending += text;
    const cut = this.pending.lastIndexOf('\n');
    if (cut < 0) return;
    const body = this.pending.slice(0, cut + 1);
    this.pending = this.pending.slice(cut + 1);
    this.lines(body);
  }

  end(): void {
    const rest = this.pending;
    this.pending = '';
    this.lines(rest);
  }

  private lines(body: string): void {
    let from = 0;
    while (from < body.length) {
      let nl = body.indexOf('\n', from);
      if (nl < 0) nl = body.length;
      const text = body.slice(from, nl);
      if (text.trim() !== '') this.one(text);
      this.line++;
      from = nl + 1;
    }
  }

  private one(text: string): void {
    const t = this.t;
    t.sawContent = true;
    const sc = new Scanner(t, text, this.line);
    sc.ws();
    if (sc.peek() !== '{') sc.fail(`expected a record (an object such as {"x": 1, "y": 2}) on each line but found ${describeChar(sc.peek())}`);
    if (t.nrows === 0) t.headerLine = this.line;
    this.sink.record(sc);
    sc.ws();
    if (sc.pos < text.length) sc.fail('unexpected text after the record (one record per line)');
  }
}
