/**
 * The extension's code that activation does not need, in bundles of their own beside `dist/extension.js`,
 * each required the first time something needs it: the runtime flag code (`dist/flagEngine.js`, see
 * flagEngine.ts) and the Merge Preview panel (`dist/mergePreview.js`, see mergePreview/bundle.ts). The
 * extension imports only their types; the path is built at run time, so esbuild leaves the require alone.
 */
import * as path from 'node:path';
import type { FlagEngine } from './flagEngine';
import type { MergePreviewBundle } from './mergePreview/bundle';

interface LazyBundles {
  readonly flagEngine: FlagEngine;
  readonly mergePreview: MergePreviewBundle;
}

/** Loads one lazy bundle (Node caches it: later calls return the same module). */
export function requireBundle<Name extends keyof LazyBundles>(extensionPath: string, name: Name): LazyBundles[Name] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(extensionPath, 'dist', `${name}.js`)) as LazyBundles[Name];
}
