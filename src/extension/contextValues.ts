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

/** Context keys the extension sets for `when` clauses. */
export const ContextKeys = {
  filterActive: 'parameterPresets.filterActive',
  hasWorkspacePresets: 'parameterPresets.hasWorkspacePresets',
  indexReady: 'parameterPresets.indexReady',
} as const;
