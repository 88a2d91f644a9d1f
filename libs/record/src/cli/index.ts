// The offline verifier of a consultation record archive (Node only: it reads files). Run it with
// `npm run verify-record -- <archive.json> …` (scripts/verify-record.mjs); libs/record/README.md.
export { main, parseArgs, verifyRecord, USAGE, type Options } from './verify-record';
export { readArchive, type RecordArchive } from './archive';
export type { Problem } from './problems';
