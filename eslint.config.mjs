import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries: apps compose; domain libraries (one per bounded context) may use each other
 * only without cycles and may use infrastructure; infrastructure never reaches into a domain.
 */
export default tseslint.config(
  { ignores: ['**/graphql-env.d.ts', '**/dist', '**/node_modules', '**/.nx', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            // the web app may import only what is meant for clients (the document schema), never server code
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:client'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:testing'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:infra'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:infra'] },
            { sourceTag: 'scope:audit', notDependOnLibsWithTags: ['scope:identity', 'scope:workstreams', 'scope:documents', 'scope:consultation'] },
            { sourceTag: 'scope:identity', notDependOnLibsWithTags: ['scope:workstreams', 'scope:documents', 'scope:collaboration', 'scope:consultation'] },
            { sourceTag: 'scope:workstreams', notDependOnLibsWithTags: ['scope:documents', 'scope:collaboration', 'scope:consultation'] },
            { sourceTag: 'scope:documents', notDependOnLibsWithTags: ['scope:collaboration', 'scope:consultation'] },
            { sourceTag: 'scope:collaboration', notDependOnLibsWithTags: ['scope:consultation'] },
            { sourceTag: 'scope:consultation', notDependOnLibsWithTags: ['scope:collaboration'] },
            // the record's cryptographic core runs in the browser and in an offline verifier: it stays self-contained
            { sourceTag: 'scope:record', onlyDependOnLibsWithTags: ['scope:record'] },
            // the record's storage knows logs, entries and heads, not what a context records in them
            {
              sourceTag: 'scope:record-store',
              notDependOnLibsWithTags: ['scope:identity', 'scope:workstreams', 'scope:documents', 'scope:collaboration', 'scope:consultation', 'scope:notifications'],
            },
            {
              sourceTag: 'scope:notifications',
              notDependOnLibsWithTags: ['scope:workstreams', 'scope:documents', 'scope:collaboration', 'scope:consultation'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // browser specs boot the real API with its own test support (apps/api/test/support): a test-only
    // reach into another app, which the boundaries rule would otherwise refuse
    files: ['apps/web-e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
