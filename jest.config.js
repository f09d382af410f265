/** Three projects: pure unit specs, integration specs against real SQLite/PostgreSQL/SMTP, and e2e over HTTP. */
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
const moduleNameMapper = {
  '^@app/workflow$': '<rootDir>/libs/workflow/src',
  '^@app/workflow/fixtures/(.*)$': '<rootDir>/libs/workflow/src/testing/fixtures/$1',
  '^@app/event-store$': '<rootDir>/libs/event-store/src',
  '^@app/event-store/(sqlite|postgres|eventstoredb|testing)$': '<rootDir>/libs/event-store/src/$1',
  '^@app/cases$': '<rootDir>/libs/cases/src',
  '^@app/notifications$': '<rootDir>/libs/notifications/src',
  '^@app/notifications/testing$': '<rootDir>/libs/notifications/src/testing',
  '^@app/audit$': '<rootDir>/libs/audit/src',
  '^@app/privacy$': '<rootDir>/libs/privacy/src',
  '^@app/infrastructure$': '<rootDir>/libs/infrastructure/src',
  '^@app/config$': '<rootDir>/config/src',
  '^@app/kernel$': '<rootDir>/libs/kernel/src',
  '^@app/kernel/(sqlite|postgres)$': '<rootDir>/libs/kernel/src/sql/$1-db',
};
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // The staff web app's own specs (*.test.tsx) run under vitest, never here.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/staff-web/'],
  // ESM-only packages under CommonJS Jest: let swc compile them too.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|jose)/)'],
};
module.exports = {
  // Jest reads testTimeout from the top level only (a project's own is ignored): the integration and
  // e2e specs need more than the default 5 s on a loaded machine.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,config}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,config}/**/*.int-spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
  // Jest reads testTimeout from the root only (inside a project it is ignored and 5 s applies);
  // real stores, SMTP servers and CLI child processes on shared cores need more.
  testTimeout: 30_000,
};
