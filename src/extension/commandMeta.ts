/**
 * The explorer's command ids and their titles as package.json contributes them. Pure (no 'vscode'; words through ./l10n):
 * test/extension-unit checks package.json against this list (titles, palette visibility, menus).
 */
import * as l10n from './l10n';

/** Every command registerCommands registers (the teaching view's command is registered by teach.ts). */
export const EXPLORER_COMMANDS = [
  'regExplorer.train',
  'regExplorer.trainFile',
  'regExplorer.sweepLambda',
  'regExplorer.togglePenalty',
  'regExplorer.setAlpha',
  'regExplorer.chooseTarget',
  'regExplorer.chooseFeatures',
  'regExplorer.chooseFamily',
  'regExplorer.crossValidate',
  'regExplorer.showPanel',
  'regExplorer.exportCoefficients',
  'regExplorer.exportPlot',
  'regExplorer.openSample',
] as const;

export type ExplorerCommand = (typeof EXPLORER_COMMANDS)[number];

/** Commands that only make sense with a file argument (menus, CodeLens): hidden from the palette. */
export const ARGUMENT_ONLY_COMMANDS: readonly ExplorerCommand[] = ['regExplorer.trainFile'];

/** Title per command id from a package.json object (`contributes.commands[].title`), e.g. "Export Plot". */
export function commandTitles(packageJson: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const commands = (packageJson as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
  if (!Array.isArray(commands)) return out;
  for (const c of commands) {
    const { command, title } = (c ?? {}) as { command?: unknown; title?: unknown };
    if (typeof command === 'string' && typeof title === 'string') out.set(command, title);
  }
  return out;
}

/**
 * The one-line notification for a command that threw: its title as the palette shows it
 * ("Export Plot failed: …"), not its id; a `%key%` title (localized package.json) falls back to the id's words.
 */
export function commandFailureMessage(id: string, titles: ReadonlyMap<string, string>, message: string): string {
  const title = titles.get(id);
  const name = title && !/^%.*%$/.test(title) ? title : wordsOfId(id);
  return l10n.t('{0} failed: {1}', name, message);
}

/** "regExplorer.exportPlot" → "Export plot". */
function wordsOfId(id: string): string {
  const words = id.replace(/^.*\./, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
