/** The tree's `contextValue`s, in one table: package.json menus match on these exact strings. */
export const ContextValues = {
  systemPreset: 'preset.system',
  workspacePreset: 'preset.workspace',
  brokenPreset: 'preset.broken',
  systemGroup: 'group.system',
  workspaceGroup: 'group.workspace',
  category: 'category',
  placeholder: 'placeholder',
} as const;

/**
 * A preset row's context value: `preset.system` or `preset.workspace`, with `.sglang` or `.vllm` for a
 * preset of one runtime, so menus can offer what suits the runtime (Convert to vLLM… on an SGLang preset).
 * Menus match the origin with `viewItem =~ /^preset\.workspace(\.|$)/`.
 */
export function presetContextValue(origin: 'system' | 'workspace', runtime: 'sglang' | 'vllm' | null): string {
  const base = origin === 'system' ? ContextValues.systemPreset : ContextValues.workspacePreset;
  return runtime ? `${base}.${runtime}` : base;
}

/** Context keys the extension sets for `when` clauses. */
export const ContextKeys = {
  filterActive: 'parameterPresets.filterActive',
  hasWorkspacePresets: 'parameterPresets.hasWorkspacePresets',
  indexReady: 'parameterPresets.indexReady',
} as const;
