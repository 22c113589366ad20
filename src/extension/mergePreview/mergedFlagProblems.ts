/** The Merge Preview's flag marks, in the flag engine bundle (see viewModel.ts's `flagProblems`). */
import type { Preset } from '../../core/model';
import { presetFlagProblems, type FlagKnowledge } from '../../core/runtime/flagRule';
import type { ValueTokens } from '../../core/runtime/pythonStr';

/**
 * The flag problems of the merged parameters, per parameter: what the launched server would make of the
 * merge, checked for the merge's runtime (both runtimes for a merge for any runtime). `tokens`: how the
 * presets' files write the numbers (see core/runtime/valueTokens.ts), so `2.0` for an int flag is a float.
 */
export function mergedFlagProblems(
  merged: Pick<Preset, 'runtime' | 'parameters'>,
  knowledge: FlagKnowledge,
  tokens?: ValueTokens,
): Map<string, string[]> {
  const byParameter = new Map<string, string[]>();
  for (const problem of presetFlagProblems(merged, knowledge, tokens)) {
    // The row names the parameter already: keep what follows "parameters.", with a value's index.
    const message = problem.message.replace(/^parameters\./, '');
    byParameter.set(problem.flag, [...(byParameter.get(problem.flag) ?? []), message]);
  }
  return byParameter;
}
