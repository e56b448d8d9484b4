/** Black-box suites against a real server started as a child process (see support/server.ts). */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const project = (name, extra = {}) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/${name}/**/*.e2e.ts`],
  transform,
  globalSetup: '<rootDir>/support/global-setup.ts',
  moduleNameMapper: {
    '^@taskpulse/contract$': '<rootDir>/../contract/src/index.ts',
    '^@taskpulse/test-support$': '<rootDir>/../test-support/src/index.ts',
  },
  ...extra,
});

module.exports = {
  projects: [project('api'), project('realtime'), project('browser')],
  testTimeout: 60000,
};
