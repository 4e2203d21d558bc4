import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
    },
  },
  {
    // Nest controllers and modules need runtime imports for decorator metadata.
    files: ['apps/**/*.ts', 'libs/**/*.module.ts', 'libs/read-models/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The domain is plain TypeScript: no framework, ORM, driver or store client.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'pg',
                'better-sqlite3',
                '@eventstore/*',
                '@kurrent/*',
              ],
              message: 'libs/domain stays free of frameworks, ORMs, drivers and store clients.',
            },
            { group: ['@vigie/*'], message: 'libs/domain depends on no other lib.' },
          ],
        },
      ],
    },
  },
);
