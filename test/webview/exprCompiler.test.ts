// webview/exprCompiler.ts against vega-interpreter, the evaluator it replaces: expression by expression
// (every node type, vega-interpreter's own functions, the view's function table, the security guards),
// then whole views: each panel view drawn by both evaluators renders the same SVG, before and after a
// λ move and a swapped-in model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compiledInterpreter } from '../../webview/exprCompiler';
import {
  barsSpec, cvSpec, finalizeVegaSpec, pathsSpec, semanticColors, specParts, swapParts, vegaConfigFromTheme, LAMBDA_SIGNAL, type ViewOptions,
} from '../../src/core/specs';
import type { ModelData } from '../../src/protocol/messages';
import { smallModel } from '../core/specs/fixture';

type Interp = typeof compiledInterpreter;

async function libs() {
  const vega = await import('vega');
  const { expressionInterpreter } = await import('vega-interpreter');
  return { vega, reference: expressionInterpreter as unknown as Interp };
}

/** A function table like a view's: one function that reads `this` (as Vega's functions read this.context). */
const functions = {
  context: { scale: 3 },
  scaled(this: { context: { scale: number } }, v: number) { return v * this.context.scale; },
  pair: (a: unknown, b: unknown) => [a, b],
};

async function both(src: string, datum: unknown, params: Record<string, unknown> = {}) {
  const { vega, reference } = await libs();
  const ast = (vega.parseExpression as (s: string) => unknown)(src);
  const ctx = { functions };
  const run = (i: Interp) => {
    try {
      return { value: i.parameter(ctx, { ast } as never)(datum, params) };
    } catch (e) {
      return { threw: (e as Error).constructor.name };
    }
  };
  return { mine: run(compiledInterpreter), theirs: run(reference) };
}

const EXPRESSIONS = [
  '1 + 2 * 3 - 4 / 2 % 3', '"a" + datum.s', '-datum.n', '+"4"', '~5', '!datum.n', '7 & 3 | 8 ^ 1', '1 << 3 >> 1 >>> 0',
  'datum.n > 2', 'datum.n < 2', 'datum.n <= 3', 'datum.n >= 4', 'datum.n == "3"', 'datum.n != "3"', 'datum.n === 3', 'datum.n !== 3',
  'datum.n ? "yes" : "no"', 'datum.z || "fallback"', 'datum.n && datum.s', 'datum.arr[1]', 'datum["s"]', 'datum.nested.deep.v',
  '[1, datum.n, [2]]', '{a: 1, "b": datum.n, c: [datum.s]}', 'PI', 'E', 'SQRT2', 'NaN', 'MAX_VALUE', 'myParam', 'myParam * 2',
  'if(datum.n > 1, "big", "small")', 'if(false, datum.missing.fails, 2)', 'isFinite(datum.n)', 'isNaN(datum.n)', 'abs(-datum.n)',
  'clamp(datum.n, 0, 2)', 'max(1, datum.n, 2)', 'min(datum.arr)', 'round(2.5)', 'pow(2, 10)', 'hypot(3, 4)', 'log(E)',
  'length(datum.arr)', 'join(datum.arr, "-")', 'indexof(datum.arr, 2)', 'lastindexof("abca", "a")', 'slice(datum.arr, 1)',
  'reverse(datum.arr)', 'sort([3, null, 1, 2])', 'upper(datum.s)', 'lower("AB")', 'substring("hello", 1, 3)', 'split("a,b", ",")',
  'replace("aab", "a", "x")', 'trim("  x ")', 'parseFloat("2.5e1")', 'parseInt("12px")', 'test("^a", datum.s)', 'regexp("a+", "g")',
  'test(/b+/g, "abb")', 'year(datetime(2020, 1, 2))', 'utcyear(0)', 'month(datetime("2021-03-04T00:00:00"))', 'time(0)',
  'btoa("hi")', 'atob("aGk=")', 'encodeURIComponent("a b")', 'scaled(datum.n)', 'pair(datum.s, 1)', '_scaled(2)',
  'datum.constructor', 'datum.constructor.constructor', 'datum.f.constructor', '{toString: 1, ok: 2}', '{__proto__: 1, then: 2, x: 3}',
  'datum.missing.fails', 'nosuchfunction(1)',
];

test('every expression evaluates as in vega-interpreter (values, guards and errors)', async () => {
  const datum = { n: 3, s: 'abc', z: 0, arr: [3, 1, 2], nested: { deep: { v: 'd' } }, f() { return 1; } };
  const errors: string[] = [];
  const orig = console.error;
  console.error = (m: string) => { errors.push(m); };
  try {
    for (const src of EXPRESSIONS) {
      const { mine, theirs } = await both(src, datum, { $myParam: 21 });
      assert.deepEqual(mine, theirs, src);
    }
  } finally {
    console.error = orig;
  }
  // The guards fired (each evaluator once per guarded expression): Function reached through a member,
  // Object.prototype's function names and __proto__/then in object literals.
  assert.ok(errors.some((m) => m.includes('member "constructor"')), errors.join('\n'));
  assert.ok(errors.some((m) => m.includes('property "toString"')));
  assert.ok(errors.some((m) => m.includes('property "then"')));
  assert.equal(errors.length % 2, 0, 'both evaluators report the same guarded accesses');
});

