// ESLint (flat config): TypeScript rules, plus the rules that keep page text out of HTML parsing
// (issue #5: a hostile page's text must never reach innerHTML or a template that parses HTML).
import js from '@eslint/js';
import nounsanitized from 'eslint-plugin-no-unsanitized';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nounsanitized.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Preact's escape hatch parses HTML: never with anything of ours.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No HTML parsing: build DOM with text (page text must never be parsed as HTML).',
        },
        { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'No HTML parsing of strings.' },
        { selector: "NewExpression[callee.name='DOMParser']", message: 'No HTML parsing of strings.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'document', property: 'write', message: 'No HTML parsing of strings.' },
        { object: 'document', property: 'writeln', message: 'No HTML parsing of strings.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty-pattern': 'off', // Playwright fixtures take `{}` as their first argument
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
    },
  },
  {
    // Tests build fixture DOMs from constant HTML strings of their own (never page text).
    files: ['tests/**'],
    rules: {
      // Tests break exported JSON on purpose, field by field.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-unsanitized/property': 'off',
      'no-unsanitized/method': 'off',
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML parsing.' }],
      // Fixtures are Chinese text with full-width spaces (　) on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
    },
  },
);
