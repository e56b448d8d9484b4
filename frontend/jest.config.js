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
    // The app imports validator.js's ES modules (for tree-shaking); Jest runs CommonJS, so the same code from lib/.
    '^validator/es/lib/(.*)$': 'validator/lib/$1',
  },
  testTimeout: 10000,
};
