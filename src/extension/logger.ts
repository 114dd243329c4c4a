/**
 * The "Regularization Explorer" output channel with a verbosity from `regExplorer.logLevel`
 * (a plain OutputChannel, not a LogOutputChannel, whose level only follows VS Code's global log level).
 */
import * as vscode from 'vscode';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const rank: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export class Logger implements vscode.Disposable {
  static readonly channelName = 'Regularization Explorer';
  private readonly channel = vscode.window.createOutputChannel(Logger.channelName);
  private level: LogLevel;

  constructor(level: LogLevel) {
    this.level = level;
  }

  setLevel(level: LogLevel): void {
    this.level = rank[level] === undefined ? 'info' : level;
  }

  error(message: string, detail?: unknown): void { this.write('error', message, detail); }
  warn(message: string, detail?: unknown): void { this.write('warn', message, detail); }
  info(message: string, detail?: unknown): void { this.write('info', message, detail); }
  debug(message: string, detail?: unknown): void { this.write('debug', message, detail); }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: LogLevel, message: string, detail?: unknown): void {
    if (rank[level] > rank[this.level]) return;
    const stamp = new Date().toISOString().slice(11, 23);
    this.channel.appendLine(`${stamp} [${level}] ${message}`);
    if (detail !== undefined) {
      const text = detail instanceof Error ? (detail.stack ?? `${detail.name}: ${detail.message}`) : typeof detail === 'string' ? detail : JSON.stringify(detail);
      for (const line of text.split('\n')) this.channel.appendLine(`    ${line}`);
    }
  }
}
