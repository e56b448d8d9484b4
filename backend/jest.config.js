/**
 * Backend unit specs: next to the code as *.spec.ts, each on a real SQLite (or PostgreSQL) database.
 * NestJS 12 ships ES modules. Node loads them from our CommonJS build through require(esm), but Jest's own
 * module runtime only does that on Node 24.9+, so on Node 20/22 the specs run as ES modules
 * (`--experimental-vm-modules`, set by `npm test`).
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', useESM: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // The contract's source, so specs never run against a stale build of it.
  moduleNameMapper: {
    '^@taskpulse/contract$': '<rootDir>/../contract/src/index.ts',
    '^@taskpulse/test-support$': '<rootDir>/../test-support/src/index.ts',
  },
  testTimeout: 30000,
};
