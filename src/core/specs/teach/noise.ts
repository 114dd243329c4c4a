/**
 * Question 3 views from a NoiseResult: the L1 and L2 paths with the noise columns drawn dashed in
 * the muted colour (they enter late and stay near 0), and grouped bars of |weight| (standardized) at
 * each path's chosen λ, lasso next to ridge, with exact zeros marked.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { NoiseResult } from '../../teach/noise';
import { colorsOf, finish, type TeachSpecOptions } from './common';

export function noisePathSpec(r: NoiseResult, which: 'l1' | 'l2', o: TeachSpecOptions = {}): TopLevelSpec {
  const c = colorsOf(o);
  const path = which === 'l1' ? r.l1 : r.l2;
  const chosen = which === 'l1' ? r.indexL1 : r.indexL2;
  const values = path.beta.flatMap((b, k) => r.features.map((f, j) => ({
    k, logLambda: Math.log(path.lambda[k]), feature: f.name, noise: f.isNoise, w: b[j] * r.scales[j],
  })));
  return finish({
    description: `${which === 'l1' ? 'Lasso' : 'Ridge'} paths with ${r.k} added noise columns`,
    title: { text: which === 'l1' ? 'Lasso (L1) path with noise columns' : 'Ridge (L2) path with noise columns', subtitle: 'dashed grey: the added noise columns' },
    width: 'container', height: o.height ?? 220,
    data: { values },
    layer: [
      {
        mark: { type: 'line' },
        encoding: {
          x: { field: 'logLambda', type: 'quantitative', title: 'log λ  (λ shrinks →)', scale: { reverse: true } },
          y: { field: 'w', type: 'quantitative', title: 'weight (standardized)' },
          detail: { field: 'feature', type: 'nominal' },
          color: { condition: { test: 'datum.noise', value: c.muted }, field: 'feature', type: 'nominal', title: null, legend: null },
          strokeDash: { condition: { test: 'datum.noise', value: [4, 3] }, value: [1, 0] },
          tooltip: [{ field: 'feature' }, { field: 'w', format: '.3g' }],
        },
      },
      { mark: { type: 'rule', color: c.rule, strokeWidth: 2 }, encoding: { x: { datum: Math.log(path.lambda[chosen]), type: 'quantitative' } } },
    ],
  }, o);
}

export function noiseBarsSpec(r: NoiseResult, o: TeachSpecOptions = {}): TopLevelSpec {
  const c = colorsOf(o);
  const values = r.features.flatMap((f) => [
    { feature: f.name, noise: f.isNoise, penalty: 'lasso (L1)', size: f.sizeL1, zero: f.exactZeroL1 },
    { feature: f.name, noise: f.isNoise, penalty: 'ridge (L2)', size: f.sizeL2, zero: f.exactZeroL2 },
  ]);
  return finish({
    description: 'Size of each weight under lasso and ridge, noise columns included',
    title: { text: 'Which weights survive?', subtitle: 'lasso sets noise to exactly 0 (○); ridge only shrinks it' },
    width: 'container', height: { step: 10 },
    data: { values },
    encoding: {
      y: { field: 'feature', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'penalty', type: 'nominal' },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'size', type: 'quantitative', title: '|weight| at the chosen λ (standardized)' },
          color: { field: 'penalty', type: 'nominal', title: null, scale: { range: [c.positive, c.negative] } },
          opacity: { condition: { test: 'datum.noise', value: 0.5 }, value: 1 },
          tooltip: [{ field: 'feature' }, { field: 'penalty' }, { field: 'size', format: '.3g' }, { field: 'zero', title: 'exactly 0' }],
        },
      },
      { transform: [{ filter: 'datum.zero' }], mark: { type: 'point', color: c.foreground }, encoding: { x: { datum: 0, type: 'quantitative' } } },
    ],
  }, o);
}
