/**
 * The source text of a merged grid's numbers, so runs write `1.0` as the float Python reads (SPEC §7):
 * the merge keeps values, not how each file wrote them, so each number's token is read back from the
 * files of the presets it came from.
 */
import { locatePaths, type JsonPath } from '../jsonText';
import { textIndex } from '../listPositions';
import type { ParameterGrid, Preset } from '../model';
import type { ValueTokens } from './pythonStr';

/** A preset's file text, and where its parameters are in it (`["parameters"]`, or an export envelope's). */
export interface TokenSource {
  readonly name: string;
  readonly parameters: ParameterGrid;
  /** The preset's `textPositions`: where the text writes its lists' values, when a list repeats one. */
  readonly textPositions?: Preset['textPositions'];
  readonly text: string;
  readonly parametersPath: JsonPath;
}

/** A preset's token source: its file's `text`, a bare preset or an export envelope (`isEnvelope`). */
export function tokenSource(
  preset: Pick<Preset, 'name' | 'parameters' | 'textPositions'>,
  isEnvelope: boolean,
  text: string,
): TokenSource {
  return {
    name: preset.name,
    parameters: preset.parameters,
    textPositions: preset.textPositions,
    text,
    parametersPath: isEnvelope ? ['preset', 'parameters'] : ['parameters'],
  };
}

/**
 * The token of each number of `grid`, found in the presets `sources` names for it. A number the files
 * write differently (`1` in one, `1.0` in another) gets no token: it is then written as JavaScript holds it,
 * an int when integral.
 */
export function mergedValueTokens(
  grid: ParameterGrid,
  sources: Readonly<Record<string, readonly (readonly string[])[]>>,
  presets: readonly TokenSource[],
): ValueTokens {
  const byName = new Map(presets.map((preset) => [preset.name, preset] as const));
  // Per preset, the paths to look up and, for each, the merged value it stands for.
  const wanted = new Map<TokenSource, { paths: JsonPath[]; slots: [key: string, index: number][] }>();
  for (const [key, values] of Object.entries(grid)) {
    values.forEach((value, i) => {
      if (typeof value !== 'number') return;
      for (const name of sources[key]?.[i] ?? []) {
        const preset = byName.get(name);
        const at = preset && Object.hasOwn(preset.parameters, key) ? preset.parameters[key]!.indexOf(value) : -1;
        if (!preset || at < 0) continue;
        let list = wanted.get(preset);
        if (!list) wanted.set(preset, (list = { paths: [], slots: [] }));
        list.paths.push([...preset.parametersPath, key, textIndex(preset, key, at)]);
        list.slots.push([key, i]);
      }
    });
  }
  const found = new Map<string, (string | undefined | null)[]>();
  for (const [preset, { paths, slots }] of wanted) {
    const locations = locatePaths(preset.text, paths);
    slots.forEach(([key, i], n) => {
      const location = locations[n]!;
      const token = location.exact ? location.source : undefined;
      let list = found.get(key);
      if (!list) found.set(key, (list = []));
      // null marks files that disagree: no token at all.
      list[i] = list[i] === undefined ? token : list[i] === token ? token : null;
    });
  }
  const tokens: Record<string, (string | undefined)[]> = {};
  for (const [key, list] of found) {
    Object.defineProperty(tokens, key, {
      value: Array.from(list, (token) => token ?? undefined),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return tokens;
}

/** The token of each number of one preset, read from its own file: what an export or a copy writes back. */
export function presetValueTokens(source: TokenSource): ValueTokens {
  const sources: Record<string, string[][]> = {};
  for (const [key, values] of Object.entries(source.parameters)) {
    Object.defineProperty(sources, key, {
      value: values.map(() => [source.name]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return mergedValueTokens(source.parameters, sources, [source]);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The text to write for the `index`th value of `key`: its token, when `tokens` holds one that is a JSON number
 * reading as `value` (a token is never written for another number, nor in another syntax).
 */
export function writtenToken(
  tokens: ValueTokens | undefined,
  key: string,
  index: number,
  value: number,
): string | undefined {
  if (!tokens || !Object.hasOwn(tokens, key)) return undefined;
  const token = tokens[key]![index];
  return token !== undefined && JSON_NUMBER.test(token) && Number(token) === value ? token : undefined;
}
