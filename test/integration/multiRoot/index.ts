/** extensionTestsPath of the multi-root session (test/fixtures/workspaces/multi-root/multi-root.code-workspace). */
import { runMochaSuite } from '../runMocha';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
