/**
 * Load benchmark for the data reader (issue 3): a 1,000,000 × 20 numeric CSV (~200 MB) read in
 * 1 MB chunks through the CLI's path (fs stream → createTableReader → buildFrame), measuring
 * time, throughput, peak RSS growth against the 160 MB numeric matrix, progress reports, and
 * how promptly a cancellation requested half-way stops the read.
 *
 * Memory is measured in a fresh child process from Linux's VmHWM (peak resident set), so the
 * file generation and the cancellation run cannot colour the number.
 * Usage: node --expose-gc --import tsx bench/load.bench.ts [rows]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildFrame } from '../src/core/data';
import { CancelledError } from '../src/core/errors';
import { readFileTable } from '../src/cli/readFile';

const COLS = 20;
const rows = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const file = `bench/data/numeric-${rows}x${COLS}.csv`;
const MB = 1024 * 1024;

async function generate(): Promise<void> {
  mkdirSync('bench/data', { recursive: true });
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const header = Array.from({ length: COLS - 1 }, (_, j) => `x${j + 1}`).concat('y').join(',');
  let buf = `${header}\n`;
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    let y = 0;
    for (let j = 0; j < COLS - 1; j++) {
      const v = (rnd() - 0.5) * 20;
      if (j < 5) y += (j + 1) * v;
      cells.push(v.toFixed(6));
    }
    cells.push((y + rnd()).toFixed(6));
    buf += `${cells.join(',')}\n`;
    if (buf.length > MB) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  renameSync(tmp, file);
}

function vm(key: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Child mode: one load, print a JSON line with the numbers. */
async function measure(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = vm('VmRSS');
  const hwm0 = vm('VmHWM');
  let progress = 0;
  const t0 = performance.now();
  const table = await readFileTable(file, { onProgress: () => void progress++ });
  const t1 = performance.now();
  const frame = buildFrame(table, {}, true);
  const t2 = performance.now();
  const peak = vm('VmHWM');
  console.log(JSON.stringify({
    readMs: t1 - t0, frameMs: t2 - t1, nobs: frame.nobs, nvars: frame.nvars, progress,
    peakGrowth: peak - Math.max(rss0, 0), hwmBefore: hwm0, rssBefore: rss0, peak,
  }));
}

/** Child mode: cancel once half the file is read; report how far it got and how long stopping took. */
async function cancel(): Promise<void> {
  const size = statSync(file).size;
  let requestedAt = 0;
  let doneAtRequest = 0;
  const t0 = performance.now();
  try {
    await readFileTable(file, {
      onProgress: (done) => {
        if (requestedAt === 0 && done >= size / 2) { requestedAt = performance.now(); doneAtRequest = done; }
      },
      isCancelled: () => requestedAt !== 0,
    });
    console.log(JSON.stringify({ cancelled: false }));
  } catch (e) {
    const t1 = performance.now();
    console.log(JSON.stringify({ cancelled: e instanceof CancelledError, stopMs: t1 - requestedAt, atFraction: doneAtRequest / size, totalMs: t1 - t0 }));
  }
}

function child(mode: string): Record<string, number | boolean> {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/load.bench.ts', mode, String(rows)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function mainBench(): Promise<void> {
  if (!existsSync(file)) {
    const t = performance.now();
    await generate();
    console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const bytes = statSync(file).size;
  const matrix = rows * (COLS - 1) * 8 + rows * 8; // X (19 features) + y, in bytes
  const m = child('--measure');
  const c = child('--cancel');
  const secs = (Number(m.readMs) + Number(m.frameMs)) / 1000;
  const growth = Number(m.peakGrowth);
  const ratio = growth / matrix;
  const mbps = bytes / MB / secs;
  console.log(`file: ${(bytes / MB).toFixed(1)} MB, ${m.nobs} rows × ${Number(m.nvars) + 1} columns; numeric matrix ${(matrix / MB).toFixed(1)} MB`);
  console.log(`load: ${secs.toFixed(2)} s (read+parse ${(Number(m.readMs) / 1000).toFixed(2)} s, frame ${(Number(m.frameMs) / 1000).toFixed(2)} s), ${mbps.toFixed(1)} MB/s`);
  console.log(`peak RSS growth: ${(growth / MB).toFixed(1)} MB = ${ratio.toFixed(2)}× the matrix (budget 3×)`);
  console.log(`progress reports: ${m.progress}`);
  console.log(`cancel at ${(Number(c.atFraction) * 100).toFixed(0)}%: ${c.cancelled ? `stopped after ${Number(c.stopMs).toFixed(1)} ms` : 'NOT cancelled'}`);
  const ok = m.nobs === rows && ratio < 3 && Number(m.progress) > 0 && c.cancelled === true && Number(c.stopMs) < 500;
  console.log(`RESULT load ${rows}x${COLS}: ${secs.toFixed(2)} s, ${mbps.toFixed(1)} MB/s, peak +${(growth / MB).toFixed(0)} MB (${ratio.toFixed(2)}× matrix), `
    + `progress ${m.progress}, cancel ${c.cancelled ? `${Number(c.stopMs).toFixed(0)} ms` : 'failed'} → ${ok ? 'PASS' : 'FAIL'}`);
  process.exitCode = ok ? 0 : 1;
}

const mode = process.argv[2];
(mode === '--measure' ? measure() : mode === '--cancel' ? cancel() : mainBench()).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
