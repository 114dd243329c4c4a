/**
 * Engine vs R glmnet 4.1.6, same data files, same timed span (standardization + path with default
 * settings, α = 1), median of REPS repetitions each (BENCH_REPS, default 5), data read outside the
 * timing; glmnet (system.time in Rscript) and the engine (performance.now) alternate per repetition.
 * Data files (bench/data/, gitignored) are generated deterministically on first run.
 * Prints: shape, glmnet and engine seconds and their ratio, as wall time and as CPU time
 * (user + system; on a shared, loaded machine the CPU ratio is the steadier one), path lengths,
 * agreement (max coefficient difference relative to 1 + max|β| at the common λs, and whether
 * the λs agree to 1e-9).
 * BENCH_SHAPES (optional, comma-separated, e.g. "gaussian_500x10000") restricts the shapes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitPath } from '../src/core/engine';
import { mulberry32 } from '../src/core/engine/cv';
import type { Family } from '../src/core/engine/types';

const DIR = join('bench', 'data');
const REPS = Number(process.env.BENCH_REPS ?? 5);
const SHAPES: { family: Family; n: number; p: number }[] = [
  { family: 'gaussian', n: 1000, p: 100 },
  { family: 'gaussian', n: 100000, p: 100 },
  { family: 'gaussian', n: 10000, p: 1000 },
  { family: 'gaussian', n: 500, p: 10000 },
  { family: 'binomial', n: 100000, p: 100 },
];

function generate(family: Family, n: number, p: number, prefix: string): void {
  const rnd = mulberry32(n * 7919 + p * 31 + (family === 'binomial' ? 1 : 0));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const X = new Float64Array(n * p);
  // Mildly correlated columns: x_j = 0.6·z_j + 0.4·z_{j−1} (+ a column-specific scale and mean).
  const prev = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const sc = 1 + (j % 5);
    const mu = (j % 3) - 1;
    for (let i = 0; i < n; i++) {
      const z = gauss();
      X[j * n + i] = sc * (0.6 * z + 0.4 * prev[i]) + mu;
      prev[i] = z;
    }
  }
  const y = new Float64Array(n);
  const k = Math.min(20, p);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += ((j % 2 ? -1 : 1) * X[j * n + i]) / (1 + (j % 5)) / Math.sqrt(k);
    y[i] = family === 'gaussian' ? eta + gauss() : rnd() < 1 / (1 + Math.exp(-2 * eta)) ? 1 : 0;
  }
  writeFileSync(`${prefix}.x.f64`, Buffer.from(X.buffer));
  writeFileSync(`${prefix}.y.f64`, Buffer.from(y.buffer));
}

function readF64(file: string): Float64Array {
  const b = readFileSync(file);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const only = process.env.BENCH_SHAPES?.split(',').map((t) => t.trim());
mkdirSync(DIR, { recursive: true });
const rows: string[] = [];
console.log(`engine vs glmnet ${REPS} reps each (median), α = 1, default settings`);
for (const { family, n, p } of SHAPES) {
  if (only && !only.includes(`${family}_${n}x${p}`)) continue;
  const prefix = join(DIR, `${family}_${n}x${p}`);
  if (!existsSync(`${prefix}.y.f64`)) generate(family, n, p, prefix);
  const X = readF64(`${prefix}.x.f64`);
  const y = readF64(`${prefix}.y.f64`);
  // Warm-up (untimed): V8's JIT tiers settle after some fits; at least 3 fits and 1 s.
  let fit = fitPath(X, n, p, y, { family });
  for (let w = 1, t0 = performance.now(); w < 3 || performance.now() - t0 < 1000; w++) fit = fitPath(X, n, p, y, { family });
  // glmnet and the engine alternate, one repetition each, so that load changes on the shared
  // machine hit both alike.
  const timesR: number[] = [];
  const times: number[] = [];
  const cpuR: number[] = [];
  const cpuE: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const R = spawnSync('Rscript', ['bench/glmnet-time.R', prefix, String(n), String(p), family, '1'], { encoding: 'utf8' });
    const m = /elapsed ([\d.]+)/.exec(R.stdout);
    if (!m) {
      console.error(R.stderr);
      throw new Error(`glmnet run failed for ${prefix}`);
    }
    timesR.push(Number(m[1]));
    cpuR.push(Number(/cpu ([\d.]+)/.exec(R.stdout)![1]));
    // No forced GC before the timed fit: measured at 1,000×100, a forced V8 full GC makes the
    // next fit 3–5× slower (optimized code and heap pages are dropped); the extension never forces one.
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fit = fitPath(X, n, p, y, { family });
    times.push((performance.now() - t0) / 1000);
    const c1 = process.cpuUsage(c0);
    cpuE.push((c1.user + c1.system) / 1e6);
  }
  const tR = median(timesR);
  const tE = median(times);
  const cR = median(cpuR);
  const cE = median(cpuE);
  // Agreement with glmnet's path.
  const lines = readFileSync(`${prefix}.glmnet.txt`, 'utf8').trim().split('\n');
  const lamR = lines[0].split(' ').slice(1).map(Number);
  const a0R = lines[1].split(' ').slice(1).map(Number);
  const betaR = lamR.map(() => new Map<number, number>());
  for (const l of lines.slice(2)) {
    const [, k, j, v] = l.split(' ');
    betaR[Number(k)].set(Number(j), Number(v));
  }
  const common = Math.min(lamR.length, fit.lambda.length);
  let lamOk = true;
  let worst = 0;
  for (let k = 0; k < common; k++) {
    if (Math.abs(fit.lambda[k] - lamR[k]) > 1e-9 * lamR[k]) lamOk = false;
    let big = Math.abs(a0R[k]);
    for (const v of betaR[k].values()) big = Math.max(big, Math.abs(v));
    let d = Math.abs(fit.a0[k] - a0R[k]);
    for (let j = 0; j < p; j++) d = Math.max(d, Math.abs(fit.beta[k][j] - (betaR[k].get(j) ?? 0)));
    worst = Math.max(worst, d / (1 + big));
  }
  const row = `| ${family} ${n.toLocaleString('en')}×${p.toLocaleString('en')} | ${tR.toFixed(3)} | ${tE.toFixed(3)} | ${(tE / tR).toFixed(2)} | ${cR.toFixed(3)} | ${cE.toFixed(3)} | ${(cE / cR).toFixed(2)} | ${lamR.length} / ${fit.lambda.length} | ${worst.toExponential(1)}, λ ${lamOk ? 'equal' : 'DIFFER'} |`;
  rows.push(row);
  console.log(row);
}
console.log('\n| shape | glmnet s (wall) | engine s (wall) | ratio (wall) | glmnet s (CPU) | engine s (CPU) | ratio (CPU) | path length glmnet / engine | agreement: max |Δβ|/(1+max|β|) at common λ |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
