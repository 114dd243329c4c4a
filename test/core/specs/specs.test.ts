// The panel's Vega-Lite specs: compiled with vega-lite, then run headless in Vega (with the same
// AST + interpreter path the CSP-restricted webview uses) to check that the λ signal alone moves the
// rule and the bars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAMBDA_RULE, LAMBDA_SIGNAL, HOVER_PARAM, MAX_BARS, barRows, barsSpec, cvRows, cvSpec, dfTickIndices, dodge,
  fillVegaShape, finalizeVegaSpec, labelRows, lambdaRows, pathRows, pathsSpec, semanticColors, specParts, swapParts, vegaConfigFromTheme, vegaShape,
  type ViewOptions,
} from '../../../src/core/specs';
import type { ModelData } from '../../../src/protocol/messages';
import { smallModel } from './fixture';

const colors = semanticColors({}, 'light');
const opts = (o: Partial<ViewOptions> = {}): ViewOptions => ({ lambdaIndex: 2, xAxis: 'logLambda', colors, ...o });

type AnySpec = Record<string, unknown>;
interface SceneItem { datum?: Record<string, unknown>; items?: SceneItem[]; name?: string; marktype?: string; x?: number; y?: number }

async function compileToVega(spec: AnySpec): Promise<{ spec: AnySpec & { marks: AnySpec[]; signals?: { name: string; value?: unknown }[] }; warnings: string[] }> {
  const vl = await import('vega-lite');
  const warnings: string[] = [];
  const logger = {
    level() { return 0; }, info() { return logger; }, debug() { return logger; },
    warn(...a: unknown[]) { warnings.push(a.map(String).join(' ')); return logger; },
    error(...a: unknown[]) { throw new Error(a.map(String).join(' ')); },
  };
  const out = vl.compile({ ...spec, config: vegaConfigFromTheme({}, 'light') } as never, { logger: logger as never });
  return { spec: finalizeVegaSpec(out.spec as never), warnings };
}

/** Vega runtime warnings per view (e.g. "Infinite extent", logged at every update when a layer is empty). */
const runtimeWarnings = new WeakMap<object, string[]>();

/** Runs a compiled spec headless with the AST interpreter (no `Function`), as the webview does. */
async function run(vegaSpec: AnySpec) {
  const vega = await import('vega');
  const { expressionInterpreter } = await import('vega-interpreter');
  const warnings: string[] = [];
  const logger = {
    level() { return vega.Warn; }, info() { return logger; }, debug() { return logger; },
    warn(...a: unknown[]) { warnings.push(a.map(String).join(' ')); return logger; },
    error(...a: unknown[]) { warnings.push(`error: ${a.map(String).join(' ')}`); return logger; },
  };
  const runtime = vega.parse(vegaSpec as never, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: 'none', expr: expressionInterpreter, logger, logLevel: vega.Warn } as never);
  runtimeWarnings.set(view, warnings);
  await view.runAsync();
  return view;
}

function findMarks(node: SceneItem, name: string, out: SceneItem[] = []): SceneItem[] {
  if (node.name === name) out.push(node);
  for (const it of node.items ?? []) findMarks(it, name, out);
  return out;
}

function itemsOf(view: { scenegraph(): unknown }, name: string): SceneItem[] {
  const marks = findMarks((view.scenegraph() as { root: SceneItem }).root, name);
  assert.equal(marks.length, 1, `one mark named ${name}`);
  return marks[0].items ?? [];
}

const views = [
  ['paths', (m: ModelData, o: ViewOptions) => pathsSpec(m, o)],
  ['cv', (m: ModelData, o: ViewOptions) => cvSpec(m, o)],
  ['cv without CV', (m: ModelData, o: ViewOptions) => cvSpec({ ...m, cv: null }, o)],
  ['bars', (m: ModelData, o: ViewOptions) => barsSpec(m, o)],
] as const;

