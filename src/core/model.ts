/**
 * The product's data model: presets, diagnostics and merge results.
 * Plain data only: everything here crosses process and webview boundaries as JSON.
 */

/** A candidate value of a parameter: any JSON scalar. */
export type Scalar = string | number | boolean | null;

/** The inference servers the autotuner drives. */
export const RUNTIMES = ['sglang', 'vllm'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** The merge strategies of SPEC §3. */
export const MERGE_STRATEGIES = ['union', 'intersection', 'last_wins'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** A parameter grid: parameter name → candidate values. */
export type ParameterGrid = Readonly<Record<string, readonly Scalar[]>>;

/** A validated preset, normalized: optional fields are null when absent, the name is trimmed. */
export interface Preset {
  readonly name: string;
  readonly description: string | null;
  readonly category: string | null;
  /** The effective runtime: the top-level field, else `metadata.runtime`, else null (any runtime). */
  readonly runtime: Runtime | null;
  readonly parameters: ParameterGrid;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  /** Unknown top-level keys, kept as they are so a rewrite never drops a user's data. */
  readonly extra: Readonly<Record<string, unknown>>;
  /**
   * The numbers the file writes that read as another number (an integer beyond 2^53, 1e400, 1e-400), by
   * their path in the preset: the serializers write them back as the file wrote them. Absent when none.
   */
  readonly writtenNumbers?: readonly WrittenNumber[];
  /**
   * For each list the file writes with a repeat, where the file writes each value the preset keeps (its first
   * occurrence): `"tp-size": [1, 1, 2]` is `[1, 2]` here, written at `[0, 2]`. Positions in the preset are
   * translated to the text's through it (listPositions.ts). Absent when no list repeats a value.
   */
  readonly textPositions?: Readonly<Record<string, readonly number[]>>;
}

/** A number as the file wrote it, and what it reads as. */
export interface WrittenNumber {
  /** Its path in the preset, e.g. `["parameters", "seed", 0]` or `["metadata", "huge"]`. */
  readonly path: readonly (string | number)[];
  readonly source: string;
  readonly value: number;
}

export type Severity = 'error' | 'warning';

/** A zero-based position, columns in UTF-16 code units (as VS Code counts them). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A span of a document, both as offsets and as positions. */
export interface SourceRange {
  readonly offset: number;
  readonly length: number;
  readonly start: Position;
  readonly end: Position;
}

/** Stable identifiers of diagnostics, used by quick fixes and tests. */
export const DiagnosticCodes = {
  syntax: 'syntax',
  emptyFile: 'empty-file',
  encoding: 'encoding',
  tooLarge: 'too-large',
  unreadable: 'unreadable',
  tooDeep: 'too-deep',
  tooMany: 'too-many',
  notAnObject: 'not-an-object',
  missingField: 'missing-field',
  invalidType: 'invalid-type',
  invalidValue: 'invalid-value',
  notAList: 'not-a-list',
  emptyList: 'empty-list',
  duplicateValue: 'duplicate-value',
  duplicateKey: 'duplicate-key',
  duplicateName: 'duplicate-name',
  caseOnlyName: 'case-only-name',
  lookAlikeName: 'look-alike-name',
  unknownKey: 'unknown-key',
  ignoredKey: 'ignored-key',
  runtimeMismatch: 'runtime-mismatch',
  imprecise: 'imprecise-number',
  envelopeVersion: 'envelope-version',
  ruleFailed: 'rule-failed',
} as const;
export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** One problem found in a preset file. `message` starts with the field path when there is one. */
export interface PresetDiagnostic {
  readonly severity: Severity;
  /** One of {@link DiagnosticCodes}, or the code of a rule the caller added (see analyze.ts). */
  readonly code: DiagnosticCode | (string & {});
  /** The field path, e.g. `parameters.tp-size[2]`; empty for the document as a whole. */
  readonly path: string;
  readonly message: string;
  readonly range: SourceRange;
  /** What the rule that found the problem gives a quick fix: plain JSON data. */
  readonly data?: unknown;
}

export type MergeConflict =
  | {
      readonly parameter: string;
      readonly kind: 'missing';
      readonly reason: string;
      /** The presets that do not define the parameter, in merge order. */
      readonly presets: readonly string[];
    }
  | {
      readonly parameter: string;
      readonly kind: 'empty_intersection';
      readonly reason: string;
      /** Preset name → that preset's list, as the preset writes it. */
      readonly values: Readonly<Record<string, readonly Scalar[]>>;
    }
  | {
      readonly parameter: string;
      readonly kind: 'overridden';
      readonly reason: string;
      /** The preset whose list was replaced. */
      readonly preset: string;
      readonly overridden_by: string;
      readonly previous_values: readonly Scalar[];
      readonly new_values: readonly Scalar[];
    };

export type ConflictKind = MergeConflict['kind'];

/** The outcome of a merge: the same shape in the extension, the webview and `merge --json`. */
export interface MergeResult {
  readonly strategy: MergeStrategy;
  readonly applied_presets: readonly string[];
  readonly parameters: ParameterGrid;
  readonly conflicts: readonly MergeConflict[];
  /** For every value of `parameters[p]`, the names of the presets it came from. */
  readonly sources: Readonly<Record<string, readonly (readonly string[])[]>>;
  readonly grid_size: number;
  readonly runtime: Runtime | null;
  readonly warnings: readonly string[];
}
