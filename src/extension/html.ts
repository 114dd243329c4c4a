/** The panel's HTML shell. Pure (no 'vscode'): the CSP is checked by test/extension-unit. */
import { randomBytes } from 'node:crypto';

export interface HtmlParts {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** Fresh per HTML build; defaults to 16 crypto-random bytes, base64. */
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; font-src ${cspSource}; script-src 'nonce-${nonce}'`;
}

/** Escapes text for a double-quoted attribute or element content (single quotes stay, as the CSP needs them). */
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The document: CSP meta, the stylesheet and the nonce'd bundle. The webview builds every element itself. */
export function buildHtml(p: HtmlParts): string {
  const nonce = p.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(p.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(p.styleUri)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>
`;
}
