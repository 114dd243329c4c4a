import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite';
import { gradientDescent } from '../../../src/core/teach/gradient';
import { gradientSpecs, gradientRows, pullRows, rowsMaxAbsW, solutionRows, SOLUTION_DATA, STEP_SIGNAL } from '../../../src/core/specs/teach/gradient';
import { gradientCaption, gradientPendingCaption } from '../../../src/core/specs/teach/captions';
import { vegaConfigFromTheme } from '../../../src/core/specs/theme';
import { synthetic } from './helpers';

const config = vegaConfigFromTheme({}, 'dark');

async function compiles(spec: TopLevelSpec, what: string): Promise<Record<string, unknown>> {
  const { compile } = await import('vega-lite');
  const s = spec as unknown as Record<string, unknown>;
  assert.equal(s.width, 'container', `${what}: width`);
  const warnings: string[] = [];
  const logger = { level: () => logger, warn: (...a: unknown[]) => { warnings.push(a.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...a: unknown[]) => { throw new Error(a.join(' ')); } };
  const out = compile(spec, { logger: logger as never });
  // Vega-Lite always says this for width 'container' with a step height; the result is fit-x as intended.
  assert.deepEqual(warnings.filter((w) => !w.includes('Dropping "fit-y" because spec has discrete height')), [], `${what}: vega-lite warnings`);
  assert.deepEqual((s.config as Record<string, unknown>).background, config.background, `${what}: theme config merged`);
  return out.spec as unknown as Record<string, unknown>;
}

function signals(vg: Record<string, unknown>): string[] {
  return ((vg.signals as { name: string }[] | undefined) ?? []).map((x) => x.name);
}

interface SceneItem { datum?: Record<string, unknown>; items?: SceneItem[]; name?: string }

/** Data of every leaf item of the scenegraph (what the marks actually draw). */
function marks(node: SceneItem, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (node.datum && !node.items) out.push(node.datum);
  for (const it of node.items ?? []) marks(it, out);
  return out;
}

/** Runs a compiled spec headless with the AST interpreter, as the webview does, and returns the view. */
async function run(vg: Record<string, unknown>) {
  const vega = await import('vega');
  const { expressionInterpreter } = await import('vega-interpreter');
  const view = new vega.View(vega.parse(vg as never, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter } as never);
  await view.runAsync();
  return view;
}

test('gradient view: three specs compile, the step signal drives them, captions use the user\'s names', async () => {
  const d = synthetic('gaussian');
  const r = gradientDescent(d, { lambda: 0.2, alpha: 0.5 });
  const specs = gradientSpecs(r, { config });
  for (const [name, spec] of Object.entries(specs)) await compiles(spec, name);
  const vg = await compiles(specs.step, 'step');
  assert.ok(signals(vg).includes(STEP_SIGNAL));
  const view = await run(vg);
  const at = async (i: number) => {
    view.signal(STEP_SIGNAL, i);
    await view.runAsync();
    return marks((view.scenegraph() as unknown as { root: SceneItem }).root).filter((d) => typeof d.frame === 'number').map((d) => d.frame as number);
  };
  const f3 = await at(3);
  assert.ok(f3.length >= 5 && f3.every((f) => f === 3), `frames seen: ${f3.length}`);
  assert.ok((await at(7)).every((f) => f === 7));
  const rows = gradientRows(r);
  assert.equal(rows.length, r.frames.length * 5);
  // Penalty arrows point at 0 from both sides.
  for (const row of rows) if (row.penaltyPart !== 0 && row.w !== 0) assert.ok(Math.abs(row.penaltyTip) < Math.abs(row.w) || Math.sign(row.penaltyTip) !== Math.sign(row.w));
  const cap = gradientCaption(r);
  assert.match(cap, /^At λ = 0\.2 \(elastic net \(α = 0\.5\)\)/);
  assert.match(cap, /bmi settled at/);
  // The trajectories' dashed solution lines are a named dataset (swapped on a λ move before the descent arrives).
  const traj = specShape(specs.trajectories);
  assert.deepEqual(traj.data.get(SOLUTION_DATA), solutionRows(r.featureNames, r.beta));
  assert.deepEqual(specShape(specs.pull).data.get('penalty_pull'), pullRows(r.lambda, r.alpha, r.eta, rowsMaxAbsW(rows), r.l2Scale));
});

test('gradient caption while the descent is computed: the step\'s parts and the solution in the user\'s names, as the final caption says them', () => {
  const d = synthetic('gaussian');
  const r = gradientDescent(d, { lambda: 0.6, alpha: 1 });
  const pending = gradientPendingCaption(r.featureNames, r.lambda, r.alpha, r.l2Factor, r.l1Step, r.b, r.beta);
  const final = gradientCaption(r);
  const head = final.slice(0, final.indexOf('; after'));
  assert.ok(pending.startsWith(head), `${pending} vs ${final}`);
  assert.match(pending, /the solution puts bmi at \+\d/);
  const zeros = r.featureNames.filter((_, j) => r.beta[j] === 0);
  assert.ok(zeros.length > 0, 'some weight is 0 at this λ');
  assert.match(pending, new RegExp(`${zeros[0]}.* (is|are) exactly 0 \\(computing the descent…\\)\\.$`));
});

import { objectiveAlongPath, objectiveSlice } from '../../../src/core/teach/objective';
import { noiseExperiment } from '../../../src/core/teach/noise';
import { shrinkBetween } from '../../../src/core/teach/shrink';
import { interceptExperiment } from '../../../src/core/teach/intercept';
import { binomialInterceptExperiment } from '../../../src/core/teach/interceptBinomial';
import { goldilocks } from '../../../src/core/teach/goldilocks';
import { InfluenceScene, LogisticScene, outlierDomain } from '../../../src/core/teach/outlier';
import { constraintGeometry } from '../../../src/core/teach/geometry';
import {
  LAMBDA_SIGNAL, SUBTRACT_SIGNAL, SLICE_W_SIGNAL, SLICE_DATA, PENALIZE_SIGNAL, POINTS_DATA, LINES_DATA, DRAG_PARAM, DOMAIN_PARAMS, objectivePathSpec, objectiveSliceSpec, noisePathSpec, noiseBarsSpec,
  shrinkSpec, interceptSpec, interceptShiftSpec, interceptErrorSpec, goldilocksSpec, predictedActualSpec, outlierSpec, outlierLines, geometrySpec,
  objectiveCaption, noiseCaption, shrinkCaption, interceptCaption, goldilocksCaption, outlierCaption, geometryCaption,
  binomialInterceptSpec, binomialInterceptShiftSpec, binomialInterceptErrorSpec, binomialInterceptCaption, INTERCEPT_SWEEP_DATA, INTERCEPT_POINTS_DATA, shortfallPhrase,
} from '../../../src/core/specs/teach';
import { referenceFitPath } from './helpers';
import { fitPath } from '../../../src/core/engine/path';

const gauss = synthetic('gaussian');
const pathG = (alpha: number, lambda?: number[]) => referenceFitPath(gauss.X, gauss.nobs, gauss.nvars, gauss.y, { family: 'gaussian', alpha, lambda, nlambda: 20 });

test('objective views compile; the subtract switch swaps the slice for the wide loss − λ·penalty curve', async () => {
  const path = pathG(0.5, [0.5, 0.2, 0.05]);
  await compiles(objectivePathSpec(objectiveAlongPath(gauss, path), { config, lambdaIndex: 1 }), 'objective path');
  const sl = objectiveSlice(gauss, path, 1, 0);
  const vg = await compiles(objectiveSliceSpec(sl, { config }), 'slice');
  const view = await run(vg);
  const terms = async (v: Awaited<ReturnType<typeof run>>) => {
    await v.runAsync();
    return new Set(marks((v.scenegraph() as unknown as { root: SceneItem }).root).map((d) => d.term).filter(Boolean));
  };
  assert.ok((await terms(view)).has('loss + λ·penalty'));
  // The switch: the other variant's rows (and the signal), same shape, so the embedded chart swaps them.
  const subSpec = objectiveSliceSpec(sl, { config, subtract: true });
  assert.equal(specShape(subSpec).shape, specShape(objectiveSliceSpec(sl, { config })).shape);
  assert.equal(specShape(subSpec).params.get(SUBTRACT_SIGNAL), true);
  const sub = await terms(await run(await compiles(subSpec, 'slice, subtract')));
  assert.ok(sub.has('loss − λ·penalty') && !sub.has('loss + λ·penalty'));
  // Only the shown variant's rows are in the data (a λ move swaps half as many).
  assert.equal(specShape(subSpec).data.get(SLICE_DATA)!.length, 3 * sl.wide.length);
  assert.equal(specShape(objectiveSliceSpec(sl, { config })).data.get(SLICE_DATA)!.length, 3 * sl.points.length);
  // Moving the weight by hand: the highlighted samples follow the slice_w signal.
  view.signal(SLICE_W_SIGNAL, 0);
  await view.runAsync();
  const near0 = marks((view.scenegraph() as unknown as { root: SceneItem }).root).filter((d) => 'best' in d);
  assert.equal(near0.length, 3);
  assert.ok(near0.every((d) => d.w === 0));
  assert.match(objectiveCaption(sl, false), /^At λ = 0\.2, bmi's \(standardized\) weight sits at .* pulls it outward by (\S+) and the penalty pulls it back by \1/);
  assert.match(objectiveCaption(objectiveSlice(gauss, pathG(0, [3.3]), 0, 0), true), /keeps falling/);
});

test('noise, shrink and intercept views compile and their captions carry the numbers', async () => {
  const d = synthetic('gaussian', 200, 11);
  const nr = noiseExperiment(d, referenceFitPath, { k: 4, seed: 2, nlambda: 15 });
  await compiles(noisePathSpec(nr, 'l1', { config }), 'noise l1');
  await compiles(noisePathSpec(nr, 'l2', { config }), 'noise l2');
  await compiles(noiseBarsSpec(nr, { config }), 'noise bars');
  assert.match(noiseCaption(nr), /^3 of your 5 features entered the lasso path before any of the 4 noise columns; .*ridge kept all 4 non-zero/);

  const path = pathG(0, [1, 0.01]);
  const sr = shrinkBetween(path, gauss.featureNames, 1, 0);
  await compiles(shrinkSpec(sr, { config }), 'shrink');
  const bmi = sr.rows[0];
  const cap = shrinkCaption(sr, 0);
  assert.ok(cap.startsWith(`At λ = 1, L2 removed ${Math.round(bmi.removedPct)} % of bmi's weight (`), cap);
  assert.match(cap, /negative weights move up toward 0 too \(bp: −/);

  const dy = synthetic('gaussian', 120, 7, 50);
  const ir = interceptExperiment(dy, fitPath, 3, 0, { shift: 10 });
  const vg = await compiles(interceptSpec(ir, { config }), 'intercept');
  assert.ok(signals(vg).includes(PENALIZE_SIGNAL));
  await compiles(interceptShiftSpec(ir, { config }), 'intercept shift');
  await compiles(interceptErrorSpec(ir, { config }), 'intercept error');
  assert.match(interceptCaption(ir), /^At λ = 3 \(ridge\), penalizing the intercept pulls the mean prediction from ȳ = 50\.\d+ to \d+\.\d+ \(training MSE \S+ → \S+\); adding \+10 to y moves the unpenalized intercept by exactly 10 with the weights unchanged, the penalized one by only \d\.\d+, leaving it \S+ short of the new mean \(MSE \S+\)\.$/);
  const il = interceptExperiment(dy, fitPath, 3, 1, { shift: 10 });
  await compiles(interceptShiftSpec(il, { config }), 'intercept shift, lasso');
  assert.match(interceptCaption(il), /^At λ = 3 \(lasso\), .*, the penalized one by 10 too but still 3 short of the new mean \(L1 takes λα off the intercept wherever 0 is\), and a ridge-type intercept penalty would leave it \S+ short \(MSE \S+\), a gap that grows with the mean\.$/);
});

test('binomial intercept views compile, draw the sweep and the engine points, and the caption carries the rates', async () => {
  const d = synthetic('binomial', 160, 9);
  const pBar = d.y.reduce((a, b) => a + b, 0) / d.nobs;
  const r = binomialInterceptExperiment(d, fitPath, 0.2, 0, { sweepPoints: 25, positiveLabel: 'malignant' });
  const vg = await compiles(binomialInterceptSpec(r, { config }), 'binomial intercept');
  assert.ok(signals(vg).includes(PENALIZE_SIGNAL));
  const shift = await compiles(binomialInterceptShiftSpec(r, { config }), 'binomial intercept shift');
  await compiles(binomialInterceptErrorSpec(r, { config }), 'binomial intercept deviance');
  // The shortfall chart draws one line per fit over the sweep and the engine's points.
  const view = await run(shift);
  const rows = view.data(`${INTERCEPT_SWEEP_DATA}_intercept`) as { m: number; fit: string; v: number }[];
  assert.equal(rows.length, 2 * r.sweep.length);
  assert.ok(rows.filter((x) => x.fit.startsWith('not')).every((x) => Math.abs(x.v) < 1e-10), 'unpenalized: no shortfall at any rate');
  // Ridge: the mean prediction is dragged toward 50 %, further the more imbalanced the classes.
  const pen = rows.filter((x) => x.fit.startsWith('penalized'));
  const half = pen.find((x) => x.m === 0.5)!;
  assert.ok(pen[0].v > half.v && pen[pen.length - 1].v > half.v && pen[0].v > 0 && pen[pen.length - 1].v > 0, 'dragged toward 50 %, more at the ends');
  const pts = marks((view.scenegraph() as unknown as { root: SceneItem }).root).filter((x) => 'where' in x);
  assert.equal(pts.length, 4);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`.replace('.', '\\.');
  assert.match(binomialInterceptCaption(r), new RegExp(`^At λ = 0\\.2 \\(ridge\\), the data have ${pct(pBar)} malignant; the unpenalized intercept predicts ${pct(pBar)} on average, the penalized one \\d+\\.\\d %: penalizing the bias drags the predictions toward 50 % \\(training deviance \\S+ → \\S+, misclassified \\S+ % → \\S+ %\\); with the \\S+ rows repeated 3× \\(\\S+ % malignant\\) the unpenalized fit still predicts \\S+ %, the penalized one \\S+ % \\(\\d+\\.\\d percentage points off, \\d+\\.\\d at your balance\\): the more imbalanced the classes, the further a ridge-penalized intercept falls short\\.$`));
  const l = binomialInterceptExperiment(d, fitPath, 0.03, 1, { sweepPoints: 25 });
  await compiles(binomialInterceptShiftSpec(l, { config }), 'binomial intercept shift, lasso');
  assert.match(binomialInterceptCaption(l), /class 1; .*\(3\.0 percentage points off, as at your balance: L1 keeps the mean prediction λα short whatever the balance\); a ridge-type intercept penalty would be \S+ percentage points off \(\S+ at your balance\): the more imbalanced/);
});

test('Goldilocks views compile; the λ signal moves the chosen rule', async () => {
  const path = pathG(1);
  const cv = { lambda: path.lambda, cvm: path.lambda.map((_, k) => 1 + ((k - 12) / 6) ** 2), cvsd: path.lambda.map(() => 0.3), trainError: path.lambda.map((_, k) => 2 - k / 20), indexMin: 12, index1se: 9 };
  const r = goldilocks(cv, path, gauss, 15);
  const vg = await compiles(goldilocksSpec(r, { config, measure: 'MSE' }), 'goldilocks');
  assert.ok(signals(vg).includes(LAMBDA_SIGNAL));
  const view = await run(vg);
  const ruleK = async (k: number) => {
    view.signal(LAMBDA_SIGNAL, k);
    await view.runAsync();
    return marks((view.scenegraph() as unknown as { root: SceneItem }).root).filter((d) => d.k === k && 'region' in d).length;
  };
  assert.ok((await ruleK(4)) >= 2, 'the chosen-λ rule and the CV point at k = 4');
  await compiles(predictedActualSpec(r, { config, targetName: 'y' }), 'predicted vs actual');
  assert.match(goldilocksCaption(r), /^CV error is lowest at λ\.min = .*overfitting.*underfitting\. The chosen λ = .* is in the "just right" region\.$/);
});

test('outlier and geometry views compile; drag param and data names are exposed; captions', async () => {
  const pts = Array.from({ length: gauss.nobs }, (_, i) => ({ x: gauss.X[i], y: gauss.y[i] }));
  const scene = new InfluenceScene(pts, 0.3, 1);
  const before = scene.fit();
  const after = scene.move(0, { x: 3, y: -20 });
  const vg = await compiles(outlierSpec(scene.points, after, { config, featureName: 'bmi', targetName: 'y', moved: [0] }), 'outlier');
  assert.ok(signals(vg).some((n) => n.startsWith(DRAG_PARAM)));
  const names = ((vg.data as { name: string }[]) ?? []).map((d) => d.name);
  assert.ok(names.includes(POINTS_DATA) && names.includes(LINES_DATA));
  assert.equal(outlierLines(after, -1, 1).length, 4);
  assert.match(outlierCaption(after, 'bmi', 'y', before), /^y against bmi: least squares slope .* lasso at λ = 0\.3 slope .*; the moved point changed/);
  // Binomial: logistic curves (sampled), labels flip.
  const bin = synthetic('binomial', 150, 5);
  const bpts = Array.from({ length: bin.nobs }, (_, i) => ({ x: bin.X[i], y: bin.y[i] }));
  const ls = new LogisticScene(bpts, 0.05, 1);
  const b0 = ls.fit();
  const b1 = ls.flip(3);
  const bv = await compiles(outlierSpec(ls.points, b1, { config, featureName: 'bmi', targetName: 'diabetic', moved: [3] }), 'outlier binomial');
  assert.ok(((bv.data as { name: string }[]) ?? []).some((d) => d.name === LINES_DATA));
  const curves = outlierLines(b1, -2, 2);
  assert.equal(curves.length, 120);
  assert.ok(curves.every((c) => c.y > 0 && c.y < 1));
  // No λ in the legend: it stays put as λ moves (the caption states λ).
  assert.deepEqual([...new Set(curves.map((c) => c.fit))], ['unregularized logistic', 'lasso']);
  assert.match(outlierCaption(b1, 'bmi', 'diabetic', b0), /^diabetic against bmi: unregularized logistic slope \S+ \(log-odds per unit\), lasso at λ = 0\.05 slope \S+; the changed labels and points changed the unregularized logistic slope by/);

  // Binomial: the y axis is the fixed probability range, through the domain params too.
  assert.deepEqual(specShape(outlierSpec(ls.points, b1, { config })).params.get(DOMAIN_PARAMS.yhi), 1.05);

  for (const alpha of [1, 0]) {
    const path = pathG(alpha, [0.8, 0.3, 0.05]);
    const g = constraintGeometry(gauss, path, 0, 1, { grid: 25 });
    const gv = await compiles(geometrySpec(g, { config, lambdaIndex: 1 }), `geometry α=${alpha}`);
    const view = await run(gv);
    view.signal(LAMBDA_SIGNAL, 2);
    await view.runAsync();
    const shown = marks((view.scenegraph() as unknown as { root: SceneItem }).root).filter((d) => typeof d.k === 'number' && 'order' in d && !('level' in d));
    assert.ok(shown.length > 100 && shown.every((d) => d.k === 2), 'only the chosen λ boundary is drawn');
    const cap = geometryCaption(g, 0);
    assert.match(cap, alpha === 1 ? /^At λ = 0\.8, the lowest loss contour that reaches the L1 diamond \|bmi\| \+ \|bp\| ≤ / : /^At λ = 0\.8, .*L2 circle of radius .*off the axes/);
  }
});

// ── the λ slider swaps data, never re-embeds ──────────────────────────────────────────────────
import { specShape } from '../../../src/core/specs/teach/common';

/** Scene marks of a view, as plain datums (for comparing two views). */
async function sceneOf(view: Awaited<ReturnType<typeof run>>): Promise<string> {
  await view.runAsync();
  const ms = marks((view.scenegraph() as unknown as { root: SceneItem }).root);
  return JSON.stringify(ms.map((d) => Object.keys(d).sort().map((k) => `${k}=${typeof d[k] === 'number' ? Number((d[k] as number).toPrecision(8)) : String(d[k])}`).join(',')).sort());
}

/** Where a view's leaf items are drawn (x, y, x2, y2, size), sorted: to check re-encoding, not just the data. */
async function geometryOf(view: Awaited<ReturnType<typeof run>>): Promise<string> {
  await view.runAsync();
  const out: string[] = [];
  const walk = (node: SceneItem & Record<string, unknown>) => {
    if (node.datum && !node.items) out.push(['x', 'y', 'x2', 'y2', 'size'].map((k) => (typeof node[k] === 'number' ? Number((node[k] as number).toPrecision(8)) : '')).join(','));
    for (const it of node.items ?? []) walk(it as SceneItem & Record<string, unknown>);
  };
  walk((view.scenegraph() as unknown as { root: SceneItem & Record<string, unknown> }).root);
  return JSON.stringify(out.sort());
}

test('every λ-dependent view has the same shape at two λ, and swapping the named data reproduces the other λ\'s chart', async () => {
  const path = pathG(1);
  const dy = synthetic('gaussian', 120, 7, 50);
  const cv = { lambda: path.lambda, cvm: path.lambda.map((_, k) => 1 + ((k - 12) / 6) ** 2), cvsd: path.lambda.map(() => 0.3), trainError: path.lambda.map((_, k) => 2 - k / 20), indexMin: 12, index1se: 9 };
  const pairs: [string, TopLevelSpec, TopLevelSpec][] = [];
  const gd = (lam: number) => gradientSpecs(gradientDescent(gauss, { lambda: lam, alpha: 1 }), { config });
  for (const name of ['step', 'trajectories', 'pull'] as const) pairs.push([`gradient ${name}`, gd(0.3)[name], gd(0.05)[name]]);
  pairs.push(['objective slice', objectiveSliceSpec(objectiveSlice(gauss, path, 5, 0), { config }), objectiveSliceSpec(objectiveSlice(gauss, path, 15, 0), { config })]);
  pairs.push(['shrink', shrinkSpec(shrinkBetween(path, gauss.featureNames, 19, 3), { config }), shrinkSpec(shrinkBetween(path, gauss.featureNames, 19, 12), { config })]);
  pairs.push(['predictions', predictedActualSpec(goldilocks(cv, path, gauss, 4), { config }), predictedActualSpec(goldilocks(cv, path, gauss, 16), { config })]);
  const ia = interceptExperiment(dy, fitPath, 3, 1, { shift: 10 });
  const ib = interceptExperiment(dy, fitPath, 0.3, 1, { shift: 10 });
  pairs.push(['intercept scatter', interceptSpec(ia, { config }), interceptSpec(ib, { config })]);
  pairs.push(['intercept shift', interceptShiftSpec(ia, { config }), interceptShiftSpec(ib, { config })]);
  pairs.push(['intercept error', interceptErrorSpec(ia, { config }), interceptErrorSpec(ib, { config })]);
  const db = synthetic('binomial', 160, 9);
  const ba = binomialInterceptExperiment(db, fitPath, 0.05, 1, { sweepPoints: 15 });
  const bb = binomialInterceptExperiment(db, fitPath, 0.01, 1, { sweepPoints: 15 });
  pairs.push(['binomial intercept scatter', binomialInterceptSpec(ba, { config }), binomialInterceptSpec(bb, { config })]);
  // With the x axis fixed over every λ (binomialInterceptDomain), as the view draws it on a λ move.
  const logitDomain = [-6, 5] as const;
  pairs.push(['binomial intercept scatter, fixed axes', binomialInterceptSpec(ba, { config, logitDomain }), binomialInterceptSpec(bb, { config, logitDomain })]);
  pairs.push(['binomial intercept shift', binomialInterceptShiftSpec(ba, { config }), binomialInterceptShiftSpec(bb, { config })]);
  pairs.push(['binomial intercept error', binomialInterceptErrorSpec(ba, { config }), binomialInterceptErrorSpec(bb, { config })]);
  for (const [what, a, b] of pairs) {
    const sa = specShape(a);
    const sb = specShape(b);
    assert.equal(sa.shape, sb.shape, `${what}: a new λ changes more than data and params`);
    assert.ok(sa.data.size >= 1, `${what}: no named dataset`);
    // Swap b's rows and params into a view of a: the scene equals a view of b.
    const va = await run(await compiles(a, what));
    for (const [name, rows] of sb.data) va.data(name, rows as object[]);
    for (const [name, value] of sb.params) va.signal(name, value);
    const vb = await run(await compiles(b, what));
    assert.equal(await sceneOf(va), await sceneOf(vb), `${what}: swapped view differs from a fresh one`);
    // As the webview's Slot does for rows with the same fields: modify the changed fields of the
    // view's tuples in place (by position). The scene equals a fresh view of b, too.
    if (what === 'binomial intercept scatter, fixed axes') {
      // Only the points' log-odds and probabilities change: modified in place, no other field.
      const edits = rowEdits(sa.data.get(INTERCEPT_POINTS_DATA), sb.data.get(INTERCEPT_POINTS_DATA)!);
      assert.ok(edits?.length, 'binomial points are modified in place');
      assert.deepEqual(new Set(edits!.map((e) => e[1])), new Set(['logit', 'probability']));
      assert.deepEqual(va.scale('x').domain(), [...logitDomain], 'the x axis is the given extent');
      // Cut at the cap: the subtitle says rows past it sit at the edge, where the scale clamps them.
      const cut = binomialInterceptSpec(ba, { config, logitDomain: [-1, 10] }) as { title: { subtitle: string } };
      assert.match(cut.title.subtitle, /log-odds past ±10 drawn at the edge/);
      assert.doesNotMatch((a as unknown as { title: { subtitle: string } }).title.subtitle, /past/);
      const vc = await run(await compiles(cut as never, 'binomial intercept scatter, cut'));
      assert.equal(vc.scale('x')(1e3), vc.scale('x')(10), 'log-odds past the edge are drawn at it');
    }
    if (what === 'predictions') assert.ok(rowEdits(sa.data.get('predictions'), sb.data.get('predictions')!)?.length, 'predictions are modified in place');
    const vm = await run(await compiles(a, what));
    await vm.runAsync();
    const vega = await import('vega');
    for (const [name, rows] of sb.data) {
      const edits = rowEdits(sa.data.get(name), rows);
      const tuples = vm.data(name) as Record<string, unknown>[];
      if (edits && tuples.length === rows.length) {
        const cs = vega.changeset();
        for (const [i, field, value] of edits) cs.modify(tuples[i], field, value);
        vm.change(name, cs);
      } else {
        vm.data(name, rows as object[]);
      }
    }
    for (const [name, value] of sb.params) vm.signal(name, value);
    assert.equal(await sceneOf(vm), await sceneOf(vb), `${what}: view modified in place differs from a fresh one`);
    assert.equal(await geometryOf(vm), await geometryOf(vb), `${what}: marks modified in place are drawn elsewhere than a fresh view's`);

  }
  // A shape change (another feature, or a theme) is not a data swap.
  assert.notEqual(specShape(objectiveSliceSpec(objectiveSlice(gauss, path, 5, 0), { config })).shape, specShape(objectiveSliceSpec(objectiveSlice(gauss, path, 5, 1), { config })).shape);
  assert.notEqual(specShape(shrinkSpec(shrinkBetween(path, gauss.featureNames, 19, 3), { config })).shape, specShape(shrinkSpec(shrinkBetween(path, gauss.featureNames, 19, 3), { config: vegaConfigFromTheme({}, 'light') })).shape);
});

test('the intercept shift chart says how the penalized intercept falls short for the model’s α', () => {
  const dy = synthetic('gaussian', 80, 4);
  const subtitle = (alpha: number) => {
    const t = (interceptShiftSpec(interceptExperiment(dy, fitPath, 2, alpha, { shift: 10 }), { config }) as { title: { subtitle: string } }).title;
    return t.subtitle;
  };
  assert.match(subtitle(1), /lasso: by λα/);
  assert.match(subtitle(0.5), /elastic net: by λα, then a share of the rest/);
  assert.doesNotMatch(subtitle(0.5), /lasso/);
  assert.match(subtitle(0), /^unpenalized: never, for any shift; ridge: by a share of the mean/);
  assert.doesNotMatch(subtitle(0), /λα/);
  assert.equal(shortfallPhrase(0.999), shortfallPhrase(0.5));
});

// ── fixed domains and cheap λ moves ───────────────────────────────────────────────────────────
import { goldilocksAll, goldilocksAt, goldilocksDomain, objectiveSliceDomains, objectiveSlices } from '../../../src/core/teach/allLambdas';
import { commonSliceRange } from '../../../src/core/teach/objective';
import { packByFrame, geometryRows } from '../../../src/core/specs/teach/geometry';
import { rowEdits, sameRows } from '../../../src/core/specs/teach/common';

/** The compiled scales' domains after the view ran (what the axes show). */
function domains(view: Awaited<ReturnType<typeof run>>, names: string[]): string {
  return JSON.stringify(names.map((n) => (view.scale(n) as unknown as { domain(): unknown[] }).domain()));
}

test('predictions at every λ share one fixed domain: a λ swap changes the points, never the axes or the diagonal', async () => {
  const path = pathG(1);
  const cv = { lambda: path.lambda, cvm: path.lambda.map((_, k) => 1 + ((k - 12) / 6) ** 2), cvsd: path.lambda.map(() => 0.3), trainError: path.lambda.map((_, k) => 2 - k / 20), indexMin: 12, index1se: 9 };
  const all = goldilocksAll(cv, path, gauss, 10);
  const domain = goldilocksDomain(all);
  for (let k = 0; k < path.lambda.length; k++) {
    for (const p of goldilocksAt(all, k).points) assert.ok(p.actual >= domain[0] && p.actual <= domain[1] && p.predicted >= domain[0] && p.predicted <= domain[1], `k=${k}`);
  }
  assert.ok(all.predicted.some((pk) => pk.includes(domain[0]) || pk.includes(domain[1])) || all.base.points.some((p) => p.actual === domain[0] || p.actual === domain[1]), 'the domain is tight');
  const a = predictedActualSpec(goldilocksAt(all, 0), { config, domain });
  const b = predictedActualSpec(goldilocksAt(all, path.lambda.length - 1), { config, domain });
  const sa = specShape(a), sb = specShape(b);
  assert.equal(sa.shape, sb.shape);
  // Only the points differ: the diagonal's rows are the same, so a swap leaves that dataset alone.
  assert.ok(sameRows(sa.data.get('predictions_diagonal'), sb.data.get('predictions_diagonal')!));
  assert.ok(!sameRows(sa.data.get('predictions'), sb.data.get('predictions')!));
  const va = await run(await compiles(a, 'predictions, fixed domain'));
  const before = domains(va, ['x', 'y']);
  assert.equal(before, JSON.stringify([domain, domain]));
  va.data('predictions', sb.data.get('predictions') as object[]);
  await va.runAsync();
  assert.equal(domains(va, ['x', 'y']), before, 'a λ swap keeps the axes');
  // No validity filter on the re-encoded points.
  assert.match(JSON.stringify(a), /"invalid":null/);
  assert.throws(() => goldilocksDomain({ base: { ...all.base, points: [] }, predicted: [] }), /at least one finite value/);
});

test('geometry rows are packed one row per frame; a λ move keeps the axes', async () => {
  const path = pathG(1, [0.8, 0.3, 0.05]);
  const g = constraintGeometry(gauss, path, 0, 1, { grid: 25 });
  const { contours, boundary } = geometryRows(g);
  for (const rows of [contours, boundary]) {
    const packed = packByFrame(rows);
    assert.equal(packed.length, new Set(rows.map((r) => r.k)).size);
    // Flattening the packed rows gives back every row, in order.
    const flat = packed.flatMap((f) => (f.w1 as number[]).map((_, i) => Object.fromEntries(Object.entries(f).map(([key, v]) => [key, Array.isArray(v) ? v[i] : v]))));
    assert.deepEqual(flat.map((r) => JSON.stringify(r, Object.keys(rows[0]).sort())), rows.map((r) => JSON.stringify(r, Object.keys(rows[0]).sort())));
  }
  const view = await run(await compiles(geometrySpec(g, { config, lambdaIndex: 0 }), 'geometry'));
  const before = domains(view, ['x', 'y']);
  view.signal(LAMBDA_SIGNAL, 2);
  await view.runAsync();
  assert.equal(domains(view, ['x', 'y']), before);
});

test('rowEdits lists the changed fields of rows with the same fields; sameRows compares by value', () => {
  assert.deepEqual(rowEdits([{ a: 1, b: 'x' }, { a: 2, b: 'y' }], [{ a: 1, b: 'x' }, { a: 3, b: 'z' }]), [[1, 'a', 3], [1, 'b', 'z']]);
  assert.equal(rowEdits([{ a: 1 }], [{ b: 1 }]), null, 'other fields');
  assert.equal(rowEdits([{ a: 1 }], [{ a: 1 }, { a: 2 }]), null, 'other length');
  assert.equal(rowEdits(undefined, [{ a: 1 }]), null);
  assert.ok(sameRows([{ a: 1, b: 'x' }], [{ a: 1, b: 'x' }]));
  assert.ok(sameRows([{ a: NaN }], [{ a: NaN }]));
  assert.ok(!sameRows([{ a: 1 }], [{ a: 2 }]));
  assert.ok(!sameRows([{ a: 1 }], [{ a: 1, b: 2 }]));
  assert.ok(!sameRows([{ a: 1 }], [{ a: 1 }, { a: 1 }]));
  assert.ok(!sameRows(undefined, []));
  assert.ok(sameRows([], []));
});

test('objective slices at every λ share one range and fixed axes: a λ swap changes the curves, never the axes', async () => {
  const path = pathG(0.5);
  const range = commonSliceRange(gauss, path, 0);
  const slices = objectiveSlices(gauss, path, 0);
  const doms = objectiveSliceDomains(slices);
  for (const sl of slices) {
    assert.ok(Math.abs(sl.points[0].w - range[0]) < 1e-12 && Math.abs(sl.points[sl.points.length - 1].w - range[1]) < 1e-12);
    for (const p of sl.points) for (const v of [p.loss, p.lambdaPenalty, p.total]) assert.ok(v >= doms.points.value[0] && v <= doms.points.value[1]);
    for (const p of sl.wide) for (const v of [p.loss, -p.lambdaPenalty, p.subtracted]) assert.ok(v >= doms.wide.value[0] && v <= doms.wide.value[1]);
  }
  assert.ok(Math.abs(doms.points.w[0] - range[0]) < 1e-12 && Math.abs(doms.points.w[1] - range[1]) < 1e-12);
  const a = objectiveSliceSpec(slices[2], { config, domain: doms.points });
  const b = objectiveSliceSpec(slices[15], { config, domain: doms.points });
  assert.equal(specShape(a).shape, specShape(b).shape);
  const va = await run(await compiles(a, 'slice, fixed domain'));
  const before = domains(va, ['x', 'y']);
  assert.equal(before, JSON.stringify([doms.points.w, doms.points.value]));
  for (const [name, rows] of specShape(b).data) va.data(name, rows as object[]);
  await va.runAsync();
  assert.equal(domains(va, ['x', 'y']), before, 'a λ swap keeps the axes');
  assert.throws(() => objectiveSliceDomains([]), /at least one slice point/);
  // Framed on one λ: the values span that slice only; w still spans every slice.
  const framed = objectiveSliceDomains(slices, [15]);
  assert.deepEqual(framed.points.w, doms.points.w);
  const at15 = slices[15].points.flatMap((p) => [p.loss, p.lambdaPenalty, p.total]);
  assert.deepEqual(framed.points.value, [Math.min(...at15), Math.max(...at15)]);
  assert.ok(framed.points.value[1] < doms.points.value[1], 'the largest λ\'s penalty no longer sets the top');
});

test('outlier view: a λ move changes only the lines\' rows (same shape, points and axes); the axes follow the domain params', async () => {
  const pts = Array.from({ length: gauss.nobs }, (_, i) => ({ x: gauss.X[i], y: gauss.y[i] }));
  const scene = new InfluenceScene(pts, 0.3, 1);
  scene.add({ x: 4, y: -60 });
  const domain = outlierDomain('gaussian', scene.points);
  const at = (l: number) => specShape(outlierSpec(scene.points, scene.setLambda(l), { config, moved: [scene.points.length - 1], domain }));
  const a = at(0.3), b = at(0.01);
  assert.equal(a.shape, b.shape, 'same spec shape: the chart is not embedded again');
  assert.deepEqual(a.params, b.params, 'same axes');
  assert.ok(sameRows(a.data.get(POINTS_DATA), b.data.get(POINTS_DATA)!), 'points untouched');
  const edits = rowEdits(a.data.get(LINES_DATA), b.data.get(LINES_DATA)!);
  assert.ok(edits && edits.length > 0 && edits.every(([, field]) => field === 'y'), 'only the lines\' y values change');
  // The compiled chart's axes are the params' extents (niced outward) and move when a param does.
  const view = await run(await compiles(outlierSpec(scene.points, scene.fit(), { config, domain }), 'outlier with domain'));
  const y0 = view.scale('y').domain() as number[];
  const x0 = view.scale('x').domain() as number[];
  assert.ok(y0[0] <= domain.y[0] && y0[1] >= domain.y[1] && x0[0] <= domain.x[0] && x0[1] >= domain.x[1], `y ${y0} ⊇ ${domain.y}, x ${x0} ⊇ ${domain.x}`);
  // The grabbed point (the DRAG_PARAM param, −1: none) is drawn larger; no Voronoi layer is built for grabbing.
  const sizeOf = (root: unknown, i: number): number[] => {
    const out: number[] = [];
    const walk = (n: { datum?: { i?: number }; items?: unknown[]; size?: number }) => {
      if (n.datum?.i === i && !n.items && typeof n.size === 'number') out.push(n.size);
      for (const c of n.items ?? []) walk(c as never);
    };
    walk(root as never);
    return out;
  };
  const root = () => (view.scenegraph() as unknown as { root: unknown }).root;
  assert.deepEqual(sizeOf(root(), 7), [30]);
  view.signal(DRAG_PARAM, 7);
  await view.runAsync();
  assert.deepEqual(sizeOf(root(), 7), [140]);
  assert.deepEqual(sizeOf(root(), 8), [30]);
  assert.equal(specShape(outlierSpec(scene.points, scene.fit(), { config, domain, grabbed: 7 })).shape, specShape(outlierSpec(scene.points, scene.fit(), { config, domain })).shape, 'grabbing a point sets a param, same chart');
  assert.ok(!JSON.stringify(outlierSpec(scene.points, scene.fit(), { config, domain })).includes('nearest'));
  view.signal(DOMAIN_PARAMS.ylo, domain.y[0] - 1000);
  await view.runAsync();
  assert.ok((view.scale('y').domain() as number[])[0] <= domain.y[0] - 1000, 'the y axis follows its param');
});
