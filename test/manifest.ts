// package.json as VS Code reads it: `%key%` strings replaced from package.nls.json (the English texts),
// shared by the tests that check the contributed titles, settings and walkthrough.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** The keys VS Code substitutes: a whole string `%key%` (its extension scanner's nls pattern). */
export const NLS_KEY = /^%([\w\d.-]+)%$/;

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, name), 'utf8'));
}

/** A copy of `manifest` with every `%key%` string that `nls` defines replaced by its text (others stay). */
export function localizeManifest<T>(manifest: T, nls: Record<string, string>): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const key = NLS_KEY.exec(v)?.[1];
      return key !== undefined && Object.hasOwn(nls, key) ? nls[key] : v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(manifest) as T;
}

/** package.json with the English texts of package.nls.json, as the workbench shows it. */
export function englishManifest(): unknown {
  return localizeManifest(readJson('package.json'), readJson('package.nls.json') as Record<string, string>);
}
