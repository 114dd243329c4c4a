/**
 * A CSP-safe Vega expression evaluator (the panel's CSP has no `unsafe-eval`, so Vega's default
 * code generation is off: vega-embed `ast: true` + an `expr` object) that turns each expression's AST
 * into a tree of closures once, instead of walking the AST at every evaluation like vega-interpreter.
 *
 * Why: vega-interpreter's `interpret()` allocates a visitor closure, an `Object.create(functions)` and
 * six event-function closures on every call, and is called once per channel per item on every encode.
 * On the coefficient-paths view (20 features × 100 λ = 2,000 line items × 5 channels) that was ~35 ms
 * of a ~140 ms toggle in the panel (bench/panel.bench.ts --profile); compiled closures do the same
 * work without the per-call allocations or the dispatch on node type.
 *
 * Semantics follow vega-interpreter 2.3.2 (BSD-3-Clause, University of Washington Interactive Data Lab)
 * node by node, guards included: a member that is Function/eval/setTimeout/setInterval/setImmediate
 * reads as undefined, an object literal never sets Object.prototype's function names, `__proto__` or
 * `then`, and the event functions (view, item, group, xy, x, y) go to the event's Vega context.
 * test/webview/exprCompiler.test.ts compares both evaluators on every view the panel draws.
 */

/** What an expression is evaluated against (vega-interpreter's `$`). */
interface Scope {
  fn: Record<string, unknown>;
  params: Record<string, unknown>;
  datum: unknown;
  event: { vega: Record<string, (...args: unknown[]) => unknown> } | undefined;
  item: unknown;
}

type Compiled = (s: Scope) => unknown;
type Fn = (...args: unknown[]) => unknown;

/** The ESTree subset vega-expression's parser produces. */
interface AstNode {
  type: string;
  name?: string;
  value?: unknown;
  regex?: { pattern: string; flags: string };
  computed?: boolean;
  object?: AstNode;
  property?: AstNode;
  callee?: AstNode;
  arguments?: AstNode[];
  elements?: AstNode[];
  operator?: string;
  left?: AstNode;
  right?: AstNode;
  argument?: AstNode;
  test?: AstNode;
  consequent?: AstNode;
  alternate?: AstNode;
  properties?: { key: AstNode; value: AstNode }[];
}

const CONSTANTS: Record<string, number> = {
  NaN: NaN, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E,
  PI: Math.PI, SQRT1_2: Math.SQRT1_2, SQRT2: Math.SQRT2, MIN_VALUE: Number.MIN_VALUE, MAX_VALUE: Number.MAX_VALUE,
};

const BINARY: Record<string, (a: never, b: never) => unknown> = {
  '*': (a: number, b: number) => a * b,
  '+': (a: number, b: number) => a + b,
  '-': (a: number, b: number) => a - b,
  '/': (a: number, b: number) => a / b,
  '%': (a: number, b: number) => a % b,
  '>': (a: number, b: number) => a > b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>=': (a: number, b: number) => a >= b,
  '==': (a: unknown, b: unknown) => a == b,
  '!=': (a: unknown, b: unknown) => a != b,
  '===': (a: unknown, b: unknown) => a === b,
  '!==': (a: unknown, b: unknown) => a !== b,
  '&': (a: number, b: number) => a & b,
  '|': (a: number, b: number) => a | b,
  '^': (a: number, b: number) => a ^ b,
  '<<': (a: number, b: number) => a << b,
  '>>': (a: number, b: number) => a >> b,
  '>>>': (a: number, b: number) => a >>> b,
};

const UNARY: Record<string, (a: never) => unknown> = {
  '+': (a: unknown) => +(a as number),
  '-': (a: number) => -a,
  '~': (a: number) => ~a,
  '!': (a: unknown) => !a,
};

