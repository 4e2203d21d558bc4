/** Tests run TypeScript through @swc/jest: ts-jest cannot load Nest 12's ESM packages on Node 20. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleNameMapper: {
    '^@vigie/(domain|event-store|read-models|reporting|notifications|privacy|users|config|postgres)$':
      '<rootDir>/libs/$1/src',
  },
  testTimeout: 30000,
};
