/** extensionTestsPath of the untrusted session: the single-folder fixture opened in Restricted Mode. */
import { runMochaSuite } from '../runMocha';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
