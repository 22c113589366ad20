/**
 * The extension's access to the flag catalogs shipped in its `runtimes/` folder. Nothing is read at
 * activation: the catalogs are opened on the first check, completion or hover that needs them, and each
 * choice of versions (the setting, or a task's image tag) is built once.
 */
import * as path from 'node:path';
import type { Runtime } from '../core/model';
import { flagRule } from '../core/runtime/flagRule';
import type { PresetRule } from '../core/presetRules';
import { chooseFlagKnowledge, type ChosenKnowledge } from '../node/flagKnowledge';
import { openRuntimeCatalogs, type RuntimeCatalogs } from '../node/runtimeCatalogs';
import { logError } from './log';
import { Settings } from './settings';

export interface TaskRuntime {
  readonly runtime: Runtime | null;
  readonly imageTag: string | null;
}

export class RuntimeKnowledge {
  private opened: RuntimeCatalogs | undefined;
  private readonly chosen = new Map<string, ChosenKnowledge>();
  private readonly rules = new Map<ChosenKnowledge, PresetRule>();
  private failed = false;

  constructor(private readonly extensionPath: string) {}

  /** The shipped catalogs, opened on first need. */
  catalogs(): RuntimeCatalogs {
    this.opened ??= openRuntimeCatalogs(path.join(this.extensionPath, 'runtimes'));
    return this.opened;
  }

  /**
   * The flag knowledge for the setting `parameterPresets.runtimeVersions`, or for a task's runtime and image
   * tag. Undefined when the catalogs cannot be read: presets are still checked, only without flag checks
   * (the failure is logged once).
   */
  knowledge(task?: TaskRuntime): ChosenKnowledge | undefined {
    if (this.failed) return undefined;
    const versions = Settings.runtimeVersions();
    const key = JSON.stringify([versions, task ?? null]);
    let chosen = this.chosen.get(key);
    if (!chosen) {
      try {
        chosen = chooseFlagKnowledge(this.catalogs(), { versions, task });
      } catch (error) {
        this.failed = true;
        logError('Reading the runtime flag catalogs failed; presets are checked without them', error);
        return undefined;
      }
      this.chosen.set(key, chosen);
    }
    return chosen;
  }

  /** The flag rule for the analysis, as a list to pass as `rules` (empty when the catalogs cannot be read). */
  presetRules(task?: TaskRuntime): PresetRule[] {
    const chosen = this.knowledge(task);
    if (!chosen) return [];
    let rule = this.rules.get(chosen);
    if (!rule) this.rules.set(chosen, (rule = flagRule(chosen.knowledge)));
    return [rule];
  }
}
