import * as assert from 'node:assert/strict';
import { parseWorkspaceSettings } from '../../../src/core/workspaceSettings';

describe('parseWorkspaceSettings', () => {
  it('reads the settings from JSON with comments and trailing commas', () => {
    const settings = parseWorkspaceSettings(`{
      // where presets go
      "parameterPresets.presetsFolder": "config/presets",
      "parameterPresets.exclude": ["fixtures/**", 3, "old/**",],
      "files.exclude": { "**/.cache": true, "**/dist": false, "**/tmp": "yes" },
      "editor.tabSize": 2,
    }`);
    assert.deepEqual(settings, {
      presetsFolder: 'config/presets',
      exclude: ['fixtures/**', 'old/**'],
      filesExclude: ['**/.cache'],
      problems: [],
    });
  });

  it('an empty or unrelated file sets nothing', () => {
    for (const text of ['', '{}', '[]', '"x"', 'null', '1', '{"other": 1}'])
      assert.deepEqual(parseWorkspaceSettings(text), {
        presetsFolder: undefined,
        exclude: [],
        filesExclude: [],
        problems: [],
      });
  });

  it('keeps what parses in a broken file, and says where it broke', () => {
    const settings = parseWorkspaceSettings('{\n  "parameterPresets.presetsFolder": "p"\n  "x": }');
    assert.equal(settings.presetsFolder, 'p');
    assert.deepEqual(settings.problems, ['3:3: comma expected', '3:8: value expected']);
  });

  it('ignores settings of the wrong type', () => {
    const settings = parseWorkspaceSettings('{"parameterPresets.exclude": "a/**", "files.exclude": ["b"]}');
    assert.deepEqual(settings.exclude, []);
    assert.deepEqual(settings.filesExclude, []);
  });

  it('does not read inherited properties as settings', () => {
    assert.equal(parseWorkspaceSettings('{}').presetsFolder, undefined);
    assert.deepEqual(parseWorkspaceSettings('{"__proto__": {"parameterPresets.exclude": ["x"]}}').exclude, []);
  });
  it('counts lines as an editor does, for CRLF and CR line endings; a blank file is no settings', () => {
    assert.deepEqual(parseWorkspaceSettings('{\r\n  "a": 1\r\n  "b": 2}').problems, ['3:3: comma expected']);
    assert.deepEqual(parseWorkspaceSettings('{\r  "a": 1\r  "b": 2}').problems, ['3:3: comma expected']);
    assert.deepEqual(parseWorkspaceSettings('  \n\t').problems, []);
    assert.deepEqual(parseWorkspaceSettings('{"a": 1 "b": /* x').problems, [
      '1:9: comma expected',
      '1:14: unexpected end of comment',
      '1:18: value expected',
      '1:18: close brace expected',
    ]);
    assert.deepEqual(parseWorkspaceSettings('{"files.exclude": null}').filesExclude, []);
  });
});
