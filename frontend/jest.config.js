// Jest + jest-preset-angular, zoneless test environment (see setup-jest.ts).
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  setupFilesAfterEnv: ['<rootDir>/setup-jest.ts'],
  moduleNameMapper: {
    '^@taskpulse/protocol$': '<rootDir>/../backend/src/realtime/protocol.ts',
    '^@taskpulse/api-types$': '<rootDir>/../backend/src/common/api-types.ts',
  },
  testTimeout: 10000,
};
