/**
 * The Merge Preview panel as one bundle of its own (`dist/mergePreview.js`): the panel, its view model
 * and the page's messages checked with zod are loaded the first time a panel is shown or restored, so
 * they add nothing to `dist/extension.js` or to activation. The extension side is ./mergePreview.ts.
 */
export { MergePreviewPanel } from './mergePreviewPanel';

export type MergePreviewBundle = typeof import('./bundle');
