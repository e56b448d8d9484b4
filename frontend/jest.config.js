// Jest + jest-preset-angular, zoneless test environment (see setup-jest.ts).
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  setupFilesAfterEnv: ['<rootDir>/setup-jest.ts'],
  moduleNameMapper: {
    '^@taskpulse/contract$': '<rootDir>/../contract/src/index.ts',
  },
  testTimeout: 10000,
};
