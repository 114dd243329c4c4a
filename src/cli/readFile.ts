/** Reads a data file from disk in 1 MB chunks through the core's incremental reader (CLI and bench). */
import { createReadStream, promises as fsp } from 'node:fs';
import { createTableReader } from '../core/data';
import type { Table } from '../core/data/table';
import { DataError, isDataError } from '../core/errors';
import type { LoadHooks } from '../core/data/types';

const CHUNK = 1024 * 1024;

/** Reads a file through the incremental reader. File-system problems become DataErrors (exit 2). */
export async function readFileTable(file: string, hooks: LoadHooks = {}): Promise<Table> {
  let size: number;
  try {
    const st = await fsp.stat(file);
    if (st.isDirectory()) throw new DataError(file, 'is a directory, not a data file');
    size = st.size;
  } catch (e) {
    if (isDataError(e)) throw e;
    throw fsError(file, e);
  }
  const reader = createTableReader(file, { totalBytes: size }, hooks);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) reader.push(chunk as Buffer);
  } catch (e) {
    if (isDataError(e)) throw e;
    throw fsError(file, e);
  }
  return reader.end();
}

export function fsError(file: string, e: unknown): Error {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new DataError(file, 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return new DataError(file, 'permission denied');
  if (code === 'EISDIR') return new DataError(file, 'is a directory, not a data file');
  return e instanceof Error ? e : new Error(String(e));
}

