// The extension host's message bundle: collects every `vscode.l10n.t('…')` (adapters) and `l10n.t('…')`
// (the pure helpers' ./l10n module) message in src/extension with the TypeScript compiler API and writes
// l10n/bundle.l10n.json, the English bundle translators copy to bundle.l10n.<locale>.json.
// Usage: node scripts/l10n-extract.mjs           writes the bundle (npm run l10n)
//        node scripts/l10n-extract.mjs --check   fails listing missing or stale keys (the unit tests run it)
// Either way it fails on a call it cannot extract: a first argument that is not a string literal, placeholders
// that do not match the arguments, `l10n.t` used other than as a direct call, and a notification
// (show*Message, or the Notifier's hint/failure/dataError) given a raw string instead of a localized one.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIR = join(ROOT, 'src', 'extension');
export const BUNDLE = join(ROOT, 'l10n', 'bundle.l10n.json');

/** Calls whose text the user reads: every string argument of these must come from l10n.t. */
const NOTIFICATIONS = new Set(['showErrorMessage', 'showWarningMessage', 'showInformationMessage']);
/** The Notifier's methods (src/extension/notifier.ts): their first argument is the notification's text. */
const NOTIFIER_METHODS = new Set(['hint', 'failure', 'dataError']);

/** Every .ts file under `dir`, sorted. */
export function sourceFiles(dir = SOURCE_DIR) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** `vscode.l10n.t` or `l10n.t` (the callee, not yet known to be called). */
function isL10nT(node) {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 't') return false;
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text === 'l10n';
  return ts.isPropertyAccessExpression(e) && e.name.text === 'l10n' && ts.isIdentifier(e.expression) && e.expression.text === 'vscode';
}

/** `useLocalizer(vscode.l10n.t)`: the one place vscode.l10n.t is passed on rather than called. */
function isBridge(node) {
  const call = node.parent;
  return ts.isCallExpression(call) && call.arguments.length === 1 && call.arguments[0] === node
    && ts.isIdentifier(call.expression) && call.expression.text === 'useLocalizer';
}

const isStringLike = (n) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

/** A raw text argument: a literal, a template, or a `+` concatenation with a literal in it. */
function isRawText(n) {
  if (isStringLike(n) || ts.isTemplateExpression(n)) return true;
  if (ts.isParenthesizedExpression(n)) return isRawText(n.expression);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return isRawText(n.left) || isRawText(n.right);
  if (ts.isConditionalExpression(n)) return isRawText(n.whenTrue) || isRawText(n.whenFalse);
  return false;
}

/** The `{…}` placeholders of a message, e.g. ['0', '1'] or ['name']. */
export function placeholders(message) {
  return [...new Set([...message.matchAll(/{([^}]+)}/g)].map((m) => m[1]))];
}

