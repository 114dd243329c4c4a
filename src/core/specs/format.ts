/**
 * Number formatting for chart captions, readouts and the CodeLens-style summary. One formatter so
 * the λ shown in the panel, in the body dataset (`lambda`) and in captions is the same string.
 */

const sig3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const sig4 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** λ with 3 significant digits; scientific below 1e-3 so a tiny λ never shows as "0". */
export function formatLambda(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(2);
  return sig3.format(x);
}

/**
 * A statistic (error, coefficient) in the user's units: thousands grouped and no decimals from 1,000
 * on ("2,931"), 4 significant digits below, scientific when tiny.
 */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return grouped.format(x);
  if (a !== 0 && a < 1e-3) return x.toExponential(2);
  return sig4.format(x);
}

/** A signed coefficient: "+0.512", "−1,204" (typographic minus), "0". */
export function formatSigned(x: number): string {
  if (x === 0) return '0';
  const s = formatValue(Math.abs(x));
  return x > 0 ? `+${s}` : `\u2212${s}`;
}

/** Share in [0, 1] as a percentage with one decimal: 0.4567 → "45.7%". */
export function formatPercent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
