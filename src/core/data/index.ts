/**
 * Data reading: the text or bytes of a data file → a table → `describe` or a model frame.
 * Pure: takes strings/bytes, never paths. Errors for bad input are DataError (file:row:column);
 * cancellation is CancelledError.
 *
 *   describeText(file, text|bytes)            → Description (the CLI's `describe --json`)
 *   loadFrame(file, text|bytes, options)      → ModelFrame (X column-major, y)
 *   createTableReader(file, opts, hooks)      → push(chunk)… end() → Table, for streamed files;
 *   then describeTable(table) / buildFrame(table, options).
 */
import { describeTable } from './describe';
import { buildFrame } from './frame';
import { readTable, type ReadOptions } from './reader';
import type { Description, FrameOptions, LoadHooks, ModelFrame } from './types';

export type { Table } from './table';
export type { ReadOptions, TableReader } from './reader';
export { createTableReader, formatOf, readTable } from './reader';
export { describeTable, guessTarget, type DescribeOptions } from './describe';
export { buildFrame } from './frame';
export { sniffDelimiter } from './csv';

/** Describes a whole file given as a string or bytes. */
export function describeText(file: string, input: string | Uint8Array, opts: ReadOptions = {}, hooks: LoadHooks = {}): Description {
  return describeTable(readTable(file, input, opts, hooks));
}

/** Reads a whole file given as a string or bytes into a model frame. */
export function loadFrame(
  file: string,
  input: string | Uint8Array,
  opts: FrameOptions & ReadOptions = {},
  hooks: LoadHooks = {},
): ModelFrame {
  return buildFrame(readTable(file, input, opts, hooks), opts, true);
}
