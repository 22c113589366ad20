/**
 * A suite that must fail. The harness runs it after the real suites and expects a non-zero exit code:
 * if a failing in-host test ever stopped failing the run, this is where it would show.
 */
import { runMochaSuite } from '../runMocha';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
