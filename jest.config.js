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
  // Pure ESM packages (Nest, jose, the OpenID provider and client and theirs) go through swc too: jest 30
  // on Node 20 cannot require(esm).
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|oidc-provider|got|@sindresorhus/is|@szmarczak/http-timer|cacheable-lookup|cacheable-request|mimic-response|normalize-url|responselike|lowercase-keys|form-data-encoder|p-cancelable|nanoid|quick-lru|openid-client|oauth4webapi|otpauth|@noble/hashes)/)',
  ],
  moduleNameMapper: {
    '^@vigie/(domain|event-store|read-models|reporting|notifications|privacy|users|config|postgres|identity)$':
      '<rootDir>/libs/$1/src',
  },
  testTimeout: 30000,
};
