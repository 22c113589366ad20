/**
 * Bounds that keep a hostile or accidental file from hanging the parser, overflowing the stack or
 * flooding the UI. Real presets stay far below all of them.
 */
export const Limits = {
  /** Nesting levels of brackets and braces; a preset needs four or five. */
  maxDepth: 64,
  /** Parameters in one preset. */
  maxParameters: 5000,
  /** Values in one list: a parameter's, or metadata's tags. */
  maxValuesPerList: 10000,
  /**
   * Values in all parameter lists together. Beyond it a preset is reported and not checked value by value:
   * hundreds of thousands of problems would take seconds to collect and flood the Problems panel.
   */
  maxValues: 50000,
  /** Default size above which a file is reported and not parsed (the extension makes it a setting). */
  defaultMaxFileBytes: 5 * 1024 * 1024,
  /** Syntax errors reported per file; after the first few the rest are noise. */
  maxSyntaxErrors: 10,
  /** Other problems listed per file; one more diagnostic says how many were left out. */
  maxDiagnostics: 100,
} as const;
