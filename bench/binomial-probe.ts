/**
 * Quick probe for the binomial 100,000 × 100 shape only (engine vs glmnet, CPU and wall, path
 * length, agreement with glmnet's path at common λ). Usage:
 *   node --import tsx bench/binomial-probe.ts [reps=3] [--no-r]
 * Data come from bench/data (written by `npm run bench engine`). glmnet (bench/glmnet-time.R, one
 * Rscript run per repetition) and the engine alternate, `reps` times each after the engine's
 * warm-up; medians are printed. --no-r times the engine alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitPath } from '../src/core/engine';
import { binomialInnerStats } from '../src/core/engine/binomial';

const n = 100000;
const p = 100;
const prefix = join('bench', 'data', `binomial_${n}x${p}`);
const reps = Number(process.argv[2] ?? 3);
const withR = !process.argv.includes('--no-r');

function readF64(file: string): Float64Array {
  const b = readFileSync(file);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[(v.length - 1) >> 1];

const X = readF64(`${prefix}.x.f64`);
const y = readF64(`${prefix}.y.f64`);
let fit = fitPath(X, n, p, y, { family: 'binomial' });
for (let w = 1; w < 2; w++) fit = fitPath(X, n, p, y, { family: 'binomial' });
const s0 = { ...binomialInnerStats };
const wall: number[] = [];
const cpu: number[] = [];
const wallR: number[] = [];
const cpuR: number[] = [];
// glmnet (one Rscript run per repetition) and the engine alternate, so load changes hit both alike.
for (let r = 0; r < reps; r++) {
  if (withR) {
    const R = spawnSync('Rscript', ['bench/glmnet-time.R', prefix, String(n), String(p), 'binomial', '1'], { encoding: 'utf8' });
    const w = /elapsed ([\d.]+)/.exec(R.stdout);
    const c = /cpu ([\d.]+)/.exec(R.stdout);
    if (!w || !c) throw new Error(`glmnet run failed: ${R.stderr}`);
    wallR.push(Number(w[1]));
    cpuR.push(Number(c[1]));
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fit = fitPath(X, n, p, y, { family: 'binomial' });
  wall.push((performance.now() - t0) / 1000);
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1e6);
}
const covSteps = (binomialInnerStats.covSteps - s0.covSteps) / reps;
const irlsSteps = (binomialInnerStats.irlsSteps - s0.irlsSteps) / reps;
const lines = readFileSync(`${prefix}.glmnet.txt`, 'utf8').trim().split('\n');
const lamR = lines[0].split(' ').slice(1).map(Number);
const a0R = lines[1].split(' ').slice(1).map(Number);
const betaR = lamR.map(() => new Map<number, number>());
for (const l of lines.slice(2)) {
  const [, k, j, v] = l.split(' ');
  betaR[Number(k)].set(Number(j), Number(v));
}
let worst = 0;
let lamOk = true;
for (let k = 0; k < Math.min(lamR.length, fit.lambda.length); k++) {
  if (Math.abs(fit.lambda[k] - lamR[k]) > 1e-9 * lamR[k]) lamOk = false;
  let big = Math.abs(a0R[k]);
  for (const v of betaR[k].values()) big = Math.max(big, Math.abs(v));
  let d = Math.abs(fit.a0[k] - a0R[k]);
  for (let j = 0; j < p; j++) d = Math.max(d, Math.abs(fit.beta[k][j] - (betaR[k].get(j) ?? 0)));
  worst = Math.max(worst, d / (1 + big));
}
const npasses = fit.npasses.reduce((a, b) => a + b, 0);
console.log(
  `engine: wall ${median(wall).toFixed(3)} s, cpu ${median(cpu).toFixed(3)} s (${cpu.map((c) => c.toFixed(2)).join(' ')}); ` +
    `length ${fit.lambda.length}, passes ${npasses}, IRLS steps ${irlsSteps} (${covSteps} in covariance form); vs glmnet file: length ${lamR.length}, max|Δβ|/(1+max|β|) ${worst.toExponential(1)}, λ ${lamOk ? 'equal' : 'DIFFER'}`,
);
if (withR) {
  const w = median(wallR);
  const c = median(cpuR);
  console.log(`glmnet: wall ${w.toFixed(3)} s, cpu ${c.toFixed(3)} s (${cpuR.map((v) => v.toFixed(2)).join(' ')}); ratio cpu ${(median(cpu) / c).toFixed(2)}, wall ${(median(wall) / w).toFixed(2)}`);
}
