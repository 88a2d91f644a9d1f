// One Jest run over every project: unit specs beside the code (`*.spec.ts`) and end-to-end specs
// in apps/api/test (`*.e2e-spec.ts`). TypeScript is compiled by SWC with decorator metadata.
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: { '^@intersessional/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
