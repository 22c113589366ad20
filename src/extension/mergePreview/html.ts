/**
 * The Merge Preview page's HTML: a fixed shell with a strict Content Security Policy. No workspace
 * data is ever spliced in here; presets, values and messages reach the page only through postMessage.
 * No `vscode` import, so the policy is unit-tested in plain Node.
 */
import { MERGE_PREVIEW_TITLE } from '../../shared/mergePreviewProtocol';

export interface PageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `asWebviewUri` of dist/webview.js and dist/webview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** A fresh random nonce for each render (see `createNonce`). */
  readonly nonce: string;
}

/**
 * default-src 'none'; scripts only with the nonce; styles only from the extension's files (the
 * components' styles are constructable stylesheets, which need no 'unsafe-inline'); nothing else.
 */
export function contentSecurityPolicy(resources: Pick<PageResources, 'cspSource' | 'nonce'>): string {
  return [`default-src 'none'`, `style-src ${resources.cspSource}`, `script-src 'nonce-${resources.nonce}'`].join('; ');
}

export function mergePreviewHtml(resources: PageResources): string {
  const { scriptUri, styleUri, nonce } = resources;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(resources))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attribute(styleUri)}">
  <title>${MERGE_PREVIEW_TITLE}</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="loading">Loading the merge…</p></main>
  <script type="module" nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>`;
}

/** Escapes a value for a double-quoted HTML attribute. The values are our own URIs, but a path may hold anything. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
