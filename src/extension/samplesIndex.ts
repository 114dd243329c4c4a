/** Parses the bundled datasets' README into one-line descriptions. Pure (no 'vscode'). */

const DATA = /\.(csv|tsv|json|jsonl|ndjson)$/i;

/**
 * Finds a description per file name in a README written either as a list
 * ("- `diabetes.csv` — 442 patients …", "* **prostate.tsv**: …") or with a heading per file
 * ("## diabetes.csv" followed by a paragraph; its first sentence is used), or as a Markdown table
 * ("| `diabetes.csv` | 442 × 11 | `y`: disease progression (gaussian) | … |": the next two cells).
 */
export function parseSampleReadme(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = markdown.split(/\r?\n/);
  const clean = (s: string) => s.replace(/[`*]/g, '').trim();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const item = /^\s*[-*]\s+(.+?)\s*(?:—|–|:|\s-\s)\s*(.+)$/.exec(line);
    if (item && DATA.test(clean(item[1]))) {
      out.set(clean(item[1]), clean(item[2]));
      continue;
    }
    if (/^\s*\|/.test(line)) {
      // A table row: the file, then up to two cells (e.g. "Rows × cols" and "Target (family)").
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map(clean);
      if (cells.length >= 2 && DATA.test(cells[0])) out.set(cells[0], cells.slice(1, 3).filter(Boolean).join(' · '));
      continue;
    }
    const heading = /^#{1,6}\s+(.+)$/.exec(line);
    if (heading && DATA.test(clean(heading[1]))) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      if (j < lines.length && !lines[j].startsWith('#')) {
        const para = clean(lines[j]);
        const sentence = /^(.+?[.!?])(\s|$)/.exec(para);
        out.set(clean(heading[1]), sentence ? sentence[1] : para);
      }
    }
  }
  return out;
}

export function isSampleFile(name: string): boolean {
  return DATA.test(name);
}
