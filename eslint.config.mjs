// Lint rules. The one that matters most: src/core is pure TypeScript and must never import `vscode`,
// so the CLI, the tests and the extension all share it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'schemas/**',
      'test-results/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      // `import vscode = require('vscode')` is allowed, for vscode only (see the rule for src/ below).
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$'] }],
      'no-console': 'off',
    },
  },
  {
    // esbuild bundles `import vscode = require('vscode')` as a plain require; `import * as vscode` made it copy
    // the whole API into a namespace object, a getter per export, in every module importing it, at load.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='vscode'][importKind!='type']",
          message:
            "Write `import vscode = require('vscode')`: the bundle then requires the API as it is, without copying it at load.",
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The typescript-eslint rule: it also catches `import x = require('…')`.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure TypeScript: move VS Code code to src/extension.' }],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'src/core does no I/O: pass data in, or use src/node.',
            },
            {
              group: ['../extension/*', '../extension', '../cli/*', '../node/*'],
              message: 'src/core depends on nothing else in the project.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Merge Preview panel is bundled apart (dist/mergePreview.js): a copy of these stateful modules there
    // would open a second output channel or show pickers the extension's event misses. It gets them as `host`.
    files: ['src/extension/mergePreview/**/*.ts'],
    ignores: ['src/extension/mergePreview/mergePreview.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../log', '../pickers', '../commands/register'],
              allowTypeImports: true,
              message:
                "The Merge Preview bundle uses the extension bundle's own: take it from MergePreviewServices.host.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.js', 'bench/**/*.js', 'test/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
