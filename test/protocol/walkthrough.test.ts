// The walkthrough (package.json contributes.walkthroughs) against the code it drives: each step has
// exactly one action, which opens a teaching view on a bundled dataset with regExplorer.openLearnView;
// each step ticks off through the context key the host sets once that view has been shown
// (learnedContextKey, src/extension/teach.ts); each step image exists and takes its colours from the
// theme (var(--vscode-…)), so it works in light, dark and high-contrast themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { learnedContextKey, TEACH_VIEWS } from '../../src/protocol/teach';
import { englishManifest, ROOT } from '../manifest';

interface Step { id: string; title: string; description: string; completionEvents?: string[]; media: { svg?: string; image?: string; altText: string } }

/** With the English texts of package.nls.json (test/extension-unit/l10n.test.ts checks the keys). */
const pkg = englishManifest() as { contributes: { commands: { command: string }[]; walkthroughs: { id: string; steps: Step[] }[] } };

const walkthroughs = pkg.contributes.walkthroughs;

test('every walkthrough step opens one teaching view on a bundled dataset and ticks off when that view is shown', () => {
  assert.equal(walkthroughs.length, 1);
  const steps = walkthroughs[0].steps;
  assert.ok(steps.length >= 4 && steps.length <= 8, `${steps.length} steps`);
  const seen = new Set<string>();
  for (const s of steps) {
    const links = [...s.description.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)];
    assert.equal(links.length, 1, `${s.id}: one action per step`);
    const [, command, query] = links[0];
    assert.equal(command, 'regExplorer.openLearnView', s.id);
    assert.ok(pkg.contributes.commands.some((c) => c.command === command), `${command} is contributed`);
    const [view, dataset] = JSON.parse(decodeURIComponent(query)) as [string, string];
    assert.ok((TEACH_VIEWS as readonly string[]).includes(view), `${s.id}: ${view} is a teaching view`);
    assert.ok(existsSync(join(ROOT, 'media', 'datasets', dataset)), `${s.id}: ${dataset} is bundled (media/datasets)`);
    assert.deepEqual(s.completionEvents, [`onContext:${learnedContextKey(view as (typeof TEACH_VIEWS)[number])}`], `${s.id}: completion event`);
    assert.ok(!seen.has(view), `${s.id}: ${view} has one step`);
    seen.add(view);
  }
});

test('every step image exists, is an SVG coloured by theme variables, and has alt text', () => {
  for (const s of walkthroughs[0].steps) {
    assert.ok(s.media.svg, `${s.id}: an SVG (themable) image`);
    const file = join(ROOT, s.media.svg);
    assert.ok(existsSync(file), `${s.id}: ${s.media.svg} exists`);
    const svg = readFileSync(file, 'utf8');
    assert.ok(s.media.altText.length > 10, `${s.id}: alt text`);
    // Every fill/stroke colour is a theme variable (with a fallback) or none/currentColor: no fixed colour
    // that could vanish on a dark or high-contrast background.
    const colours = [...svg.matchAll(/(?:fill|stroke)="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(colours.length > 0, `${s.id}: draws something`);
    for (const c of colours) assert.match(c, /^(var\(--vscode-[\w-]+, ?[^)]+\)|none|currentColor)$/, `${s.id}: colour ${c}`);
  }
});
