import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'coverage/', '**/migrations/Migration*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read in one place (shared/config); everything else receives it.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through shared/config/config.ts' }],
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['shared/config/config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Command-line scripts talk to a person on the terminal.
    files: ['scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
