/**
 * The flag parts of New Preset and Duplicate to Workspace, in the flag engine bundle: they need the
 * catalogs' code, which loads on first need. No errors of the extension's own are thrown from here (another
 * bundle's classes would not match): a dismissed prompt is returned as undefined.
 */
import vscode = require('vscode');
import { analyzePresetText } from '../../core/analyze';
import type { CatalogEntry } from '../../core/catalog';
import type { Runtime } from '../../core/model';
import type { PresetRule } from '../../core/presetRules';
import { applyAvailableFlagFixes, fixableFlagProblems } from '../../core/runtime/flagFixEdits';
import { presetTemplates, type PresetTemplate } from '../../core/runtime/templates';
import type { ChosenKnowledge } from '../../node/flagKnowledge';

/**
 * The copy's text with the flag fixes applied when `apply` says so, or when the user picks them (`apply`
 * undefined, the Duplicate command run by hand); the text unchanged when there is nothing to fix; undefined
 * when the prompt was dismissed.
 */
export async function fixFlagsOfCopy(
  text: string,
  source: CatalogEntry,
  rules: readonly PresetRule[],
  apply: boolean | undefined,
): Promise<string | undefined> {
  const analyze = (t: string) => analyzePresetText(t, { origin: 'workspace', rules }).diagnostics;
  const fixable = fixableFlagProblems(analyze(text));
  if (fixable.length === 0 || apply === false) return text;
  if (apply === undefined) {
    const problems = source.analysis.diagnostics.filter((d) => d.code.startsWith('flag-')).length;
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: '$(wrench) Apply the available flag fixes',
          detail: fixable.map((d) => d.message).join(' · '),
          fix: true,
        },
        { label: 'Copy the values as they are', fix: false },
      ],
      {
        title: `Duplicate "${source.analysis.name ?? source.label}": ${problems} flag problem${problems === 1 ? '' : 's'}`,
      },
    );
    if (!picked) return undefined;
    if (!picked.fix) return text;
  }
  return applyAvailableFlagFixes(text, analyze).text;
}

/**
 * New Preset's starting points for a runtime, as quick-pick items whose value is the template. The system
 * presets' grids stand in for defaults the runtime only computes at start-up.
 */
export function templateStarts(
  runtime: Runtime,
  chosen: ChosenKnowledge,
  entries: readonly CatalogEntry[],
): (vscode.QuickPickItem & { value: PresetTemplate })[] {
  const examples = entries
    .filter((entry) => entry.origin === 'system' && entry.analysis.preset?.runtime === runtime)
    .map((entry) => entry.analysis.preset!.parameters);
  return presetTemplates(runtime, chosen.knowledge.runtimes[runtime].index, { examples }).map((template) => ({
    label: `$(beaker) ${template.name}`,
    description: Object.keys(template.parameters).join(', '),
    detail: template.description,
    value: template,
  }));
}
