/**
 * The flag knowledge for each choice of versions, built once per choice from catalogs opened once: the state
 * behind RuntimeKnowledge, in the flag engine bundle.
 */
import * as path from 'node:path';
import type { Runtime } from '../core/model';
import type { PresetRule } from '../core/presetRules';
import { flagRule } from '../core/runtime/flagRule';
import { chooseFlagKnowledge, type ChosenKnowledge } from '../node/flagKnowledge';
import { openRuntimeCatalogs, type RuntimeCatalogs } from '../node/runtimeCatalogs';

export interface TaskRuntime {
  readonly runtime: Runtime | null;
  readonly imageTag: string | null;
}

export class FlagKnowledgeCache {
  readonly catalogs: RuntimeCatalogs;
  private readonly chosen = new Map<string, ChosenKnowledge>();
  private readonly rules = new Map<ChosenKnowledge, PresetRule>();
  private failed = false;

  /** `logError` is the extension's (this bundle has no log of its own): told once when the catalogs cannot be read. */
  constructor(
    extensionPath: string,
    private readonly logError: (message: string, error: unknown) => void,
  ) {
    this.catalogs = openRuntimeCatalogs(path.join(extensionPath, 'runtimes'));
  }

  /** Undefined when the catalogs cannot be read: presets are then checked without flag checks. */
  knowledge(versions: Partial<Record<Runtime, string>>, task?: TaskRuntime): ChosenKnowledge | undefined {
    if (this.failed) return undefined;
    const key = JSON.stringify([versions, task ?? null]);
    let chosen = this.chosen.get(key);
    if (!chosen) {
      try {
        chosen = chooseFlagKnowledge(this.catalogs, { versions, task });
      } catch (error) {
        this.failed = true;
        this.logError('Reading the runtime flag catalogs failed; presets are checked without them', error);
        return undefined;
      }
      this.chosen.set(key, chosen);
    }
    return chosen;
  }

  /** The flag rule as a list to pass as `rules`: empty when the catalogs cannot be read. */
  presetRules(versions: Partial<Record<Runtime, string>>, task?: TaskRuntime): PresetRule[] {
    const chosen = this.knowledge(versions, task);
    if (!chosen) return [];
    let rule = this.rules.get(chosen);
    if (!rule) this.rules.set(chosen, (rule = flagRule(chosen.knowledge)));
    return [rule];
  }
}