const ascending = (a: unknown, b: unknown): number => {
  // vega-util's ascending (nulls and NaN last, dates by value).
  const x = a instanceof Date ? +a : a;
  const y = b instanceof Date ? +b : b;
  return (x == null || x !== x) && y != null && y === y ? -1
    : (y == null || y !== y) && x != null && x === x ? 1
      : (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
};
const applyMethod = (m: string, args: unknown[], cast?: (v: unknown) => unknown): unknown => {
  const obj = (cast ? cast(args[0]) : args[0]) as Record<string, Fn>;
  return obj[m](...args.slice(1));
};
const datetime = (yearOrTimestring: unknown, m = 0, d = 1, H = 0, M = 0, S = 0, ms = 0): Date => (typeof yearOrTimestring === 'string'
  ? new Date(yearOrTimestring)
  : new Date(yearOrTimestring as number, m, d, H, M, S, ms));
const dateGet = (f: (d: Date) => number) => (d: number | string | Date) => f(new Date(d));

/** vega-interpreter's own functions, used when the view's function table has no such name. */
const FUNCTIONS: Record<string, Fn> = {
  isNaN: Number.isNaN as Fn, isFinite: Number.isFinite as Fn, abs: Math.abs as Fn, acos: Math.acos as Fn, asin: Math.asin as Fn,
  atan: Math.atan as Fn, atan2: Math.atan2 as Fn, ceil: Math.ceil as Fn, cos: Math.cos as Fn, exp: Math.exp as Fn,
  floor: Math.floor as Fn, hypot: Math.hypot as Fn, log: Math.log as Fn, max: Math.max as Fn, min: Math.min as Fn,
  pow: Math.pow as Fn, random: Math.random as Fn, round: Math.round as Fn, sin: Math.sin as Fn, sqrt: Math.sqrt as Fn,
  tan: Math.tan as Fn, clamp: ((a: number, b: number, c: number) => Math.max(b, Math.min(c, a))) as Fn,
  now: Date.now as Fn, utc: Date.UTC as Fn, datetime: datetime as Fn,
  date: dateGet((d) => d.getDate()) as Fn, day: dateGet((d) => d.getDay()) as Fn, year: dateGet((d) => d.getFullYear()) as Fn,
  month: dateGet((d) => d.getMonth()) as Fn, hours: dateGet((d) => d.getHours()) as Fn, minutes: dateGet((d) => d.getMinutes()) as Fn,
  seconds: dateGet((d) => d.getSeconds()) as Fn, milliseconds: dateGet((d) => d.getMilliseconds()) as Fn,
  time: dateGet((d) => d.getTime()) as Fn, timezoneoffset: dateGet((d) => d.getTimezoneOffset()) as Fn,
  utcdate: dateGet((d) => d.getUTCDate()) as Fn, utcday: dateGet((d) => d.getUTCDay()) as Fn, utcyear: dateGet((d) => d.getUTCFullYear()) as Fn,
  utcmonth: dateGet((d) => d.getUTCMonth()) as Fn, utchours: dateGet((d) => d.getUTCHours()) as Fn,
  utcminutes: dateGet((d) => d.getUTCMinutes()) as Fn, utcseconds: dateGet((d) => d.getUTCSeconds()) as Fn,
  utcmilliseconds: dateGet((d) => d.getUTCMilliseconds()) as Fn,
  length: ((x: { length: number }) => x.length) as Fn,
  join: (...a: unknown[]) => applyMethod('join', a),
  indexof: (...a: unknown[]) => applyMethod('indexOf', a),
  lastindexof: (...a: unknown[]) => applyMethod('lastIndexOf', a),
  slice: (...a: unknown[]) => applyMethod('slice', a),
  reverse: ((x: unknown[]) => x.slice().reverse()) as Fn,
  sort: ((x: unknown[]) => x.slice().sort(ascending)) as Fn,
  parseFloat: parseFloat as Fn, parseInt: parseInt as Fn,
  upper: (x: unknown) => String(x).toUpperCase(),
  lower: (x: unknown) => String(x).toLowerCase(),
  substring: (...a: unknown[]) => applyMethod('substring', a, String),
  split: (...a: unknown[]) => applyMethod('split', a, String),
  replace: (...a: unknown[]) => applyMethod('replace', a, String),
  trim: (x: unknown) => String(x).trim(),
  btoa: ((x: string) => btoa(x)) as Fn,
  atob: ((x: string) => atob(x)) as Fn,
  encodeURIComponent: ((x: string) => encodeURIComponent(x)) as Fn,
  regexp: RegExp as unknown as Fn,
  test: ((r: string | RegExp, t: string) => RegExp(r).test(t)) as Fn,
};

/** Keys an object literal may not set (vega-util's DisallowedObjectProperties, same definition). */
const DISALLOWED_PROPERTIES = new Set([
  ...Object.getOwnPropertyNames(Object.prototype).filter((name) => typeof (Object.prototype as Record<string, unknown>)[name] === 'function'),
  '__proto__',
  'then',
]);
const EVENT_FUNCTIONS = new Set(['view', 'item', 'group', 'xy', 'x', 'y']);
const DISALLOWED_METHODS = new Set<unknown>([Function, eval, setTimeout, setInterval]);
// setImmediate exists under node (the unit tests), not in the webview.
const setImmediateFn = (globalThis as { setImmediate?: unknown }).setImmediate;
if (typeof setImmediateFn === 'function') DISALLOWED_METHODS.add(setImmediateFn);

/** Compiles one AST node; every guard of vega-interpreter runs at evaluation time, as there. */
export function compileExpr(n: AstNode): Compiled {
  switch (n.type) {
    case 'Literal': {
      const v = n.value;
      const regex = n.regex;
      // Global and sticky regexps carry lastIndex across calls: a fresh instance per evaluation.
      if (regex && v && ((v as RegExp).global || (v as RegExp).sticky)) return () => new RegExp(regex.pattern, regex.flags);
      return () => v;
    }
    case 'Identifier': {
      const id = n.name as string;
      if (id === 'datum') return (s) => s.datum;
      if (id === 'event') return (s) => s.event;
      if (id === 'item') return (s) => s.item;
      const c = CONSTANTS[id];
      if (c) return () => c;
      const key = `$${id}`;
      return (s) => s.params[key];
    }
    case 'MemberExpression': {
      const object = compileExpr(n.object as AstNode);
      const property: Compiled = n.computed ? compileExpr(n.property as AstNode) : nameOf(n.property as AstNode);
      return (s) => {
        const o = object(s) as Record<PropertyKey, unknown>;
        const p = property(s) as PropertyKey;
        const v = o[p];
        if (DISALLOWED_METHODS.has(v)) {
          console.error(`Prevented interpretation of member "${String(p)}" which could lead to insecure code execution`);
          return undefined;
        }
        return v;
      };
    }
    case 'CallExpression': {
      let name = (n.callee as AstNode).name as string;
      // Encoders' internal functions (_scale…) are the standard ones.
      if (name.startsWith('_')) name = name.slice(1);
      const args = (n.arguments ?? []).map(compileExpr);
      if (name === 'if') {
        const [t, a, b] = args;
        return (s) => (t(s) ? a(s) : b(s));
      }
      if (EVENT_FUNCTIONS.has(name)) return (s) => (s.event as NonNullable<Scope['event']>).vega[name](...args.map((a) => a(s)));
      const [a0, a1, a2] = args;
      const call = (s: Scope, values: unknown[]) => ((s.fn[name] || FUNCTIONS[name]) as Fn).apply(s.fn, values);
      switch (args.length) {
        case 0: return (s) => call(s, []);
        case 1: return (s) => call(s, [a0(s)]);
        case 2: return (s) => call(s, [a0(s), a1(s)]);
        case 3: return (s) => call(s, [a0(s), a1(s), a2(s)]);
        default: return (s) => call(s, args.map((a) => a(s)));
      }
    }
    case 'ArrayExpression': {
      const elements = (n.elements ?? []).map(compileExpr);
      return (s) => elements.map((e) => e(s));
    }
    case 'BinaryExpression': {
      const op = BINARY[n.operator as string] as (a: unknown, b: unknown) => unknown;
      const left = compileExpr(n.left as AstNode);
      const right = compileExpr(n.right as AstNode);
      return (s) => op(left(s), right(s));
    }
    case 'UnaryExpression': {
      const op = UNARY[n.operator as string] as (a: unknown) => unknown;
      const arg = compileExpr(n.argument as AstNode);
      return (s) => op(arg(s));
    }
    case 'ConditionalExpression': {
      const test = compileExpr(n.test as AstNode);
      const yes = compileExpr(n.consequent as AstNode);
      const no = compileExpr(n.alternate as AstNode);
      return (s) => (test(s) ? yes(s) : no(s));
    }
    case 'LogicalExpression': {
      const left = compileExpr(n.left as AstNode);
      const right = compileExpr(n.right as AstNode);
      return n.operator === '&&' ? (s) => left(s) && right(s) : (s) => left(s) || right(s);
    }
    case 'ObjectExpression': {
      const props = (n.properties ?? []).map((p) => ({ key: nameOf(p.key), value: compileExpr(p.value) }));
      return (s) => {
        const o: Record<string, unknown> = {};
        for (const p of props) {
          const k = p.key(s) as string;
          const v = p.value(s);
          if (DISALLOWED_PROPERTIES.has(k)) {
            console.error(`Prevented interpretation of property "${k}" which could lead to insecure code execution`);
          } else if (DISALLOWED_METHODS.has(v)) {
            console.error(`Prevented interpretation of method "${k}" which could lead to insecure code execution`);
          } else {
            o[k] = v;
          }
        }
        return o;
      };
    }
    default:
      return () => {
        throw new Error(`Unsupported expression node: ${n.type}`);
      };
  }
}

/** A property name position (`a.b`, `{b: …}`): an identifier reads as its own name. */
function nameOf(n: AstNode): Compiled {
  if (n.type === 'Identifier') {
    const name = n.name;
    return () => name;
  }
  return compileExpr(n);
}

/** vega-interpreter's spatial fix-up after an encode (x2/xc/y2/yc into x/width, y/height). */
function adjustSpatial(item: Record<string, number>, encode: Record<string, unknown>, swap: boolean): void {
  let t: number;
  if (encode.x2) {
    if (encode.x) {
      if (swap && item.x > item.x2) {
        t = item.x;
        item.x = item.x2;
        item.x2 = t;
      }
      item.width = item.x2 - item.x;
    } else {
      item.x = item.x2 - (item.width || 0);
    }
  }
  if (encode.xc) item.x = item.xc - (item.width || 0) / 2;
  if (encode.y2) {
    if (encode.y) {
      if (swap && item.y > item.y2) {
        t = item.y;
        item.y = item.y2;
        item.y2 = t;
      }
      item.height = item.y2 - item.y;
    } else {
      item.y = item.y2 - (item.height || 0);
    }
  }
  if (encode.yc) item.y = item.yc - (item.height || 0) / 2;
}

interface VegaCtx { functions: Record<string, unknown> }
interface VegaExpr { ast: AstNode }
type Params = Record<string, unknown>;

const scope = (fn: Record<string, unknown>, params: Params | undefined, datum: unknown, event: Scope['event'], item: unknown): Scope => ({
  fn, params: params as Params, datum, event, item,
});

/** Drop-in for vega-interpreter's `expressionInterpreter` (the `expr` option of vega-embed / vega.View). */
export const compiledInterpreter = {
  operator(ctx: VegaCtx, expr: VegaExpr) {
    const f = compileExpr(expr.ast);
    const fn = ctx.functions;
    return (_: Params) => f(scope(fn, _, undefined, undefined, undefined));
  },
  parameter(ctx: VegaCtx, expr: VegaExpr) {
    const f = compileExpr(expr.ast);
    const fn = ctx.functions;
    return (datum: unknown, _: Params) => f(scope(fn, _, datum, undefined, undefined));
  },
  event(ctx: VegaCtx, expr: VegaExpr) {
    const f = compileExpr(expr.ast);
    const fn = ctx.functions;
    return (event: Scope['event']) => f(scope(fn, undefined, undefined, event, undefined));
  },
  handler(ctx: VegaCtx, expr: VegaExpr) {
    const f = compileExpr(expr.ast);
    const fn = ctx.functions;
    return (_: Params, event: NonNullable<Scope['event']> & { item?: { datum?: unknown } }) => f(scope(fn, _, event.item && event.item.datum, event, undefined));
  },
  encode(ctx: VegaCtx, encode: { marktype: string; channels: Record<string, VegaExpr> }) {
    const { marktype, channels } = encode;
    const fn = ctx.functions;
    const swap = marktype === 'group' || marktype === 'image' || marktype === 'rect';
    const compiled = Object.keys(channels).map((name) => ({ name, f: compileExpr(channels[name].ast) }));
    return (item: Record<string, unknown> & { datum?: unknown }, _: Params) => {
      const s = scope(fn, _, item.datum, undefined, item);
      let m = 0;
      for (const c of compiled) {
        const v = c.f(s);
        if (item[c.name] !== v) {
          item[c.name] = v;
          m = 1;
        }
      }
      if (marktype !== 'rule') adjustSpatial(item as Record<string, number>, channels, swap);
      return m;
    };
  },
};
