/** extensionTestsPath of the single-folder session (workspace: test/fixtures/workspaces/single). */
import { runMochaSuite } from '../runMocha';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
