/**
 * The runtime flag code the extension uses, as one bundle of its own (`dist/flagEngine.js`): the checks,
 * completion and hover facts, templates, fixes, runs of a grid and conversion are loaded with the catalogs, on first need, so they add
 * nothing to `dist/extension.js` or to activation. The extension imports only this module's types; its
 * values come from `RuntimeKnowledge.engine()`.
 */
export { chooseFlagKnowledge } from '../node/flagKnowledge';
export { openRuntimeCatalogs } from '../node/runtimeCatalogs';
export { flagRule, presetFlagProblems } from '../core/runtime/flagRule';
export { describeFlag, flagCompletions, valueCompletions } from '../core/runtime/flagInfo';
export { presetTemplates } from '../core/runtime/templates';
export { applyWarnings } from '../core/runtime/applyWarnings';
export { otherRuntime, RUNTIME_LABELS } from '../core/runtime/catalog';
export { checkFlags } from '../core/runtime/flagChecks';
export { convertPreset, describeConversion } from '../core/runtime/convert';
export { failingRuns, gridRuns, HARMLESS_AT_LAUNCH } from '../core/runtime/runs';
export {
  applyAvailableFlagFixes,
  fixableFlagProblems,
  fixTitle,
  flagFixEdits,
  flagFixTarget,
} from '../core/runtime/flagFixEdits';

// The editor's flag features, built on the above; `vscode` stays external to this bundle as to the extension's.
export { FlagKnowledgeCache } from './flagKnowledgeCache';
export { mergedFlagProblems } from './mergePreview/mergedFlagProblems';
export { buildRunsSection } from './mergePreview/runsView';
export { runsChecks } from './mergePreview/runsChecks';
export { FlagLanguageFeatures } from './languageFeatures/flagFeatures';
export { showSystemPresetProblems } from './systemPresetProblems';
export { PresetQuickFixes } from './languageFeatures/presetQuickFixes';
export { fixFlagsOfCopy, templateStarts } from './commands/flagCommands';

export type FlagEngine = typeof import('./flagEngine');
