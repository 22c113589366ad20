/**
 * The runtime flag catalogs shipped in the extension's `runtimes/` folder, and the
 * `parameterPresets.runtimeVersions` setting that picks their versions. Each user keeps the value
 * `openShippedCatalogs` returns: it reads files only when first asked and keeps what it read.
 */
import * as path from 'node:path';
import vscode = require('vscode');
import { RUNTIMES, type Runtime } from '../core/model';
import { openRuntimeCatalogs, type RuntimeCatalogs } from '../node/runtimeCatalogs';

export function openShippedCatalogs(extensionUri: vscode.Uri): RuntimeCatalogs {
  return openRuntimeCatalogs(path.join(extensionUri.fsPath, 'runtimes'));
}

/** The versions the `runtimeVersions` setting asks for, runtime by runtime (only string values). */
export function runtimeVersionsSetting(): Partial<Record<Runtime, string>> {
  const value = vscode.workspace.getConfiguration('parameterPresets').get<unknown>('runtimeVersions');
  const versions: Partial<Record<Runtime, string>> = {};
  if (typeof value !== 'object' || value === null) return versions;
  for (const runtime of RUNTIMES) {
    const version = (value as Record<string, unknown>)[runtime];
    if (typeof version === 'string') versions[runtime] = version;
  }
  return versions;
}
