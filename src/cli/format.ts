/** Plain-text tables for the CLI's non-JSON output. */
import type { Description } from '../core/data/types';

/** A number in at most 4 significant digits; exact zeros as "." (glmnet's sparse print). */
export function fmt(x: number, zeroDot = false): string {
  if (x === 0) return zeroDot ? '.' : '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  return x.toExponential(3).replace(/\.?0+e/, 'e');
}

/** A text table; by default the first column is left-aligned and the rest right-aligned (numbers). */
export function table(rows: string[][], leftAligned: (j: number) => boolean = (j) => j === 0): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows
    .map((r) => r.map((c, j) => (leftAligned(j) ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ').trimEnd())
    .join('\n');
}

/** Up to `k` indices spread evenly over 0..n-1, always including the first and the last. */
export function spread(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1))))];
}

export function describeTable(d: Description): string {
  const head = `${d.file} (${d.format}): ${d.rows} rows, ${d.columns.length} columns; target guess: ${
    d.targetGuess === null ? 'none' : `"${d.targetGuess}"`}${d.familyGuess ? ` (${d.familyGuess})` : ''}`;
  const rows = [['column', 'type', 'missing', 'levels'], ...d.columns.map((c) => {
    const lv = c.levels ?? [];
    const levels = lv.length > 6 ? `${lv.slice(0, 6).join(', ')}, … (${lv.length})` : lv.join(', ');
    return [c.name, c.type, String(c.missing), levels];
  })];
  return `${head}\n${table(rows, (j) => j !== 2)}\n`;
}
