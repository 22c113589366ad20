/**
 * Converting a preset to the other runtime (issue 16 item 4): each flag maps through the hand-kept
 * counterpart table by name and value; a flag both runtimes have under the same name stays; all that
 * has no counterpart is listed, in the result and in the new preset's metadata. Nothing is dropped silently.
 */
import type { ParameterGrid, Preset, Runtime, Scalar } from '../model';
import { distinctScalars, sameScalar } from '../values';
import { otherRuntime, RUNTIME_LABELS, type CounterpartIndex, type FlagIndex } from './catalog';

/** The metadata key under which a converted preset lists what did not carry over. */
export const CONVERSION_METADATA_KEY = 'conversion';

export interface ConversionReport {
  readonly from: { readonly name: string; readonly runtime: Runtime };
  /** Flags with no counterpart, with their values, left out of the new preset. */
  readonly unmappedFlags: Readonly<Record<string, readonly Scalar[]>>;
  /** Values of mapped flags that have no counterpart value, left out. */
  readonly unmappedValues: Readonly<Record<string, readonly Scalar[]>>;
  /** Flags mapped to a counterpart that only approximates them. */
  readonly approximate: readonly { readonly from: string; readonly to: string }[];
}

export interface Conversion {
  readonly preset: Preset;
  readonly report: ConversionReport;
}

/**
 * The preset converted to runtime `to`. `fromIndex` resolves the source's aliases to primary names (a
 * preset for any runtime is read as the other runtime's); `toIndex` says which flags the target has.
 */
export function convertPreset(
  preset: Preset,
  to: Runtime,
  context: { counterparts: CounterpartIndex; fromIndex: FlagIndex; toIndex: FlagIndex },
): Conversion {
  const from = preset.runtime ?? otherRuntime(to);
  const parameters = new Map<string, Scalar[]>();
  const unmappedFlags: Record<string, Scalar[]> = {};
  const unmappedValues: Record<string, Scalar[]> = {};
  const approximate: { from: string; to: string }[] = [];
  const put = (record: Record<string, Scalar[]>, key: string, values: readonly Scalar[]): void => {
    Object.defineProperty(record, key, {
      value: [...(Object.hasOwn(record, key) ? record[key]! : []), ...values],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  // Where each key's values went as they are (renamed or not), for the numbers its file writes exactly.
  const carriedTo = new Map<string, string>();
  const add = (name: string, values: readonly Scalar[], from?: string): void => {
    parameters.set(name, distinctScalars([...(parameters.get(name) ?? []), ...values]));
    if (from !== undefined) carriedTo.set(from, name);
  };

  for (const [key, values] of Object.entries(preset.parameters)) {
    const primary = context.fromIndex.find(key)?.flag.name ?? key;
    const entry = context.counterparts.find(from, primary);
    if (entry && context.toIndex.find(entry[to])) {
      if (entry.exactness === 'approximate') approximate.push({ from: key, to: entry[to] });
      if (entry.values === null) {
        add(entry[to], values, key);
        continue;
      }
      const mapped: Scalar[] = [];
      const missing: Scalar[] = [];
      for (const value of values) {
        const pair = entry.values.find((p) => sameScalar(p[from], value));
        if (pair) mapped.push(pair[to]);
        else missing.push(value);
      }
      if (mapped.length > 0) add(entry[to], mapped);
      if (missing.length > 0) put(mapped.length > 0 ? unmappedValues : unmappedFlags, key, missing);
      continue;
    }
    // No counterpart entry: a flag the target has under the same name (or spelling) carries over.
    if (context.toIndex.find(key)) add(key, values, key);
    else put(unmappedFlags, key, values);
  }

  const report: ConversionReport = {
    from: { name: preset.name, runtime: from },
    unmappedFlags,
    unmappedValues,
    approximate,
  };
  // The conversion is the user's own preset, like a duplicate: it must not claim to be the system's.
  const { author, ...kept } = preset.metadata ?? {};
  // Its lists are new, so the positions of the old ones in their file no longer apply, nor the paths of its
  // exactly written numbers (placed again below).
  const { textPositions: _positions, writtenNumbers: _written, ...unchanged } = preset;
  const convertedParameters = Object.fromEntries(parameters);
  const converted: Preset = {
    ...unchanged,
    ...writtenNumbersAfter(preset.writtenNumbers, carriedTo, convertedParameters),
    name: `${preset.name} (${RUNTIME_LABELS[to]})`,
    runtime: to,
    parameters: convertedParameters,
    metadata: {
      ...(author === 'system' ? kept : (preset.metadata ?? {})),
      ...(preset.metadata && 'runtime' in preset.metadata ? { runtime: to } : {}),
      [CONVERSION_METADATA_KEY]: {
        from: report.from,
        unmapped_flags: unmappedFlags,
        unmapped_values: unmappedValues,
        approximate,
      },
    },
  };
  return { preset: converted, report };
}

/** A sentence listing what a conversion left out or approximated, for a message; empty when all carried over exactly. */
/**
 * The preset's exactly written numbers (an integer beyond 2^53, say) at their places in the converted
 * parameters: a value carried over keeps its text under its new name; a mapped one is the table's value.
 */
function writtenNumbersAfter(
  written: Preset['writtenNumbers'],
  carriedTo: ReadonlyMap<string, string>,
  parameters: ParameterGrid,
): Pick<Preset, 'writtenNumbers'> {
  if (!written?.length) return {};
  const kept = written.flatMap((number) => {
    const [field, key] = number.path;
    if (field !== 'parameters') return [number];
    const name = typeof key === 'string' ? carriedTo.get(key) : undefined;
    const at = name === undefined ? -1 : parameters[name]!.findIndex((value) => Object.is(value, number.value));
    return at < 0 ? [] : [{ ...number, path: ['parameters', name!, at] }];
  });
  return kept.length ? { writtenNumbers: kept } : {};
}

export function describeConversion(report: ConversionReport): string {
  const parts: string[] = [];
  const flags = Object.keys(report.unmappedFlags);
  if (flags.length > 0) parts.push(`no counterpart for ${flags.join(', ')}`);
  const values = Object.entries(report.unmappedValues).map(([flag, list]) => `${flag} ${JSON.stringify(list)}`);
  if (values.length > 0) parts.push(`no counterpart for the values ${values.join(', ')}`);
  if (report.approximate.length > 0) {
    parts.push(`approximate: ${report.approximate.map((a) => `${a.from} → ${a.to}`).join(', ')}`);
  }
  return parts.join('; ');
}
