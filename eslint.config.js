// ESLint: typescript-eslint with type information, rules against unsafe DOM sinks, and
// Prettier's config last so that formatting is Prettier's alone (`npm run format:check`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The layers, lowest first (docs/architecture.md). A folder may import only from folders before it;
 * `sql/` and `security/` import nothing of the app.
 */
const LAYERS = ['sql', 'security', 'notebook', 'engines', 'values', 'files', 'storage', 'session', 'ui'];

/** One zone per layer: everything above it is out of bounds for it. */
const layerZones = LAYERS.slice(0, -1).map((layer, i) => ({
  target: `./src/${layer}`,
  from: LAYERS.slice(i + 1).map((above) => `./src/${above}`),
  message: `${layer}/ is below ${LAYERS.slice(i + 1).join(', ')}: it may not import from them (docs/architecture.md, Layers).`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'bench/.dist/',
      'bench/.raw-dist/',
      'bench/.base-dist/',
      'bench/.base-src/',
      'bench/data/',
      'bench/results/',
      'test-results/',
      'playwright-report/',
      '.scratch/',
      'public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
  },
  {
    rules: {
      // Engines hand back values of unknown shape, and showing them as text is the point.
      '@typescript-eslint/no-base-to-string': 'off',
      // Methods that implement an async interface need not await anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The layer order, and no import cycles between files.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // innerHTML, outerHTML, insertAdjacentHTML, document.write and friends.
  noUnsanitized.configs.recommended,
  {
    // Preact's own HTML sink. Only the Markdown view may use it, with HTML from ui/markdown.ts.
    files: ['src/**/*.tsx'],
    ignores: ['src/ui/markdown-view.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Raw HTML goes through ui/markdown.ts and ui/markdown-view.tsx only.',
        },
      ],
    },
  },
  {
    // Tests read rows of Arrow tables and JSON, whose values are untyped by nature.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The bench imports its own modules by path; nothing there reaches a page's DOM.
    files: ['bench/**'],
    rules: { 'no-unsanitized/method': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node, ...globals.browser },
    },
  },
  prettier,
);