for (const [label, build] of views) {
  test(`${label}: compiles, declares the λ signal and a rule named ${LAMBDA_RULE} that follows it`, async () => {
    const { spec, warnings } = await compileToVega(build(smallModel(), opts()) as never);
    assert.deepEqual(warnings, []);
    const signal = spec.signals?.find((s) => s.name === LAMBDA_SIGNAL);
    assert.ok(signal, 'lambda_index signal');
    assert.equal(signal.value, 2);
    assert.ok(!JSON.stringify(spec).includes(`${LAMBDA_RULE}_marks`), 'rule renamed everywhere');

    const view = await run(spec);
    let rule = itemsOf(view, LAMBDA_RULE);
    assert.equal(rule.length, 1, 'exactly one rule at the chosen λ');
    assert.equal(rule[0].datum?.k, 2);
    const x2 = rule[0].x;
    await view.signal(LAMBDA_SIGNAL, 4).runAsync();
    rule = itemsOf(view, LAMBDA_RULE);
    assert.equal(rule.length, 1);
    assert.equal(rule[0].datum?.k, 4);
    if (label !== 'bars') assert.ok((rule[0].x ?? 0) > (x2 ?? 0), 'smaller λ sits further right');
    for (const k of [0, 1, 3]) await view.signal(LAMBDA_SIGNAL, k).runAsync();
    // (width: 'container' listens for window resizes; node has no window.)
    const seen = runtimeWarnings.get(view)?.filter((w) => w !== 'Can not resolve event source: window');
    assert.deepEqual(seen, [], 'no Vega warnings while the signal moves');
    view.finalize();
  });
}

test('paths: one line per visible feature, markers at the chosen λ follow the signal, hover param exists', async () => {
  const { spec } = await compileToVega(pathsSpec(smallModel(), opts({ hidden: ['c'] })) as never);
  assert.ok(spec.signals?.some((s) => s.name === HOVER_PARAM));
  const view = await run(spec);
  const lines = itemsOf(view, 'layer_1_pathgroup');
  assert.equal(lines.length, 2, 'a and b; c hidden');
  const markers = () => itemsOf(view, 'layer_2_marks').map((it) => [it.datum?.feature, it.datum?.beta]);
  assert.deepEqual(markers(), [['a', 1], ['b', -0.25]]);
  await view.signal(LAMBDA_SIGNAL, 4).runAsync();
  assert.deepEqual(markers(), [['a', 2], ['b', -1]]);
  view.finalize();
});

test('bars: filtered by the signal, sorted by |β|, zero kept; update needs no data change', async () => {
  const { spec } = await compileToVega(barsSpec(smallModel(), opts({ lambdaIndex: 1 })) as never);
  const view = await run(spec);
  const bars = () => itemsOf(view, 'layer_0_marks')
    .map((it) => ({ f: it.datum?.feature, b: it.datum?.beta, sign: it.datum?.sign, rank: it.datum?.rank, y: it.y }))
    .sort((p, q) => Number(p.rank) - Number(q.rank));
  assert.deepEqual(bars().map(({ y: _y, ...r }) => r), [
    { f: 'a', b: 0.5, sign: 'positive', rank: 1 }, { f: 'b', b: 0, sign: 'zero', rank: 2 }, { f: 'c', b: 0, sign: 'zero', rank: 3 }]);
  await view.signal(LAMBDA_SIGNAL, 4).runAsync();
  const after = bars();
  assert.deepEqual(after.map((r) => [r.f, r.b, r.sign]), [['a', 2, 'positive'], ['b', -1, 'negative'], ['c', 0, 'zero']]);
  assert.ok(after.every((r, i) => i === 0 || Number(r.y) > Number(after[i - 1].y)), 'drawn top to bottom by rank');
  const labels = itemsOf(view, 'layer_2_marks').map((it) => [it.datum?.valueText, (it as { align?: string }).align]);
  assert.deepEqual(labels, [['+2', 'left'], ['\u22121', 'right'], ['0', 'left']], 'value labels outside the bar ends');
  view.finalize();
});

test('bars: at most MAX_BARS bars, the largest |β| first', async () => {
  const p = MAX_BARS + 5;
  const features = Array.from({ length: p }, (_, j) => `f${j}`);
  const m = smallModel({ features, beta: features.map((_, j) => [0, j, j, j, j]), df: [0, p - 1, p - 1, p - 1, p - 1] });
  const { spec } = await compileToVega(barsSpec(m, opts()) as never);
  const view = await run(spec);
  const names = itemsOf(view, 'layer_0_marks').map((it) => String(it.datum?.feature));
  assert.equal(names.length, MAX_BARS);
  assert.ok(names.includes(`f${p - 1}`) && !names.includes('f0'));
  view.finalize();
});

test('rows: λ table, L1 norm and deviance x-axes, path rows, CV rows', () => {
  const m = smallModel();
  const l = lambdaRows(m, 'l1Norm');
  assert.deepEqual(l.map((r) => r.x), [0, 0.5, 1.25, 2, 3]);
  assert.deepEqual(lambdaRows(m, 'devRatio').map((r) => r.x), m.devRatio);
  assert.equal(lambdaRows(m, 'logLambda')[1].x, Math.log(0.5));
  const rows = pathRows(m, l, ['a']);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.filter((r) => r.k === 3).map((r) => [r.feature, r.beta, r.x, r.df]), [['b', -0.5, 2, 2], ['c', 0, 2, 2]]);
  const cv = cvRows(m);
  assert.deepEqual([cv[2].lo, cv[2].hi, cv[2].train], [2931.4 - 210.2, 2931.4 + 210.2, 21]);
  assert.deepEqual(cvRows({ ...m, cv: null }), []);
});

