/**
 * The binomial intercept view (issue 6, question 5) on the bundled breast-cancer data (569 × 30),
 * CPU time side by side in one process: per λ the previous way (four cold one-λ fits at thresh
 * 1e-14; near the small-λ end they run out of passes) and down the model's path with warm starts
 * (the per-λ fallback past the size cap), then every λ at once (binomialInterceptAll: four path
 * fits, once per model) and one λ's result from it (binomialInterceptAt: the class-balance sweep,
 * what the panel computes on a λ move). Prints the load average: this machine is shared.
 * Usage: node --import tsx bench/interceptBinomial.bench.ts [alpha]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadFrame } from '../src/core/data';
import { fitPath } from '../src/core/engine/path';
import { binomialInterceptAll, binomialInterceptAt, binomialInterceptExperiment } from '../src/core/teach/interceptBinomial';

const alpha = Number(process.argv[2] ?? 1);
const frame = loadFrame('breast-cancer.csv', readFileSync('media/datasets/breast-cancer.csv', 'utf8'), { family: 'binomial' });
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const timed = <T>(f: () => T): { ms: number; value: T | Error } => {
  const t0 = cpuMs();
  let value: T | Error;
  try {
    value = f();
  } catch (e) {
    value = e instanceof Error ? e : new Error(String(e));
  }
  return { ms: cpuMs() - t0, value };
};
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];

console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; breast-cancer ${frame.nobs} × ${frame.nvars}, α = ${alpha}`);
const path = fitPath(frame.X, frame.nobs, frame.nvars, frame.y, { family: 'binomial', alpha });
const lambdas = Array.from(path.lambda);
const nl = lambdas.length;
for (const k of [0, Math.floor(nl / 3), Math.floor((2 * nl) / 3), nl - 10, nl - 1]) {
  const cold = timed(() => binomialInterceptExperiment(frame, fitPath, lambdas[k], alpha, { thresh: 1e-14 }));
  const warm = timed(() => binomialInterceptExperiment(frame, fitPath, lambdas[k], alpha, { warmPath: lambdas.slice(0, k) }));
  const status = (v: unknown) => (v instanceof Error ? 'ERROR' : 'ok');
  console.log(`λ index ${String(k).padStart(3)} (λ = ${lambdas[k].toExponential(2)}): cold one-λ fits at 1e-14 ${cold.ms.toFixed(0).padStart(5)} ms ${status(cold.value)}, warm path ${warm.ms.toFixed(0).padStart(5)} ms ${status(warm.value)}`);
}
const all = timed(() => binomialInterceptAll(frame, fitPath, lambdas, alpha));
if (all.value instanceof Error) throw all.value;
const a = all.value;
const at: number[] = [];
for (let k = 0; k < nl; k++) at.push(timed(() => binomialInterceptAt(a, k)).ms);
const bytes = JSON.stringify(a, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)).length;
console.log(`every λ at once: ${all.ms.toFixed(0)} ms (once per model), ${(bytes / 1e6).toFixed(2)} MB as JSON; one λ's result from it: p50 ${q(at, 0.5).toFixed(1)} ms, p95 ${q(at, 0.95).toFixed(1)} ms, max ${Math.max(...at).toFixed(1)} ms`);
