/**
 * Starting points for a new preset (issue 12 item 9): a sweep per tuning area, built from the
 * catalog's commonly tuned flags. Each flag starts at its default plus one neighbouring value, and a
 * flag whose values would draw a flag problem is left out, so a template is clean by construction.
 */
import type { ParameterGrid, Runtime, Scalar } from '../model';
import { isIntFlag, RUNTIME_LABELS, type FlagArea, type FlagIndex, type IndexedFlag } from './catalog';
import { checkFlags } from './flagChecks';

export interface PresetTemplate {
  readonly id: 'parallelism' | 'memory' | 'scheduling' | 'batching';
  readonly name: string;
  readonly description: string;
  readonly runtime: Runtime;
  readonly parameters: Readonly<Record<string, readonly Scalar[]>>;
}

const SWEEPS: readonly { id: PresetTemplate['id']; title: string; what: string }[] = [
  { id: 'parallelism', title: 'Parallelism sweep', what: 'how the model is split across GPUs' },
  { id: 'memory', title: 'Memory sweep', what: 'how much GPU memory the server takes' },
  { id: 'scheduling', title: 'Scheduling sweep', what: 'the order and pace in which requests are admitted' },
  { id: 'batching', title: 'Batching sweep', what: 'how many requests and tokens go into a batch' },
];

/** Flags per template: a sweep stays small enough to run. */
const FLAGS_PER_TEMPLATE = 3;

/**
 * The four sweeps for a runtime, from its catalog; a sweep whose area has no usable flag is left out.
 * `examples` (the bundled system presets' grids, say) stand in for a default the runtime only computes
 * at start-up: such a flag starts at the first value an example gives it.
 */
export function presetTemplates(
  runtime: Runtime,
  index: FlagIndex,
  options: { readonly examples?: readonly ParameterGrid[] } = {},
): PresetTemplate[] {
  const examples = exampleValues(index, options.examples ?? []);
  const templates: PresetTemplate[] = [];
  for (const sweep of SWEEPS) {
    const parameters: Record<string, Scalar[]> = {};
    for (const flag of commonFlags(index, sweep.id)) {
      if (Object.keys(parameters).length === FLAGS_PER_TEMPLATE) break;
      const values = startingValues(flag, examples.get(flag.name));
      if (!values) continue;
      const candidate = { [flag.name]: values };
      if (checkFlags(candidate, [{ runtime, index }]).length === 0) Object.assign(parameters, candidate);
    }
    if (Object.keys(parameters).length === 0) continue;
    templates.push({
      id: sweep.id,
      name: `${RUNTIME_LABELS[runtime]} ${sweep.title.toLowerCase()}`,
      description: `Tries ${sweep.what}: each flag at its default and one neighbouring value.`,
      runtime,
      parameters,
    });
  }
  return templates;
}

/** The first number each flag is given in the examples, by primary name. */
function exampleValues(index: FlagIndex, examples: readonly ParameterGrid[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const grid of examples) {
    for (const [key, values] of Object.entries(grid)) {
      const flag = index.find(key)?.flag;
      const first = values.find((v) => typeof v === 'number');
      if (flag && typeof first === 'number' && !found.has(flag.name)) found.set(flag.name, first);
    }
  }
  return found;
}

/** Flags a sweep of an area starts with, before the rest in catalog order: the sizes that set the GPU count. */
const LEADING: Partial<Record<FlagArea, readonly string[]>> = {
  parallelism: ['tensor-parallel-size', 'pipeline-parallel-size', 'data-parallel-size'],
};

function commonFlags(index: FlagIndex, area: FlagArea): IndexedFlag[] {
  const leading = LEADING[area] ?? [];
  const rank = (flag: IndexedFlag): number => {
    const i = leading.indexOf(flag.name);
    return i === -1 ? leading.length : i;
  };
  // sort is stable: flags of equal rank keep the catalog's order.
  return index.flags
    .filter((flag) => flag.common && flag.area === area && !flag.deprecated)
    .sort((a, b) => rank(a) - rank(b));
}

/**
 * The default (else the example's value, for a choice too) and one neighbour, or undefined when there is no sensible
 * pair: on/off flags (their `false` launches nothing), free text, and numbers with neither a default,
 * an example nor a bounded range.
 */
export function startingValues(flag: IndexedFlag, example?: number): Scalar[] | undefined {
  if (flag.is_flag) return undefined;
  if (flag.choices) {
    // None (null, or the text a converter reads as None) means "unset": the default, not a value to try.
    const choices = flag.choices.filter(
      (c): c is Exclude<Scalar, null> => c !== null && !(c === 'None' && flag.accepts_none),
    );
    const start = choices.find((c) => c === flag.default) ?? choices.find((c) => c === example) ?? choices[0];
    // Numeric choices are ordered, so the neighbour is the next one (vLLM's block sizes: 16 → 32); named
    // choices have no order, and the first other one is as near as any.
    const at = start === undefined ? -1 : choices.indexOf(start);
    const next = typeof start === 'number' ? (choices[at + 1] ?? choices[at - 1]) : choices.find((c) => c !== start);
    return start === undefined || next === undefined ? undefined : [start, next];
  }
  const range = flag.effectiveRange;
  const fraction = range !== null && (range.le ?? range.lt ?? Infinity) <= 1;
  const d = typeof flag.default === 'number' ? flag.default : example;
  if (isIntFlag(flag) && d !== undefined && Number.isInteger(d)) return [d, d > 0 ? d * 2 : 1];
  if (flag.type === 'float') {
    // A fraction moves by 0.05 (down, keeping inside (0, 1]); other floats double.
    if (fraction) {
      if (d === undefined) return [0.8, 0.9];
      const down = Math.round((d - 0.05) * 100) / 100;
      return down > 0 ? [down, d] : [d, Math.round((d + 0.05) * 100) / 100];
    }
    if (d !== undefined) return [d, d === 0 ? 1 : d * 2];
  }
  return undefined;
}