test('bar rows: one per visible feature with its whole path and the values as shown', () => {
  const rows = barRows(smallModel(), ['c']);
  assert.deepEqual(rows.map((r) => r.feature), ['a', 'b']);
  assert.deepEqual(rows[1].betas, [0, 0, -0.25, -0.5, -1]);
  assert.deepEqual(rows[1].texts, ['0', '0', '\u22120.25', '\u22120.5', '\u22121']);
});

test('line-end labels: only features that are ever nonzero, pushed apart but inside the range', () => {
  const m = smallModel();
  const labels = labelRows(m, lambdaRows(m, 'logLambda'), [], 280);
  assert.deepEqual(labels.map((l) => [l.feature, l.beta]), [['a', 2], ['b', -1]]);
  assert.ok(labels.every((l) => l.x === Math.log(0.0625)));
  const ys = dodge([0, 0.01, 0.02, 5], 1, -10, 10);
  assert.ok(ys[1] - ys[0] >= 1 - 1e-12 && ys[2] - ys[1] >= 1 - 1e-12);
  assert.equal(ys[3], 5);
  const top = dodge([9.9, 10], 1, 0, 10);
  assert.deepEqual(top, [9, 10]);
});

test('df row: ticks where the count changes, thinned by x distance', () => {
  const rows = [0, 1, 2, 3, 4, 5].map((k) => ({ k, x: k, df: [0, 1, 1, 2, 3, 3][k] }));
  assert.deepEqual(dfTickIndices(rows, 10), [0, 1, 3, 4]);
  assert.deepEqual(dfTickIndices(rows, 2), [0, 3]);
  assert.deepEqual(dfTickIndices([]), []);
});

test('degenerate models still compile and draw one rule: a single λ, all-zero paths, no CV', async () => {
  const one = smallModel({ lambda: [0.5], a0: [1], beta: [[0], [0], [0]], df: [0], devRatio: [0], cv: null, chosenIndex: 0 });
  for (const build of [pathsSpec, cvSpec, barsSpec]) {
    const { spec } = await compileToVega(build(one, opts({ lambdaIndex: 0 })) as never);
    const view = await run(spec);
    assert.equal(itemsOf(view, LAMBDA_RULE).length, 1, build.name);
    view.finalize();
  }
});

test('hover targets are the drawn items (no invisible point per feature × λ): large models stay cheap', async () => {
  const p = 120;
  const n = 100;
  const features = Array.from({ length: p }, (_, j) => `feature ${j} <b>&amp;</b>`);
  const lambda = Array.from({ length: n }, (_, k) => 10 * 0.9 ** k);
  const m = smallModel({
    features, lambda, a0: lambda.map(() => 0), beta: features.map((_, j) => lambda.map((_, k) => (k > j % n ? (j % 7) - 3 : 0))),
    df: lambda.map((_, k) => features.filter((_, j) => k > j % n).length), devRatio: lambda.map((_, k) => k / n), cv: null, chosenIndex: 50,
  });
  const spec = pathsSpec(m, opts({ lambdaIndex: 50 })) as unknown as { layer: { params?: unknown[]; mark: { type: string } }[] };
  assert.equal(spec.layer.filter((l) => l.mark.type === 'point').length, 1, 'only the chosen-λ markers');
  assert.equal(spec.layer.filter((l) => l.mark.type === 'line').length, 1, 'one line layer');
  assert.ok(spec.layer.find((l) => l.mark.type === 'line')?.params, 'the hover selection is on the lines');
  const { spec: vg } = await compileToVega(spec as never);
  const tuple = (vg.signals as { name: string; on?: { events: { source?: string; type?: string; markname?: string }[] }[] }[]).find((s) => s.name === `${HOVER_PARAM}_tuple`);
  const over = tuple?.on?.flatMap((h) => h.events).filter((e) => e.type === 'mouseover') ?? [];
  assert.ok(over.length > 0 && over.every((e) => e.source === 'scope' && e.markname === undefined), 'hover listens on every mark of the view');
  const view = await run(vg);
  assert.equal(itemsOf(view, 'layer_1_pathgroup').length, p, 'p lines');
  assert.equal(itemsOf(view, 'layer_2_marks').length, p, 'p markers');
  const labels = itemsOf(view, 'layer_3_marks').map((it) => String(it.datum?.feature));
  assert.ok(labels.length <= 15 && labels.every((l) => features.includes(l)), 'names are data, drawn as given');
  view.finalize();
});