test('guarded values: Function is never handed out, prototype keys are never set', async () => {
  const orig = console.error;
  console.error = () => undefined;
  try {
    assert.deepEqual((await both('datum.f.constructor', { f() { return 1; } })).mine, { value: undefined });
    const o = (await both('{toString: 1, constructor: 2, x: 3}', {})).mine as { value: Record<string, unknown> };
    assert.deepEqual(Object.keys(o.value), ['x']);
  } finally {
    console.error = orig;
  }
});

test('event handlers: datum comes from the event item, event functions go to the event\'s Vega context', async () => {
  const { vega, reference } = await libs();
  const ast = (vega.parseExpression as (s: string) => unknown)('[datum.v, x(), event.type, h]');
  const event = { type: 'click', item: { datum: { v: 7 } }, vega: { x: () => 42 } };
  for (const i of [compiledInterpreter, reference]) {
    assert.deepEqual(i.handler({ functions }, { ast } as never)({ $h: 'p' }, event as never), [7, 42, 'click', 'p']);
  }
  const noItem = { type: 'move', item: null, vega: { x: () => 1 } };
  const astDatum = (vega.parseExpression as (s: string) => unknown)('datum');
  assert.equal(compiledInterpreter.handler({ functions }, { ast: astDatum } as never)({}, noItem as never),
    reference.handler({ functions }, { ast: astDatum } as never)({}, noItem as never));
});

const opts = (o: Partial<ViewOptions> = {}): ViewOptions => ({ lambdaIndex: 2, xAxis: 'logLambda', colors: semanticColors({}, 'dark'), ...o });

/** A model of the same shape as smallModel (an L1/L2 toggle): other λ, β and CV values. */
const otherModel = (): ModelData => smallModel({
  alpha: 0, lambda: [8, 4, 2, 1, 0.5],
  beta: [[0.1, 0.4, 0.9, 1.2, 1.3], [-0.05, -0.1, -0.3, -0.6, -0.7], [0.01, 0.02, 0.02, 0.03, 0.03]],
  df: [3, 3, 3, 3, 3], devRatio: [0.1, 0.3, 0.5, 0.6, 0.65],
  cv: { measure: 'mse', cvm: [50, 35, 20, 22, 23], cvsd: [4, 3, 2, 2, 2], trainError: [49, 33, 18, 17, 16], indexMin: 2, index1se: 1, nfolds: 10 },
  chosenIndex: 1,
});

const views = [
  ['paths', pathsSpec], ['paths (L1 norm)', (m: ModelData, o: ViewOptions) => pathsSpec(m, { ...o, xAxis: 'l1Norm' })],
  ['cv', cvSpec], ['cv without CV', (m: ModelData, o: ViewOptions) => cvSpec({ ...m, cv: null }, o)], ['bars', barsSpec],
] as const;

for (const [label, build] of views) {
  test(`${label}: drawn with compiled expressions, the view renders the same SVG as with vega-interpreter`, async () => {
    const { vega, reference } = await libs();
    const { compile } = await import('vega-lite');
    const spec = build(smallModel(), opts());
    const vg = finalizeVegaSpec(compile({ ...spec, config: vegaConfigFromTheme({}, 'dark') } as never).spec as never);
    const view = async (expr: Interp) => {
      // A copy per view: Vega tags and extends the rows it ingests.
      const v = new vega.View(vega.parse(structuredClone(vg) as never, undefined, { ast: true }), { renderer: 'none', expr } as never);
      v.width(480);
      await v.runAsync();
      return v;
    };
    const mine = await view(compiledInterpreter);
    const theirs = await view(reference);
    const same = async (what: string) => {
      const [a, b] = [await mine.toSVG(), await theirs.toSVG()];
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      assert.ok(a === b, `${label}: ${what}: the SVGs differ at ${i}: …${a.slice(i - 80, i + 80)}… vs …${b.slice(i - 80, i + 80)}…`);
    };
    await same('first draw');
    assert.ok((await mine.toSVG()).includes('<path'), `${label}: the view draws marks`);
    for (const v of [mine, theirs]) await v.signal(LAMBDA_SIGNAL, 4).runAsync();
    await same('λ moved');
    for (const v of [mine, theirs]) {
      // Rows of their own per view: Vega tags and extends the rows it ingests.
      swapParts(v as never, specParts(build(otherModel(), opts({ lambdaIndex: 1 }))), () => vega.changeset() as never);
      await v.runAsync();
    }
    await same('another model swapped in');
    mine.finalize();
    theirs.finalize();
  });
}
