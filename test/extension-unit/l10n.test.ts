// Localization (house style §10.6): package.json's texts live in package.nls.json, the host's messages go
// through vscode.l10n.t (adapters) or ./l10n (pure helpers) and l10n/bundle.l10n.json holds every one of
// them; the placeholders render like VS Code's, and a translation reaches the words the helpers build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFailureMessage } from '../../src/extension/commandMeta';
import { columnDetail, cvSkippedReason, cvSummary, penaltyLabel, stateLensTitle, statusText } from '../../src/extension/describeModel';
import { formatMessage, t, useLocalizer } from '../../src/extension/l10n';
import { parsePenaltyFactors } from '../../src/extension/options';
import { localizeManifest, NLS_KEY, readJson, ROOT } from '../manifest';
import { smallModel } from './fixtures';

/** scripts/l10n-extract.mjs (ESM; typed by its .d.mts). */
const extractor = () => import('../../scripts/l10n-extract.mjs');

/** Every string in a JSON value, with its path ("contributes.commands.0.title"). */
function strings(v: unknown, path = ''): [string, string][] {
  if (typeof v === 'string') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${path}.${i}`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => strings(x, path ? `${path}.${k}` : k));
  return [];
}

const pkg = readJson('package.json') as { contributes: unknown; displayName: string; description: string };
const nls = readJson('package.nls.json') as Record<string, string>;

test('every %key% in package.json has an English text in package.nls.json, and every text is used', () => {
  const used = strings(pkg).filter(([, s]) => NLS_KEY.test(s)).map(([p, s]) => [p, NLS_KEY.exec(s)![1]] as const);
  assert.ok(used.length >= 50, `${used.length} localized strings`);
  for (const [p, key] of used) assert.ok(Object.hasOwn(nls, key), `${p}: %${key}% is not in package.nls.json`);
  const keys = new Set(used.map(([, k]) => k));
  for (const key of Object.keys(nls)) {
    assert.ok(keys.has(key), `package.nls.json: ${key} is not used in package.json`);
    assert.ok(nls[key].trim().length > 0, `package.nls.json: ${key} is empty`);
  }
  // Nothing left half-done: no other %…% string, and no '%' key the workbench would not substitute.
  for (const [p, s] of strings(pkg)) assert.ok(!/^%.*%$/.test(s) || NLS_KEY.test(s), `${p}: ${s}`);
});

test('every user-visible contribution is localized: titles, categories, settings, walkthrough', () => {
  const c = pkg.contributes as {
    commands: { command: string; title: string; category: string }[];
    configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string; enumDescriptions?: string[] }> };
    walkthroughs: { title: string; description: string; steps: { id: string; title: string; description: string; media: { altText: string } }[] }[];
  };
  const localized = (s: string | undefined, what: string) => assert.match(s ?? '', NLS_KEY, what);
  localized(pkg.displayName, 'displayName');
  localized(pkg.description, 'description');
  for (const cmd of c.commands) {
    localized(cmd.title, `${cmd.command} title`);
    localized(cmd.category, `${cmd.command} category`);
  }
  localized(c.configuration.title, 'configuration title');
  for (const [id, p] of Object.entries(c.configuration.properties)) {
    localized(p.description ?? p.markdownDescription, `${id} description`);
    for (const d of p.enumDescriptions ?? []) localized(d, `${id} enumDescriptions`);
  }
  for (const w of c.walkthroughs) {
    localized(w.title, 'walkthrough title');
    localized(w.description, 'walkthrough description');
    for (const s of w.steps) for (const [k, v] of [['title', s.title], ['description', s.description], ['altText', s.media.altText]]) localized(v, `${s.id} ${k}`);
  }
  // The English manifest reads as before: one category, the titles.
  const english = localizeManifest(pkg, nls) as { contributes: typeof c };
  assert.deepEqual([...new Set(english.contributes.commands.map((x) => x.category))], ['Regularization Explorer']);
  assert.equal(english.contributes.commands.find((x) => x.command === 'regExplorer.togglePenalty')?.title, 'Toggle L1/L2');
});

test('the package ships package.nls.json and l10n/, and package.json points at the bundle', () => {
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(ignore.includes('!package.nls.json'), '.vscodeignore whitelists package.nls.json');
  assert.ok(ignore.includes('!l10n/**'), '.vscodeignore whitelists l10n/');
  assert.equal((readJson('package.json') as { l10n?: string }).l10n, './l10n');
});

test('l10n/bundle.l10n.json holds exactly the messages in src/extension (the extract script\'s --check)', async () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'l10n-extract.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { extract, compareBundle } = await extractor();
  const { messages, problems } = extract();
  assert.deepEqual(problems, []);
  assert.ok(messages.size > 100, `${messages.size} messages`);
  const bundle = readJson('l10n/bundle.l10n.json') as Record<string, string>;
  assert.deepEqual(compareBundle(bundle, messages), { missing: [], stale: [], changed: [] });
  // Messages the tests and the E2E run read in English.
  for (const m of ['{0} failed: {1}', 'Show in Editor', 'Regularization: {0}', 'Toggle L1/L2', 'Training on {0}', '{0}/{1} nonzero']) assert.ok(messages.has(m), m);
});

test('the extractor flags what it cannot extract, mismatched placeholders and raw notification text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regx-l10n-'));
  try {
    const file = join(dir, 'sample.ts');
    writeFileSync(file, [
      "import * as vscode from 'vscode';",
      "import * as l10n from './l10n';",
      'declare const notifier: { hint(m: string): void; failure(m: string, e?: unknown): void };',
      'const name = "x";',
      "vscode.l10n.t('Good {0}', name);",
      "l10n.t('Helper {n}', { n: 1 });",
      'vscode.l10n.t(`Built ${name}`);',
      'vscode.l10n.t(name);',
      'const alias = vscode.l10n.t;',
      "vscode.l10n.t('Two {0} {1}', name);",
      "vscode.l10n.t('Named {who}', name);",
      "void vscode.window.showErrorMessage('Raw text');",
      "void vscode.window.showInformationMessage(vscode.l10n.t('Fine {0}', name), 'Open');",
      'notifier.hint(`Train ${name} first`);',
      "notifier.failure('Broken: ' + name);",
      "notifier.failure(vscode.l10n.t('Fine {0}', name));",
      'alias; notifier;',
    ].join('\n'));
    const { extract } = await extractor();
    const { messages, problems, notifications } = extract([file]);
    assert.deepEqual([...messages.keys()].sort(), ['Fine {0}', 'Good {0}', 'Helper {n}', 'Named {who}', 'Two {0} {1}']);
    assert.equal(notifications, 5);
    const at = (line: number) => problems.filter((p) => p.includes(`sample.ts:${line}:`));
    assert.match(at(7)[0] ?? '', /first argument of vscode\.l10n\.t must be a string literal, got `Built \$\{name\}`/);
    assert.match(at(8)[0] ?? '', /must be a string literal, got name/);
    assert.match(at(9)[0] ?? '', /used other than as a direct call/);
    assert.match(at(10)[0] ?? '', /2 placeholder\(s\) \(\{0\}…\) but 1 argument/);
    assert.match(at(11)[0] ?? '', /\{who\} need an object argument/);
    assert.match(at(12)[0] ?? '', /showErrorMessage\(…\) shows 'Raw text' without l10n\.t/);
    assert.match(at(13)[0] ?? '', /showInformationMessage\(…\) shows 'Open' without l10n\.t/);
    assert.match(at(14)[0] ?? '', /hint\(…\) shows `Train \$\{name\} first` without l10n\.t/);
    assert.match(at(15)[0] ?? '', /failure\(…\) shows 'Broken: ' \+ name without l10n\.t/);
    assert.equal(problems.length, 9, problems.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no notification in src/extension shows a raw string (every show*Message and Notifier call is scanned)', async () => {
  const { extract } = await extractor();
  const { problems, notifications } = extract();
  assert.ok(notifications >= 15, `${notifications} notification calls scanned`);
  assert.deepEqual(problems.filter((p) => p.includes('without l10n.t')), []);
});

test('placeholders render like vscode.l10n.t: positional, named, unknown ones kept, no arguments → as written', () => {
  assert.equal(formatMessage('{0} failed: {1}', ['Export Plot', 'disk full']), 'Export Plot failed: disk full');
  assert.equal(formatMessage('{1} before {0}, {0} again', ['a', 'b']), 'b before a, a again');
  assert.equal(formatMessage('{0}/{1} nonzero', [7, 10]), '7/10 nonzero');
  assert.equal(formatMessage('flag {0}', [false]), 'flag false');
  assert.equal(formatMessage('Hello {name}, {n} left', { name: 'Ada', n: 3 }), 'Hello Ada, 3 left');
  assert.equal(formatMessage('{0} and {2}', ['x']), 'x and {2}');
  assert.equal(formatMessage('braces {0} stay', []), 'braces {0} stay');
  assert.equal(t('{0}: {1}', 'iris.csv', '5-fold CV'), 'iris.csv: 5-fold CV');
  assert.equal(t('Hello {who}', { who: 'you' }), 'Hello you');
  assert.equal(t('No args {0}'), 'No args {0}');
});

test('the helpers\' messages render with their arguments in English', () => {
  assert.equal(commandFailureMessage('regExplorer.exportPlot', new Map([['regExplorer.exportPlot', 'Export Plot']]), 'disk full'), 'Export Plot failed: disk full');
  assert.equal(penaltyLabel(0.5), 'Elastic net (α=0.5)');
  assert.equal(cvSummary(smallModel()), '5-fold CV (MSE): λ.min = 0.1 → 2,931 ± 90; λ.1se = 1 → 3,000 ± 100 (1/2 nonzero)');
  assert.deepEqual(parsePenaltyFactors('a=-1', ['a']), { ok: false, error: 'the factor for "a" must be a number ≥ 0' });
  assert.equal(columnDetail({ name: 'g', type: 'categorical', levels: ['OJ', 'VC'], missing: 2 } as Parameters<typeof columnDetail>[0]), 'levels: OJ, VC → one 0/1 column each · 2 missing (those rows are dropped)');
});

test('a translation reaches every word the helpers build (pseudo-locale from the bundle)', () => {
  // A pseudo-translation of the whole bundle: each message wrapped in ⟦…⟧, placeholders kept.
  const bundle = readJson('l10n/bundle.l10n.json') as Record<string, string>;
  const pseudo = Object.fromEntries(Object.keys(bundle).map((k) => [k, `⟦${k}⟧`]));
  const missed: string[] = [];
  useLocalizer(((message: string, ...rest: unknown[]) => {
    if (!Object.hasOwn(pseudo, message)) missed.push(message);
    const args = rest.length === 1 && typeof rest[0] === 'object' ? rest[0] as Record<string, unknown> : rest as (string | number)[];
    return formatMessage(pseudo[message] ?? message, args);
  }) as Parameters<typeof useLocalizer>[0]);
  try {
    /** What is left once every translated part is removed: separators, numbers and data only. */
    const untranslated = (s: string) => {
      let rest = s;
      for (let prev = ''; prev !== rest;) [prev, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, '')];
      return rest;
    };
    assert.equal(stateLensTitle(smallModel()), '⟦Lasso (α=1)⟧ · ⟦λ=1 (λ.1se)⟧ · ⟦1/2 nonzero⟧ · ⟦CV ⟦MSE⟧ 3,000⟧');
    for (const s of [stateLensTitle(smallModel()), stateLensTitle(smallModel({ alpha: 0, cv: null })), statusText(smallModel({ alpha: 0.5, chosenIndex: 2 }))]) {
      assert.match(untranslated(s), /^[\s·]*$/, s);
    }
    assert.equal(untranslated(cvSummary(smallModel())), '');
    assert.equal(untranslated(cvSkippedReason(smallModel({ cv: null }))), '');
    assert.equal(untranslated(commandFailureMessage('regExplorer.exportPlot', new Map(), 'disk full')), '');
    const bad = parsePenaltyFactors('zz=1', ['a']);
    assert.equal(bad.ok ? '' : untranslated(bad.error), '');
    for (const type of ['categorical', 'boolean', 'identifier', 'constant', 'empty'] as const) {
      const d = columnDetail({ name: 'c', type, levels: type === 'categorical' ? ['x', 'y'] : undefined, missing: type === 'empty' ? 5 : 1 } as Parameters<typeof columnDetail>[0]) ?? '';
      assert.match(untranslated(d), /^[\s·]*$/, d);
    }
    assert.deepEqual(missed, [], 'every message the helpers used is in the bundle');
  } finally {
    useLocalizer();
  }
  assert.equal(penaltyLabel(1), 'Lasso (α=1)', 'useLocalizer() restores English');
});