/** Checks a call's placeholders against its arguments; returns a problem or undefined. */
function placeholderProblem(message, args) {
  const keys = placeholders(message);
  if (args.length === 1 && ts.isObjectLiteralExpression(args[0])) {
    const names = new Set(args[0].properties.map((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined));
    const missing = keys.filter((k) => !names.has(k));
    return missing.length ? `placeholder(s) ${missing.map((k) => `{${k}}`).join(', ')} have no argument` : undefined;
  }
  if (args.some((a) => ts.isSpreadElement(a))) return 'spread arguments cannot be checked against the placeholders';
  const named = keys.filter((k) => !/^\d+$/.test(k));
  if (named.length) return `placeholder(s) ${named.map((k) => `{${k}}`).join(', ')} need an object argument`;
  const want = keys.length ? Math.max(...keys.map(Number)) + 1 : 0;
  if (want !== args.length) return `${want} placeholder(s) ({0}…) but ${args.length} argument(s)`;
  const gaps = [...Array(want).keys()].filter((i) => !keys.includes(String(i)));
  return gaps.length ? `placeholder(s) ${gaps.map((i) => `{${i}}`).join(', ')} never used` : undefined;
}

/**
 * Scans `files`: `messages` maps each message to the places it is used ("src/extension/x.ts:12"),
 * `problems` lists what cannot be extracted or is shown unlocalized ("file:line:col: …"),
 * `notifications` counts the notification calls checked.
 */
export function extract(files = sourceFiles()) {
  const messages = new Map();
  const problems = [];
  let notifications = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const rel = relative(ROOT, file).split('\\').join('/');
    const where = (n) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
      return `${rel}:${line + 1}:${character + 1}`;
    };
    const visit = (node) => {
      if (isL10nT(node)) {
        const call = node.parent;
        if (isBridge(node)) {
          // activate() hands vscode.l10n.t to ./l10n (useLocalizer): the helpers' l10n.t calls are extracted instead.
        } else if (!ts.isCallExpression(call) || call.expression !== node) {
          problems.push(`${where(node)}: ${node.getText(sf)} is used other than as a direct call, so its messages cannot be extracted`);
        } else {
          const [first, ...args] = call.arguments;
          if (!first || !isStringLike(first)) {
            problems.push(`${where(call)}: the first argument of ${node.getText(sf)} must be a string literal, got ${first ? first.getText(sf) : 'nothing'}`);
          } else {
            const message = first.text;
            const p = placeholderProblem(message, args);
            if (p) problems.push(`${where(call)}: "${message}": ${p}`);
            const uses = messages.get(message) ?? [];
            uses.push(where(call).replace(/:\d+$/, ''));
            messages.set(message, uses);
          }
        }
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const name = node.expression.name.text;
        const texts = NOTIFICATIONS.has(name) ? node.arguments : NOTIFIER_METHODS.has(name) ? node.arguments.slice(0, 1) : [];
        if (NOTIFICATIONS.has(name) || NOTIFIER_METHODS.has(name)) notifications++;
        for (const a of texts) {
          if (isRawText(a)) problems.push(`${where(a)}: ${name}(…) shows ${a.getText(sf)} without l10n.t`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { messages, problems, notifications };
}

/** The English bundle for `messages`: each message maps to itself, sorted for stable diffs. */
export function bundleOf(messages) {
  const out = {};
  for (const m of [...messages.keys()].sort()) out[m] = m;
  return out;
}

/** Compares a bundle on disk with the extracted messages: missing, stale and mistranslated English keys. */
export function compareBundle(bundle, messages) {
  const missing = [...messages.keys()].filter((m) => !Object.hasOwn(bundle, m)).sort();
  const stale = Object.keys(bundle).filter((m) => !messages.has(m)).sort();
  const changed = Object.keys(bundle).filter((m) => messages.has(m) && bundle[m] !== m).sort();
  return { missing, stale, changed };
}

function main() {
  const check = process.argv.includes('--check');
  const { messages, problems } = extract();
  if (problems.length) {
    console.error(`l10n: ${problems.length} call(s) cannot be extracted or show raw text:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  const rel = relative(ROOT, BUNDLE);
  if (!check) {
    mkdirSync(dirname(BUNDLE), { recursive: true });
    writeFileSync(BUNDLE, `${JSON.stringify(bundleOf(messages), null, 2)}\n`);
    console.log(`l10n: wrote ${messages.size} messages to ${rel}`);
    return;
  }
  if (!existsSync(BUNDLE)) {
    console.error(`l10n: ${rel} does not exist; run node scripts/l10n-extract.mjs`);
    process.exitCode = 1;
    return;
  }
  const { missing, stale, changed } = compareBundle(JSON.parse(readFileSync(BUNDLE, 'utf8')), messages);
  const lines = [
    ...missing.map((m) => `missing: ${JSON.stringify(m)} (${messages.get(m).join(', ')})`),
    ...stale.map((m) => `stale: ${JSON.stringify(m)} (no longer in src/extension)`),
    ...changed.map((m) => `changed: ${JSON.stringify(m)} (the English bundle maps each message to itself)`),
  ];
  if (lines.length) {
    console.error(`l10n: ${rel} is out of date; run node scripts/l10n-extract.mjs\n  ${lines.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`l10n: ${rel} is up to date (${messages.size} messages)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
