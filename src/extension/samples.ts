/** The sample datasets bundled in media/datasets, read at runtime with a description from its README. */
import * as vscode from 'vscode';
import { isSampleFile, parseSampleReadme } from './samplesIndex';

export interface Sample {
  name: string;
  uri: vscode.Uri;
  description: string | undefined;
}

export async function listSamples(extensionUri: vscode.Uri): Promise<Sample[]> {
  const dir = vscode.Uri.joinPath(extensionUri, 'media', 'datasets');
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  let descriptions = new Map<string, string>();
  const readme = entries.find(([n]) => /^readme\.md$/i.test(n));
  if (readme) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, readme[0])));
    descriptions = parseSampleReadme(text);
  }
  return entries
    .filter(([n, t]) => t === vscode.FileType.File && isSampleFile(n))
    .map(([n]) => ({ name: n, uri: vscode.Uri.joinPath(dir, n), description: descriptions.get(n) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
