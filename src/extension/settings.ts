/** Typed access to the regExplorer.* settings (contributes.configuration in package.json). */
import * as vscode from 'vscode';
import type { LogLevel } from './logger';
import type { OptionSettings } from './options';

export const SECTION = 'regExplorer';

export interface Settings extends OptionSettings {
  liveRetrain: boolean;
  liveRetrainDebounceMs: number;
  codeLensEnabled: boolean;
  logLevel: LogLevel;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    defaultAlpha: c.get<number>('defaultAlpha', 1),
    family: c.get<OptionSettings['family']>('family', 'auto'),
    folds: c.get<number>('cv.folds', 10),
    measure: c.get<OptionSettings['measure']>('cv.measure', 'default'),
    lambdaRule: c.get<OptionSettings['lambdaRule']>('lambdaRule', '1se'),
    liveRetrain: c.get<boolean>('liveRetrain', true),
    liveRetrainDebounceMs: Math.max(0, c.get<number>('liveRetrainDebounceMs', 400)),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    logLevel: c.get<LogLevel>('logLevel', 'info'),
  };
}
