/**
 * How the editor shows a preset's problems: the runtime-flag problems (codes `flag-*`) at the severity the
 * setting `parameterPresets.flagProblemSeverity` names, every other problem as the analysis found it. Flag
 * checks are warnings by default because a runtime plugin can add flags the catalogs cannot know; a team
 * that pins its images may want them as errors, another may want them quieter or gone.
 */
import type { PresetDiagnostic } from './model';

export const FLAG_PROBLEM_SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type FlagProblemSeverity = (typeof FLAG_PROBLEM_SEVERITIES)[number];

/** A severity the editor can show; `off` is not one of them (the problem is not shown). */
export type ShownSeverity = Exclude<FlagProblemSeverity, 'off'>;

export const DEFAULT_FLAG_PROBLEM_SEVERITY: FlagProblemSeverity = 'warning';

/** The setting's value as written, or the default when it is missing or not one of the choices. */
export function readFlagProblemSeverity(value: unknown): FlagProblemSeverity {
  return (FLAG_PROBLEM_SEVERITIES as readonly unknown[]).includes(value)
    ? (value as FlagProblemSeverity)
    : DEFAULT_FLAG_PROBLEM_SEVERITY;
}

/** A problem of the runtime flag checks (code `flag-*`). */
export function isFlagProblem(diagnostic: Pick<PresetDiagnostic, 'code'>): boolean {
  return diagnostic.code.startsWith('flag-');
}

/** The severity to show a problem with; undefined when it is a flag problem and flag problems are off. */
export function shownSeverity(
  diagnostic: Pick<PresetDiagnostic, 'code' | 'severity'>,
  flagSeverity: FlagProblemSeverity,
): ShownSeverity | undefined {
  if (!isFlagProblem(diagnostic)) return diagnostic.severity;
  return flagSeverity === 'off' ? undefined : flagSeverity;
}
