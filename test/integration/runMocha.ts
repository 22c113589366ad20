/**
 * The extensionTestsPath contract shared by every in-host suite: load the suite folder's `*.test.js` into a
 * fresh mocha and reject when any test fails, which the host turns into a non-zero exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMochaSuite(suiteDir: string): Promise<void> {
  // No colours: the output travels through the workbench's console to the terminal as plain text.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = fs
    .readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js in ${suiteDir}: was the suite built?`));
  for (const file of files) mocha.addFile(path.join(suiteDir, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
  });
}
