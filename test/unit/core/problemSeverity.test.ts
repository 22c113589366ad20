import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticCodes } from '../../../src/core/model';
import {
  FLAG_PROBLEM_SEVERITIES,
  isFlagProblem,
  readFlagProblemSeverity,
  shownSeverity,
} from '../../../src/core/problemSeverity';
import { FlagProblemCodes } from '../../../src/core/runtime/flagChecks';
import { repoRoot } from '../helpers/presets';

const flagCodes = Object.values(FlagProblemCodes);
const otherCodes = Object.values(DiagnosticCodes);

describe('the severity of flag problems in the editor', () => {
  it('shows every flag problem at the severity the setting names', () => {
    for (const code of flagCodes) {
      assert.ok(isFlagProblem({ code }), code);
      for (const setting of ['error', 'warning', 'information', 'hint'] as const) {
        assert.equal(shownSeverity({ code, severity: 'warning' }, setting), setting, `${code} at ${setting}`);
      }
    }
  });

  it('shows no flag problem when the setting is off', () => {
    for (const code of flagCodes) assert.equal(shownSeverity({ code, severity: 'warning' }, 'off'), undefined, code);
  });

  it('leaves every other problem at its own severity, whatever the setting', () => {
    for (const code of otherCodes) {
      assert.ok(!isFlagProblem({ code }), code);
      for (const setting of FLAG_PROBLEM_SEVERITIES) {
        assert.equal(shownSeverity({ code, severity: 'error' }, setting), 'error', `${code} at ${setting}`);
        assert.equal(shownSeverity({ code, severity: 'warning' }, setting), 'warning', `${code} at ${setting}`);
      }
    }
    // A rule code that only contains "flag-" is not a flag problem.
    assert.equal(shownSeverity({ code: 'my-flag-rule', severity: 'warning' }, 'off'), 'warning');
  });

  it('reads the setting as written, and a missing or unknown value as warning', () => {
    for (const setting of FLAG_PROBLEM_SEVERITIES) assert.equal(readFlagProblemSeverity(setting), setting);
    for (const value of [undefined, null, '', 'Error', 'warn', 'none', 1, true, ['error'], {}]) {
      assert.equal(readFlagProblemSeverity(value), 'warning', JSON.stringify(value));
    }
  });

  it('offers in package.json exactly the choices it reads, with warning as the default', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['parameterPresets.flagProblemSeverity'];
    assert.deepEqual(setting.enum, [...FLAG_PROBLEM_SEVERITIES]);
    assert.equal(setting.enumDescriptions.length, FLAG_PROBLEM_SEVERITIES.length);
    assert.equal(setting.default, 'warning');
  });
});
