/**
 * The presets the user merged most recently, kept per workspace (workspace state), for the pickers'
 * "most used first". The rules are the core's (src/core/recent.ts); this only stores the list.
 */
import vscode = require('vscode');
import { orderByRecent, recordRecent } from '../core/recent';
import type { IndexedPreset } from './presetIndex';
import { Settings } from './settings';

/** The workspace-state key of the list. */
export const RECENT_MERGES_KEY = 'parameterPresets.recentMerges';

export class RecentMerges {
  constructor(private readonly state: vscode.Memento) {}

  /** Names, most recent first. */
  names(): string[] {
    return recordRecent(this.state.get(RECENT_MERGES_KEY), []);
  }

  /** Remembers the presets of a merge the user asked for. */
  async remember(names: readonly string[]): Promise<void> {
    await this.state.update(RECENT_MERGES_KEY, recordRecent(this.names(), names));
  }

  /**
   * Entries for a picker: those merged most recently first, and their names to mark; as given, with
   * nothing marked, when the `recentFirst` setting is off.
   */
  forPicker(entries: readonly IndexedPreset[]): { entries: IndexedPreset[]; recent: ReadonlySet<string> } {
    if (!Settings.recentFirst()) return { entries: [...entries], recent: new Set() };
    const recent = this.names();
    return { entries: orderByRecent(entries, recent, (entry) => entry.analysis.name), recent: new Set(recent) };
  }
}
