import { readFile } from 'node:fs/promises';
import { readArchive, readKeys, type PublishedKey, type RecordArchive } from './archive';
import { checkArchive } from './check-archive';
import { checkCommentsCsv } from './check-comments-csv';
import { checkResponseTable } from './check-response-table';
import { checkSynthesis } from './check-synthesis';
import { parseCsv } from './csv';
import { formatProblem, Problems, UnreadableInput } from './problems';
import { viewOf } from './record-view';
import { formatOf, parseResponseTable } from './response-table';

export const USAGE = `usage: npm run verify-record -- <archive.json> [--comments <comments.csv>] [--responses <table.md|table.html>] [--keys <keys.json>]

Checks a consultation record archive (GET /comment-periods/<id>/record) without the server:
every entry's leaf hash, every signed head (signature, root, consistency with the one before),
every opening against its commitment, the synthesis counts; and, when given, that the CSV export
and the comment–response table show what the record holds.
Exit codes: 0 all checks pass, 1 a check failed (each problem names its entry), 2 unreadable input.`;

export interface Options {
  archive: string;
  comments?: string;
  responses?: string;
  keys?: string;
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Partial<Options> = {};
  const flags: Record<string, keyof Options> = { '--comments': 'comments', '--responses': 'responses', '--keys': 'keys' };
  for (let i = 0; i < argv.length; i++) {
    const flag = flags[argv[i]];
    if (flag) {
      const value = argv[++i];
      if (!value) throw new UnreadableInput(`${argv[i - 1]} needs a file`);
      options[flag] = value;
    } else if (argv[i].startsWith('-')) throw new UnreadableInput(`unknown option ${argv[i]}`);
    else if (options.archive) throw new UnreadableInput(`one archive at a time (got ${options.archive} and ${argv[i]})`);
    else options.archive = argv[i];
  }
  if (!options.archive) throw new UnreadableInput('no archive given');
  return options as Options;
}

async function read(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UnreadableInput(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Runs every check the inputs allow; returns the report's lines and the exit code. */
export async function verifyRecord(options: Options): Promise<{ lines: string[]; problems: Problems }> {
  const archive: RecordArchive = readArchive(await read(options.archive));
  const published: PublishedKey[] | null = options.keys ? readKeys(await read(options.keys)) : null;
  const csv = options.comments ? parseCsv(await read(options.comments)) : null;
  const tableText = options.responses ? await read(options.responses) : null;
  const format = options.responses && tableText !== null ? formatOf(options.responses, tableText) : 'markdown';
  const table = tableText !== null ? parseResponseTable(tableText, format) : null;

  const problems = new Problems();
  const lines = [`Record of comment period ${archive.log}${archive.period?.title ? ` (“${archive.period.title}”)` : ''}, ${archive.audience} archive`];
  const { checked, counts } = checkArchive(archive, published, problems);
  lines.push(
    `  keys:     ${counts.keys} trusted, ${published ? `from ${options.keys}` : 'from the archive itself (pass --keys with the published keys to check them independently)'}`,
    `  entries:  ${counts.entries} leaf hashes recomputed from entry and salt; ${counts.openings} openings checked against their commitments`,
    `  heads:    ${counts.heads} signatures checked, roots recomputed from the entries, ${counts.consistencyChecks} consistency proofs between successive heads`,
  );
  const view = viewOf(checked);
  const synthesis = checkSynthesis(view, problems);
  lines.push(`  synthesis: ${synthesis.published ? `${synthesis.published} published synthesis entr${synthesis.published === 1 ? 'y' : 'ies'}: totals and dispositions recomputed from the record` : 'not published in this record'}`);
  for (const note of synthesis.notes) lines.push(`    note: ${note}`);
  if (csv) lines.push(`  comments: ${checkCommentsCsv(csv, view, problems)} CSV rows compared with the record (${view.comments.size} comments in it)`);
  else lines.push('  comments: no CSV export given (--comments)');
  if (table) {
    const result = checkResponseTable(table, format, view, problems);
    lines.push(`  responses: ${result.rows} rows of the ${format} comment–response table matched to the record, ${result.answers} answer${result.answers === 1 ? '' : 's'} compared`);
  } else lines.push('  responses: no comment–response table given (--responses)');
  return { lines, problems };
}

/** The command: prints the report, returns the exit code (0 verified, 1 problems, 2 unreadable input). */
export async function main(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return 0;
  }
  try {
    const { lines, problems } = await verifyRecord(parseArgs(argv));
    lines.forEach((line) => out(line));
    if (problems.list.length === 0) {
      out('VERIFIED: every check passed.');
      return 0;
    }
    out(`FAILED: ${problems.list.length} problem${problems.list.length === 1 ? '' : 's'}:`);
    problems.list.forEach((p) => out(`  ${formatProblem(p)}`));
    return 1;
  } catch (error) {
    if (!(error instanceof UnreadableInput)) throw error;
    err(`verify-record: ${error.message}`);
    err(USAGE);
    return 2;
  }
}
