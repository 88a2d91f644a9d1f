#!/usr/bin/env node
// The offline verifier of a consultation record: `npm run verify-record -- <archive.json> [--comments
// <comments.csv>] [--responses <table.md|.html>] [--keys <keys.json>]` (README.md, "Verifying a
// consultation record"). It runs the TypeScript of libs/record/src/cli straight from the sources
// (scripts/ts-hooks.mjs), so a fresh clone needs `npm install` only: no build, no server, no database.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);

try {
  const { main } = await import('../libs/record/src/cli/index.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error('verify-record: could not complete the checks:', error);
  process.exitCode = 2;
}
