/**
 * The `document.body.dataset` hooks the E2E tests read (test/e2e/HOOKS.md), and the CSP-violation
 * listener. The listener is installed by this bundle at startup: VS Code writes the webview's HTML
 * with document.open(), which drops listeners added from outside (vscode-e2e-offline.md §6).
 */
import type { ThemeKind } from '../src/core/specs';
import type { Penalty } from '../src/protocol/messages';

const ds = () => document.body.dataset;

export function initHooks(onViolation: (detail: string) => void): void {
  ds().cspViolations = '0';
  ds().renders = '0';
  document.addEventListener('securitypolicyviolation', (e) => {
    const detail = `${e.violatedDirective} blocked=${e.blockedURI || 'inline'} ${e.sourceFile ?? ''}:${e.lineNumber ?? ''}`.trim();
    ds().cspViolations = String(Number(ds().cspViolations ?? '0') + 1);
    ds().cspDetail = detail;
    onViolation(detail);
  });
}

export function markReady(): void {
  ds().ready = '1';
}

export function countRender(): void {
  ds().renders = String(Number(ds().renders ?? '0') + 1);
  delete ds().renderError;
}

export function setRenderError(message: string | null): void {
  if (message === null) delete ds().renderError;
  else ds().renderError = message;
}

export function setModelHooks(runId: number, penalty: Penalty, alpha: number, cvPending = false): void {
  // cvPending: the run's path is shown, its cross-validation still running (a second model follows).
  if (cvPending) ds().cvPending = '1';
  else delete ds().cvPending;
  ds().runId = String(runId);
  ds().penalty = penalty;
  ds().alpha = String(alpha);
}

export function setLambdaHooks(index: number, lambdaText: string): void {
  ds().lambdaIndex = String(index);
  ds().lambda = lambdaText;
}

export function setErrorHook(text: string | null): void {
  if (text === null) delete ds().error;
  else ds().error = text;
}

export function setThemeHook(kind: ThemeKind): void {
  ds().theme = kind;
}

export function setPerfHook(p95: number): void {
  ds().sliderP95Ms = p95.toFixed(2);
}
