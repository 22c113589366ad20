/**
 * The runtime flag checks as one more source of preset rules: the analysis runs this rule after the
 * built-in ones and locates its problems like theirs, so the editor, the index, the CLI and the API all
 * get flag problems as ordinary diagnostics (codes `flag-*`, warnings) at the key or value they concern.
 */
import { locatePaths, type JsonPath } from '../jsonText';
import { toTextPath } from '../listPositions';
import type { Preset, Runtime } from '../model';
import type { PresetRule, RuleProblem } from '../presetRules';
import { formatFieldPath } from '../values';
import type { CounterpartIndex, FlagIndex } from './catalog';
import { checkFlags, type FlagCheckOptions, type FlagProblem, type RuntimeToCheck } from './flagChecks';
import type { ValueTokens } from './pythonStr';

/** What the flag checks know: per runtime, the catalog that applies and the other shipped versions. */
export interface FlagKnowledge {
  readonly runtimes: Readonly<Record<Runtime, RuntimeToCheck>>;
  readonly counterparts?: CounterpartIndex;
}

export const FLAG_RULE_ID = 'runtime-flags';

/**
 * The flag problems of a preset: checked against its runtime's catalog (naming the other runtime's flags),
 * or against both when it is for any runtime.
 */
export function presetFlagProblems(
  preset: Pick<Preset, 'runtime' | 'parameters'>,
  knowledge: FlagKnowledge,
  tokens?: ValueTokens,
  unknownKeys?: Map<string, FlagProblem>,
): FlagProblem[] {
  const plan = checkPlan(knowledge, preset.runtime);
  return checkFlags(preset.parameters, plan.checked, {
    otherRuntimes: plan.otherRuntimes,
    counterparts: knowledge.counterparts,
    tokens,
    unknownKeys,
  });
}

interface CheckPlan {
  readonly checked: readonly RuntimeToCheck[];
  readonly otherRuntimes: FlagCheckOptions['otherRuntimes'];
}

/** The runtimes a preset of `runtime` is checked against, and those whose flags are named as the other runtime's. */
function checkPlan(knowledge: FlagKnowledge, runtime: Runtime | null): CheckPlan {
  const all = Object.values(knowledge.runtimes);
  const others = runtime ? all.filter((r) => r.runtime !== runtime) : [];
  return {
    checked: runtime ? [knowledge.runtimes[runtime]] : all,
    otherRuntimes: others.map(({ runtime, index }) => ({ runtime, index })),
  };
}

/** A rule for `analyzePresetText(text, { rules: [flagRule(knowledge)] })`. */
export function flagRule(knowledge: FlagKnowledge): PresetRule {
  // Per preset runtime (null included, so at most three), made on its first preset: the plan, and the options
  // the checks take for a file that needs no number tokens, so that most files allocate no options object.
  // The unknown keys are per rule, so per catalog choice, and per runtime (the checked runtimes differ):
  // bounded, since a key is only kept when it is unknown, and typos are few.
  const perRuntime = new Map<
    string,
    { plan: CheckPlan; options: FlagCheckOptions; unknownKeys: Map<string, FlagProblem> }
  >();
  return {
    id: FLAG_RULE_ID,
    check(preset, context) {
      const runtime = preset.runtime ?? '';
      let state = perRuntime.get(runtime);
      if (!state || state.unknownKeys.size > UNKNOWN_KEYS_KEPT) {
        const plan = state?.plan ?? checkPlan(knowledge, preset.runtime);
        const unknownKeys = new Map<string, FlagProblem>();
        const options = { otherRuntimes: plan.otherRuntimes, counterparts: knowledge.counterparts, unknownKeys };
        perRuntime.set(runtime, (state = { plan, options, unknownKeys }));
      }
      const tokens = context.numbersAsParsed ? undefined : numberTokens(preset, context.text);
      const options = tokens ? { ...state.options, tokens } : state.options;
      const problems = checkFlags(preset.parameters, state.plan.checked, options);
      return problems.length ? problems.map(toRuleProblem) : NO_PROBLEMS;
    },
  };
}

const NO_PROBLEMS: readonly RuleProblem[] = [];

/** How many unknown keys a rule remembers per runtime before it starts afresh. */
const UNKNOWN_KEYS_KEPT = 10_000;

/** Flag knowledge from the index of the version that applies per runtime, and those of the other shipped versions. */
export function knowledgeOf(
  indexes: Readonly<Record<Runtime, FlagIndex>>,
  others: Readonly<Partial<Record<Runtime, readonly FlagIndex[]>>> = {},
  counterparts?: CounterpartIndex,
): FlagKnowledge {
  const entry = (runtime: Runtime): RuntimeToCheck => ({
    runtime,
    index: indexes[runtime],
    otherVersions: others[runtime] ?? [],
  });
  return { runtimes: { sglang: entry('sglang'), vllm: entry('vllm') }, counterparts };
}

function toRuleProblem(problem: FlagProblem): RuleProblem {
  const path: JsonPath =
    problem.valueIndex === undefined ? ['parameters', problem.flag] : ['parameters', problem.flag, problem.valueIndex];
  // The analysis puts the field path in front of every message; the checks already start with it.
  const prefix = `${formatFieldPath(path)}: `;
  const message = problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
  return {
    path,
    target: problem.target,
    severity: problem.severity,
    code: problem.code,
    message,
    data: problem.fix ? { fix: problem.fix, flag: problem.flag } : { flag: problem.flag },
  };
}

/**
 * The source text of whole numbers, for a text that may write one otherwise than as a plain integer: `2.0`
 * and `1e3` read as integers, but Python, and so the launched server, reads floats; an integer of 16 digits or
 * more may be rounded.
 */
function numberTokens(preset: Pick<Preset, 'parameters' | 'textPositions'>, text: string): ValueTokens | undefined {
  const paths: JsonPath[] = [];
  const where: [string, number][] = [];
  for (const [flag, values] of Object.entries(preset.parameters)) {
    values.forEach((value, i) => {
      if (typeof value === 'number' && Number.isInteger(value)) {
        paths.push(toTextPath(preset, ['parameters', flag, i]));
        where.push([flag, i]);
      }
    });
  }
  if (paths.length === 0) return undefined;
  // Inside an export envelope the parameters sit under "preset"; try the bare layout first.
  let located = locatePaths(text, paths);
  if (!located.some((l) => l.exact))
    located = locatePaths(
      text,
      paths.map((p) => ['preset', ...p]),
    );
  // No prototype: a parameter may be named "__proto__".
  const tokens: Record<string, (string | undefined)[]> = Object.create(null);
  located.forEach((location, n) => {
    if (!location.exact) return;
    const [flag, i] = where[n]!;
    (tokens[flag] ??= [])[i] = location.source;
  });
  return tokens;
}
