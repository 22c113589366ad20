/**
 * The Merge Preview as activation sees it: what the commands call to show a merge, and the serializer
 * VS Code needs registered at activation to restore a panel open before a reload. The panel itself is
 * `dist/mergePreview.js` (see ./bundle.ts), loaded on the first show or restore.
 */
import vscode = require('vscode');
import { MERGE_PREVIEW_VIEW_TYPE } from '../../shared/mergePreviewProtocol';
import { runUserAction } from '../commands/register';
import { requireBundle } from '../lazyBundles';
import { log } from '../log';
import type { MergeRequest } from '../mergeRequest';
import { inputPresetName, pickCategory, pickPresetsInOrder } from '../pickers';
import type { PresetIndex } from '../presetIndex';
import type { RecentMerges } from '../recentMerges';
import type { RuntimeKnowledge } from '../runtimeKnowledge';
import type { MergePreviewBundle } from './bundle';
import type { MergePreviewHost, MergePreviewPanel, MergePreviewServices } from './mergePreviewPanel';

export class MergePreview implements MergePreviewServices {
  private loaded: MergePreviewBundle | undefined;
  readonly host: MergePreviewHost = { log, runUserAction, pickPresetsInOrder, inputPresetName, pickCategory };

  constructor(
    private readonly extensionPath: string,
    readonly extensionUri: vscode.Uri,
    readonly index: PresetIndex,
    readonly runtimeKnowledge: RuntimeKnowledge,
    readonly recentMerges?: RecentMerges,
  ) {}

  private bundle(): MergePreviewBundle {
    return (this.loaded ??= requireBundle(this.extensionPath, 'mergePreview'));
  }

  /** Shows a merge: in the open panel (its selection replaced) or in a new one. */
  show(request: MergeRequest): MergePreviewPanel {
    return this.bundle().MergePreviewPanel.show(this, request);
  }

  /** The open panel, if any; none before the bundle has loaded. */
  get currentPanel(): MergePreviewPanel | undefined {
    return this.loaded?.MergePreviewPanel.currentPanel;
  }

  /** Registers the serializer that revives the panel after a window reload. Call during activation. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(MERGE_PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, saved: unknown) => {
        this.bundle().MergePreviewPanel.revive(panel, this, saved);
      },
    });
  }
}
