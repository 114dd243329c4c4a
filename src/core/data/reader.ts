/**
 * The incremental reader every adapter uses: push the file in chunks (strings or bytes), get a
 * Table at the end. Progress is reported every few MB and cancellation is checked on every push;
 * whole strings/byte arrays are pushed in 1 MB slices so they get the same progress and
 * cancellation behaviour as a file stream.
 */
import { CancelledError } from '../errors';
import { CsvReader } from './csv';
import { TextInput } from './decode';
import { JsonlReader, readJson } from './json';
import { TableBuilder, type Table } from './table';
import type { DataFormat, LoadHooks } from './types';

export interface ReadOptions {
  /** Format; default: from the file name's extension (csv when unknown). */
  format?: DataFormat;
  /** Total size of the input (bytes or characters) for progress; default: unknown (0). */
  totalBytes?: number;
}

export interface TableReader {
  push(chunk: string | Uint8Array): void;
  end(): Table;
}

const EXT: Record<string, DataFormat> = { csv: 'csv', tsv: 'tsv', tab: 'tsv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl' };

/** Format from the file name's extension (case-insensitive); csv when the extension is unknown. */
export function formatOf(file: string): DataFormat {
  const m = /\.([A-Za-z0-9]+)$/.exec(file);
  return (m && EXT[m[1].toLowerCase()]) || 'csv';
}

const PROGRESS_STEP = 1024 * 1024;
const SLICE = 1024 * 1024;

export function createTableReader(file: string, opts: ReadOptions = {}, hooks: LoadHooks = {}): TableReader {
  const format = opts.format ?? formatOf(file);
  const t = new TableBuilder(file, format);
  let sink: { write(text: string): void; end(): void };
  if (format === 'json') {
    const parts: string[] = [];
    sink = { write: (s) => void parts.push(s), end: () => readJson(t, parts.join('')) };
  } else if (format === 'jsonl') {
    sink = new JsonlReader(t);
  } else {
    sink = new CsvReader(t, format === 'tsv');
  }
  const input = new TextInput(file, (s) => {
    t.sawText = true;
    sink.write(s);
  });
  const total = opts.totalBytes ?? 0;
  let done = 0;
  let reported = 0;
  let ended = false;
  const check = (): void => {
    if (hooks.isCancelled?.()) throw new CancelledError();
  };
  return {
    push(chunk) {
      if (ended) throw new Error('TableReader.push after end()');
      check();
      input.push(chunk);
      done += chunk.length;
      if (hooks.onProgress && done - reported >= PROGRESS_STEP) {
        reported = done;
        hooks.onProgress(done, Math.max(total, done));
      }
    },
    end() {
      check();
      ended = true;
      input.end();
      sink.end();
      const table = t.finish();
      hooks.onProgress?.(done, Math.max(total, done));
      return table;
    },
  };
}

/** Reads a whole string or byte array through the incremental reader. */
export function readTable(file: string, input: string | Uint8Array, opts: ReadOptions = {}, hooks: LoadHooks = {}): Table {
  const r = createTableReader(file, { totalBytes: input.length, ...opts }, hooks);
  for (let i = 0; i < input.length; i += SLICE) {
    r.push(typeof input === 'string' ? input.slice(i, i + SLICE) : input.subarray(i, i + SLICE));
  }
  return r.end();
}
