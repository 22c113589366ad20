import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('negative control (must fail)', () => {
  it('runs inside the extension host', () => {
    assert.equal(typeof vscode.version, 'string');
  });

  it('fails on purpose, so the harness can prove a failure reaches the exit code', () => {
    assert.equal(1 + 1, 3, 'deliberate failure: the harness must report this run as failed');
  });
});
