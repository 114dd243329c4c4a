// Types for scripts/l10n-extract.mjs (imported by test/extension-unit/l10n.test.ts).
export declare const ROOT: string;
export declare const SOURCE_DIR: string;
export declare const BUNDLE: string;
export declare function sourceFiles(dir?: string): string[];
export declare function placeholders(message: string): string[];
export declare function extract(files?: string[]): { messages: Map<string, string[]>; problems: string[]; notifications: number };
export declare function bundleOf(messages: Map<string, string[]>): Record<string, string>;
export declare function compareBundle(bundle: Record<string, string>, messages: Map<string, string[]>): { missing: string[]; stale: string[]; changed: string[] };
