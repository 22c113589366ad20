import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, mergePreviewHtml } from '../../../../src/extension/mergePreview/html';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
  nonce: 'bm9uY2Ugb2YgdGhlIHRlc3Q=',
};

describe('Merge Preview page HTML', () => {
  it('has a strict policy: nothing by default, nonce-only scripts, styles only from the extension', () => {
    const csp = contentSecurityPolicy(resources);
    assert.equal(csp, `default-src 'none'; style-src ${resources.cspSource}; script-src 'nonce-${resources.nonce}'`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads one script with the nonce and one style sheet, and carries no data and no inline code', () => {
    const html = mergePreviewHtml(resources);
    assert.ok(html.includes(`content="${contentSecurityPolicy(resources)}"`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script type="module" nonce="${resources.nonce}" src="${resources.scriptUri}">`]);
    assert.match(html, /<\/script>\s*<\/body>/, 'the script element is empty');
    assert.deepEqual(html.match(/<link\b[^>]*>/g), [`<link rel="stylesheet" href="${resources.styleUri}">`]);
    assert.doesNotMatch(html, /<style|style=|\bon\w+=/i);
  });

  it('escapes the resource URIs it writes into attributes', () => {
    const html = mergePreviewHtml({ ...resources, scriptUri: 'https://x/"><img src=x onerror=alert(1)>.js' });
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&quot;&gt;&lt;img'));
  });
});
