/**
 * Bytes → text for the incremental readers, refusing what is not a UTF-8 text table:
 * UTF-16/UTF-32 (byte-order mark, or NUL bytes in every other position), NUL bytes, known binary
 * signatures (PNG, ZIP/xlsx, gzip, PDF, …), control characters, and invalid UTF-8. A UTF-8 BOM is
 * dropped. Chunks may split a multi-byte character anywhere; the tail is carried to the next chunk.
 */
import { DataError } from '../errors';

const SIGNATURES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .xlsx workbook? export it as CSV)'],
  [[0x1f, 0x8b], 'a gzip archive (decompress it first)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Office document (an .xls workbook? export it as CSV)'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
];

/** Control characters other than tab, line feed, form feed and carriage return: binary data. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x01-\x08\x0B\x0E-\x1F]/;

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; } else return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Length of the longest prefix of b that ends on a UTF-8 character boundary. */
function completePrefix(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return len > back ? n - back : n;
  }
  return n;
}

export class TextInput {
  private carry: Uint8Array | null = null;
  private head: Uint8Array | null = null;
  private started = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Line and character column reached by the text emitted so far (for byte-level error positions). */
  private line = 1;
  private lineStartOffset = 0;
  private emitted = 0;

  private readonly file: string;
  private readonly sink: (text: string) => void;

  constructor(file: string, sink: (text: string) => void) {
    this.file = file;
    this.sink = sink;
  }

  push(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') {
      let s = chunk;
      if (!this.started) {
        this.started = true;
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      }
      const nul = s.indexOf('\u0000');
      if (nul >= 0) this.failAtText(s, nul, 'the file contains a NUL character: it is binary data or UTF-16 text, not a UTF-8 table');
      this.emit(s);
      return;
    }
    let b = chunk;
    if (!this.started) {
      // Look at the first bytes as a whole, even if the caller sends tiny chunks.
      b = this.head ? concat(this.head, b) : b;
      if (b.length < 8) { this.head = b; return; }
      this.head = null;
      this.start(b);
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    this.bytes(b);
  }

  end(): void {
    if (this.head) {
      const b = this.head;
      this.head = null;
      this.start(b);
      this.bytes(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);
    }
    if (this.carry && this.carry.length > 0) {
      this.failAtBytes(this.carry, 0, 'the file ends in the middle of a UTF-8 character; save it as UTF-8 text');
    }
  }

  private start(b: Uint8Array): void {
    this.started = true;
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
      const le = b[0] === 0xff;
      const utf32 = le && b[2] === 0 && b[3] === 0;
      throw new DataError(this.file, `the file is ${utf32 ? 'UTF-32' : 'UTF-16'} (${le ? 'little' : 'big'}-endian) text; save it as UTF-8`, 1, 1);
    }
    for (const [sig, what] of SIGNATURES) {
      if (startsWith(b, sig)) throw new DataError(this.file, `the file is ${what}, not a text table`, 1, 1);
    }
    // UTF-16 without a BOM: ASCII text with a NUL in every other byte.
    const n = Math.min(b.length, 512) & ~1;
    let evenNul = 0, oddNul = 0;
    for (let i = 0; i < n; i += 2) { if (b[i] === 0) evenNul++; if (b[i + 1] === 0) oddNul++; }
    if (n >= 8 && (evenNul > n / 4 || oddNul > n / 4)) {
      throw new DataError(this.file, `the file looks like UTF-16 (${oddNul > evenNul ? 'little' : 'big'}-endian) text without a byte-order mark; save it as UTF-8`, 1, 1);
    }
  }

  /** Decodes and emits bytes; the first problem in file order (control character, invalid UTF-8, NUL) wins. */
  private bytes(chunk: Uint8Array): void {
    const b = this.carry ? concat(this.carry, chunk) : chunk;
    this.carry = null;
    const nul = b.indexOf(0);
    let body: Uint8Array;
    if (nul >= 0) body = b.subarray(0, nul);
    else {
      const cut = completePrefix(b);
      if (cut < b.length) this.carry = b.slice(cut);
      body = cut < b.length ? b.subarray(0, cut) : b;
    }
    let text: string;
    try {
      text = this.decoder.decode(body);
    } catch {
      const at = Math.max(0, invalidUtf8At(body));
      this.emit(this.decoder.decode(body.subarray(0, at)));
      this.failAtBytes(body.subarray(at), 0, `the file is not valid UTF-8 (byte 0x${body[at].toString(16)}); save it as UTF-8 text`);
    }
    this.emit(text);
    if (nul >= 0) this.failAtBytes(b.subarray(nul), 0, 'the file contains a NUL byte: it is binary data or UTF-16 text, not a UTF-8 table');
  }

  private emit(text: string): void {
    if (text.length === 0) return;
    const ctl = CONTROL.exec(text);
    if (ctl !== null) {
      const c = ctl[0].charCodeAt(0);
      this.failAtText(text, ctl.index, `the file contains the control character 0x${c.toString(16).padStart(2, '0')}: it looks like binary data, not a text table`);
    }
    let i = text.indexOf('\n');
    while (i >= 0) {
      this.line++;
      this.lineStartOffset = this.emitted + i + 1;
      i = text.indexOf('\n', i + 1);
    }
    this.emitted += text.length;
    this.sink(text);
  }

  private failAtText(s: string, at: number, message: string): never {
    let line = this.line;
    let start = this.lineStartOffset - this.emitted;
    for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) { line++; start = i + 1; }
    throw new DataError(this.file, message, line, at - start + 1);
  }

  private failAtBytes(b: Uint8Array, at: number, message: string): never {
    let line = this.line;
    let start = this.lineStartOffset - this.emitted;
    for (let i = b.indexOf(10); i >= 0 && i < at; i = b.indexOf(10, i + 1)) { line++; start = i + 1; }
    throw new DataError(this.file, message, line, at - start + 1);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
