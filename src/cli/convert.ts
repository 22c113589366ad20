/** `presets convert`: a preset for the other runtime, through the counterpart table (SPEC §7). */
import { serializePresetFile } from '../core/exchange';
import { RUNTIMES, type Runtime } from '../core/model';
import { RUNTIME_LABELS, otherRuntime } from '../core/runtime/catalog';
import { convertPreset, describeConversion } from '../core/runtime/convert';
import { escapeTerminalMessage, terminalText } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { NameTakenError, TooLargeError, createPresetFile } from '../node/createPresetFile';
import { bundledCatalogs } from './runtimeOptions';
import {
  type CliIo,
  type Command,
  dirOption,
  displayPath,
  EXIT_OK,
  helpOption,
  invalid,
  isRegularFile,
  loadWorkspaceCatalog,
  OUTPUT_DASH_USAGE,
  outputFile,
  outputOption,
  type ParsedArgs,
  readWorkspaceSettings,
  resolveDir,
  resolvePreset,
  stringOption,
  usageError,
  workspacePresetsFolder,
} from './shared';

export const convertCommand: Command = {
  summary: 'Convert a preset to the other runtime (SGLang ↔ vLLM)',
  usage: `presets convert --to vllm|sglang PRESET [--dir D] [-o FILE]

  --to R     the runtime to convert to
  PRESET     a preset name or the path of a preset file
  --dir D    workspace folder (default: current folder): names resolve in it, and the new preset goes
             to its presets folder (as import does) unless -o says otherwise
  -o FILE    write the new preset file to FILE instead; ${OUTPUT_DASH_USAGE}
Flags map to their counterparts by name and value; what maps only approximately and what has no
counterpart is printed and kept in the new preset's metadata ("conversion").`,
  options: {
    to: { type: 'string' },
    ...dirOption,
    ...outputOption,
    ...helpOption,
  },
  run: runConvert,
};

function runConvert(args: ParsedArgs, io: CliIo): number {
  const to = stringOption(args, 'to');
  if (to === undefined) throw usageError('--to sglang or --to vllm is required', 'convert');
  if (!RUNTIMES.includes(to as Runtime))
    throw usageError(terminalText`--to must be ${RUNTIMES.join(' or ')}, got "${to}"`, 'convert');
  if (args.positionals.length !== 1) throw usageError('name exactly one preset to convert', 'convert');
  const target = to as Runtime;
  const dir = resolveDir(args, io);
  const settings = readWorkspaceSettings(dir, io);
  const catalog = loadWorkspaceCatalog([dir], dir, io, { settings });
  const { preset } = resolvePreset(catalog, args.positionals[0]!, dir, io);
  if (preset.runtime === target)
    throw invalid(terminalText`presets convert: "${preset.name}" is already for ${RUNTIME_LABELS[target]}`);
  const catalogs = bundledCatalogs();
  const from = preset.runtime ?? otherRuntime(target);
  const { preset: converted, report } = convertPreset(preset, target, {
    counterparts: catalogs.counterparts(),
    fromIndex: catalogs.select(from).index,
    toIndex: catalogs.select(target).index,
  });
  const output = outputFile(args, io);
  const details = describeConversion(report);
  const summary =
    terminalText`Converted "${preset.name}" (${RUNTIME_LABELS[from]}) to ${RUNTIME_LABELS[target]}` +
    (details ? `; ${escapeTerminalMessage(details)}` : '; every flag has an exact counterpart');
  if (output === 'stdout') {
    io.stdout(serializePresetFile(converted));
    io.stderr(summary + '\n');
    return EXIT_OK;
  }
  let file: string;
  let written = converted;
  if (output !== undefined) {
    file = writeFileAtomic(output.file, serializePresetFile(converted));
  } else {
    try {
      const created = createPresetFile(workspacePresetsFolder(dir, io, 'convert', settings), converted, {
        isTaken: (name) => catalog.hasName(name),
        onClash: 'rename',
      });
      file = created.file;
      written = created.preset;
    } catch (error) {
      if (error instanceof NameTakenError || error instanceof TooLargeError)
        throw invalid(terminalText`presets convert: ${error.message}; nothing was written`);
      throw error;
    }
  }
  const note = summary + terminalText`\nWrote "${written.name}" to ${displayPath(file, io)}\n`;
  if (isRegularFile(file)) io.stdout(note);
  else io.stderr(note);
  return EXIT_OK;
}
