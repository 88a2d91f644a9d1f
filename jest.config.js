// One Jest run over every project: unit specs beside the code (`*.spec.ts`) and end-to-end specs
// in apps/api/test (`*.e2e-spec.ts`). NestJS 12 ships as ES modules and Jest can only load those
// through its native ESM mode on Node 20 (`--experimental-vm-modules`, set by `npm test`), so tests
// are compiled by SWC to ES modules, with decorator metadata. The production build stays CommonJS.
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false, module: { type: 'es6' } }] },
  moduleNameMapper: {
    // a library's sub-entry (`@intersessional/document-schema/tiptap`): libs/<lib>/src/<entry>/index.ts
    '^@intersessional/([\\w-]+)/([\\w-]+)$': '<rootDir>/libs/$1/src/$2/index.ts',
    '^@intersessional/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
  setupFiles: ['reflect-metadata'],
  // Also the bound for beforeAll hooks, which boot a server and migrate a fresh database: on a machine
  // shared with other CPU-bound work that took over a minute. Specs wait for events, never for time.
  testTimeout: 180_000,
  maxWorkers: 2,
  // A worker keeps every test file's module graph it ran (native ESM modules are not unloaded): over a
  // whole run one grew to 2.8 GB and its files ran 3–5 times slower than alone. A worker above this
  // after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  // A failed end-to-end spec can leave a server or database handle open; never let that hang CI.
  forceExit: true,
};