/** Every mark's items as comparable rows (name, datum fields that matter, position). */
function sceneRows(view: { scenegraph(): unknown }): string[] {
  const out: string[] = [];
  const visit = (n: SceneItem & { marktype?: string }, mark?: string): void => {
    for (const it of n.items ?? []) {
      const m = (it as SceneItem).name ?? mark;
      if (it.datum && m && !/^(layer_\d+_)?(x|y)_axis|legend/.test(m)) {
        const d = it.datum;
        // Positions to 4 px: fit-x autosize may land a pixel apart after a data change.
        out.push(`${m} ${JSON.stringify([d.feature, d.k, d.beta, d.cvm, d.label, d.df, d.name])} ${Math.round(Number(it.x ?? 0) / 4)},${Math.round(Number(it.y ?? 0) / 4)}`);
      }
      visit(it as SceneItem, m);
    }
  };
  visit((view.scenegraph() as { root: SceneItem }).root);
  return out.sort();
}

/** A ridge-like refit of the same data: same features and λ count, other values, another CV choice. */
const otherModel = () => smallModel({
  alpha: 0, lambda: [8, 4, 2, 1, 0.5],
  beta: [[0.1, 0.4, 0.9, 1.2, 1.3], [-0.05, -0.1, -0.3, -0.6, -0.7], [0.01, 0.02, 0.02, 0.03, 0.03]],
  df: [3, 3, 3, 3, 3], devRatio: [0.1, 0.3, 0.5, 0.6, 0.65],
  cv: { measure: 'mse', cvm: [50, 35, 20, 22, 23], cvsd: [4, 3, 2, 2, 2], trainError: [49, 33, 18, 17, 16], indexMin: 2, index1se: 1, nfolds: 10 },
  chosenIndex: 1,
});

for (const [label, build] of views) {
  test(`${label}: a new model of the same shape swapped into the compiled view draws what a fresh embed draws`, async () => {
    const a = build(smallModel(), opts()) as object;
    const b = build(otherModel(), opts({ lambdaIndex: 1 })) as object;
    const pa = specParts(a);
    const pb = specParts(b);
    assert.equal(pa.key, pb.key, 'an L1/L2 toggle keeps the shape');
    assert.notDeepEqual(pa.datasets, pb.datasets);
    const { spec: va } = await compileToVega(a as AnySpec);
    const { spec: vb } = await compileToVega(b as AnySpec);
    // The kept compiled shape of a, filled with b's values, is b's compiled spec (checked before Vega tags the rows).
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    assert.deepEqual(plain(fillVegaShape(vegaShape(va as never, pa), pb)), plain(vb));
    const fresh = await run(vb);
    const swapped = await run(va);
    const vega = await import('vega');
    swapParts(swapped as never, pb, () => vega.changeset() as never);
    await swapped.runAsync();
    assert.deepEqual(sceneRows(swapped), sceneRows(fresh));
    // And back (fresh rows, as every render builds them): the rows updated in place follow again.
    swapParts(swapped as never, specParts(build(smallModel(), opts())), () => vega.changeset() as never);
    await swapped.runAsync();
    const first = await run((await compileToVega(build(smallModel(), opts()) as unknown as AnySpec)).spec);
    assert.deepEqual(sceneRows(swapped), sceneRows(first));
    first.finalize();
    fresh.finalize();
    swapped.finalize();
  });
}

test('shape keys: the x-axis, hidden features or another feature set change the shape; λ and data do not', () => {
  const key = (m: ModelData, o: Partial<ViewOptions> = {}) => specParts(pathsSpec(m, opts(o))).key;
  const k0 = key(smallModel());
  assert.equal(key(smallModel(), { lambdaIndex: 4 }), k0);
  assert.equal(key(otherModel()), k0);
  assert.notEqual(key(smallModel(), { xAxis: 'l1Norm' }), k0);
  assert.notEqual(key(smallModel(), { hidden: ['a'] }), k0);
  assert.notEqual(key(smallModel({ features: ['a', 'b', 'd'] })), k0);
  assert.notEqual(specParts(cvSpec(smallModel(), opts())).key, specParts(cvSpec({ ...smallModel(), cv: null }, opts())).key);
});
