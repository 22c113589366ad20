/**
 * Whether a name can be given to a new or renamed preset, as the name boxes check it while the user types:
 * the schema's limits (not blank, at most NAME_MAX_LENGTH characters) and the catalog's uniqueness
 * (an exact clash is an error, a look-alike name a warning: lookAlikeNames.ts, the catalog's rule too).
 */
import { differsOnlyInCase, lookAlikeKey, showHiddenCharacters } from './lookAlikeNames';
import { NAME_MAX_LENGTH } from './presetRules';

/** What the check reads: a PresetCatalog, or a shell's index over one. */
export interface NameSource {
  hasName(name: string): boolean;
  /** Every name in use. */
  names(): Iterable<string>;
}

export interface NameProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * The problem with `value` as a preset name, or undefined when it is fine. `allowed` is the name the
 * preset has now (a rename may keep it, or change only its case).
 */
export function presetNameProblem(value: string, catalog: NameSource, allowed?: string): NameProblem | undefined {
  const name = value.trim();
  if (name === '') return { severity: 'error', message: 'Enter a name.' };
  // Counted in characters, as the schema does: an emoji is one, not two UTF-16 units.
  const length = [...name].length;
  if (length > NAME_MAX_LENGTH)
    return { severity: 'error', message: `At most ${NAME_MAX_LENGTH} characters (now ${length}).` };
  if (name !== allowed && catalog.hasName(name))
    return { severity: 'error', message: `A preset named "${name}" already exists.` };
  const key = lookAlikeKey(name);
  for (const other of catalog.names()) {
    if (other === name || other === allowed || lookAlikeKey(other) !== key) continue;
    const message = differsOnlyInCase(name, other)
      ? `"${other}" differs only in case; consider a clearer name.`
      : `"${showHiddenCharacters(other)}" looks the same (it differs only by invisible characters, Unicode form or case); consider a clearer name.`;
    return { severity: 'warning', message };
  }
  return undefined;
}
