// The live benchmarks' data file (bench/live.bench.mjs in code-server, bench/panel.bench.ts in a bare page).

/** Deterministic data: y = Xβ + noise with 6 nonzero β, so the lasso path has structure. */
export function makeCsv(rows, cols) {
  let s = 12345;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const beta = Array.from({ length: cols }, (_, j) => (j < 6 ? [3, -2, 1.5, 1, -0.5, 0.25][j] : 0));
  const lines = [[...Array.from({ length: cols }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: cols }, () => gauss());
    const y = x.reduce((a, v, j) => a + v * beta[j], 0) + gauss();
    lines.push([...x.map((v) => v.toFixed(4)), y.toFixed(4)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
