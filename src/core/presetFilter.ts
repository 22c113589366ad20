/** The sidebar filter: free text over name, category, tags and parameter names, plus a runtime. */
import { RUNTIMES, type Runtime } from './model';

export interface PresetFilter {
  /** Words that must all appear (case-insensitive) in one of the searched fields. */
  readonly words: readonly string[];
  /** Only presets usable with this runtime: written for it, or for any runtime. */
  readonly runtime?: Runtime;
}

/** What the filter looks at in a preset. */
export interface FilterFields {
  readonly name?: string;
  readonly category?: string | null;
  readonly tags?: readonly string[];
  readonly parameterNames?: readonly string[];
  readonly runtime?: Runtime | null;
  /** For files too broken to have a name: their path. */
  readonly label?: string;
}

/** Parses filter text: words, and an optional `runtime:sglang` / `runtime:vllm` term. */
export function parseFilter(text: string): PresetFilter {
  const words: string[] = [];
  let runtime: Runtime | undefined;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const match = /^runtime:(.*)$/i.exec(word);
    const candidate = match?.[1].toLowerCase();
    if (candidate && (RUNTIMES as readonly string[]).includes(candidate)) runtime = candidate as Runtime;
    else words.push(word.toLowerCase());
  }
  return { words, runtime };
}

/** The filter as text again, for showing it and editing it. */
export function formatFilter(filter: PresetFilter): string {
  return [...filter.words, ...(filter.runtime ? [`runtime:${filter.runtime}`] : [])].join(' ');
}

export function isFilterActive(filter: PresetFilter): boolean {
  return filter.words.length > 0 || filter.runtime !== undefined;
}

/** True when a preset passes the filter. */
export function matchesFilter(fields: FilterFields, filter: PresetFilter): boolean {
  if (filter.runtime && fields.runtime && fields.runtime !== filter.runtime) return false;
  if (filter.runtime && fields.runtime === undefined) return false;
  if (filter.words.length === 0) return true;
  const haystack = [
    fields.name,
    fields.category,
    fields.label,
    ...(fields.tags ?? []),
    ...(fields.parameterNames ?? []),
  ]
    .filter((field): field is string => typeof field === 'string')
    .map((field) => field.toLowerCase());
  return filter.words.every((word) => haystack.some((field) => field.includes(word)));
}
