/**
 * `l10n.t` for the extension's pure helpers (describeModel, commandMeta, options), which the unit tests
 * load without VS Code: the same call shape and placeholder rules as `vscode.l10n.t`, which activate()
 * installs with `useLocalizer(vscode.l10n.t)`. Until then (unit tests, benches) it formats the English
 * message itself. The VS Code adapters call `vscode.l10n.t` directly; scripts/l10n-extract.mjs collects
 * the messages of both into l10n/bundle.l10n.json.
 *
 * Call it when the text is needed, never at module load (a constant built at load would stay English).
 */

/** A placeholder value: `{0}`, `{1}`, … take positional arguments, `{name}` a record's fields. */
export type L10nArg = string | number | boolean;

/** `vscode.l10n.t`'s two string forms. */
export interface Localizer {
  (message: string, ...args: L10nArg[]): string;
  (message: string, args: Record<string, unknown>): string;
}

/**
 * VS Code's substitution (`format2` in src/vs/base/common/strings.ts, used by the extension host's
 * l10n.t): without arguments the message is returned as is; otherwise each `{key}` whose key names an
 * argument (a position, or a record field) is replaced by it, and any other `{…}` is left alone.
 */
export function formatMessage(message: string, args: readonly L10nArg[] | Record<string, unknown>): string {
  const values = args as Record<string, unknown>;
  if (Object.keys(values).length === 0) return message;
  return message.replace(/{([^}]+)}/g, (match, key: string) => String(values[key] ?? match));
}

const english: Localizer = (message: string, ...rest: unknown[]) =>
  formatMessage(message, rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null ? rest[0] as Record<string, unknown> : rest as L10nArg[]);

let current: Localizer = english;

/** Installs the localizer (activate(): `vscode.l10n.t`); with no argument, restores the English formatter. */
export function useLocalizer(localizer?: Localizer): void {
  current = localizer ?? english;
}

/** The localized `message` with its placeholders filled, like `vscode.l10n.t`. */
export const t: Localizer = (message: string, ...rest: unknown[]) => (current as (m: string, ...a: unknown[]) => string)(message, ...rest);
