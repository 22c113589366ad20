/** Commands about the view itself: the tree filter, Refresh and Show Log. */
import vscode = require('vscode');
import { formatFilter, parseFilter } from '../../core/presetFilter';
import { log } from '../log';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps } from './targets';

export function viewCommands(deps: CommandDeps): Record<string, CommandHandler> {
  const { index, model } = deps;

  /** With a string, sets the filter to it; without, edits it live in an input box (Escape restores it). */
  const filter = async (...args: unknown[]): Promise<void> => {
    const { target: first } = commandArgs(args);
    if (typeof first === 'string') {
      model.setFilter(parseFilter(first));
      return;
    }
    const previous = model.filter;
    const input = vscode.window.createInputBox();
    input.title = 'Filter Presets';
    input.placeholder = 'Words in name, category, tags or parameter names; runtime:sglang or runtime:vllm';
    input.value = formatFilter(previous);
    let accepted = false;
    input.onDidChangeValue((value) => model.setFilter(parseFilter(value)));
    input.onDidAccept(() => {
      accepted = true;
      input.hide();
    });
    const hidden = new Promise<void>((resolve) =>
      input.onDidHide(() => {
        if (!accepted) model.setFilter(previous); // Escape restores the filter as it was
        input.dispose();
        resolve();
      }),
    );
    input.show();
    await hidden;
  };

  return {
    'parameterPresets.filter': filter,
    'parameterPresets.clearFilter': () => model.setFilter(parseFilter('')),
    'parameterPresets.refresh': () => index.rescan(),
    'parameterPresets.showLog': () => log().show(),
  };
}
