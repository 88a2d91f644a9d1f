// Report helpers shared by all suites: the machine description, tables, and docs/benchmarks.md, in
// which every suite owns the part between `<!-- bench:<suite>:start -->` and `<!-- bench:<suite>:end -->`
// and leaves everything else as it is.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';

export function machineInfo() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model?.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${release()}`,
    date: new Date().toISOString(),
  };
}

/**
 * The commit measured and the source files changed on top of it (bench/ and docs/ left out: they
 * do not change what is measured).
 */
export function sourceInfo(cwd) {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd }).toString().trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd })
      .toString()
      .split('\n')
      .map((line) => line.slice(3).trim())
      .filter((path) => path && !path.startsWith('bench/') && !path.startsWith('docs/'));
    return { commit, changed };
  } catch {
    return { commit: 'unknown', changed: [] };
  }
}

export function describeSource(source) {
  if (!source) return '';
  const text = source.changed.length
    ? `commit ${source.commit} plus ${source.changed.length} uncommitted source change(s) (${source.changed.slice(0, 6).join(', ')}${source.changed.length > 6 ? ', …' : ''})`
    : `commit ${source.commit}`;
  return source.changedDuringRun ? `${text} (built at the start; the working tree was at ${source.changedDuringRun} by the end)` : text;
}

export function describeMachine(machine) {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}, Node ${machine.node}; run ${machine.date.replace('T', ' ').slice(0, 16)} UTC`;
}

/** Formats a number for a table: `digits` decimals, thousands separated. */
export function fmt(value, digits = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio a/b as "1.23×"; n/a unless both are positive numbers. */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a <= 0 || b <= 0) return 'n/a';
  return `${fmt(a / b, 2)}×`;
}

/** A Markdown table whose columns are padded, so it also reads well on a terminal. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
  const right = headers.map((_, i) => i > 0);
  const line = (row) => `| ${row.map((cell, i) => (right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

export const markers = (suite) => [`<!-- bench:${suite}:start -->`, `<!-- bench:${suite}:end -->`];

/**
 * Replaces the suite's section of `file` (between its markers) with `body`; appends it if the file
 * has no such section yet. Other sections and text outside the markers stay as they are.
 */
export async function writeSection(file, suite, body) {
  const [start, end] = markers(suite);
  let text = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from !== -1 && to > from) {
    text = text.slice(0, from) + section + text.slice(to + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${section}\n`;
  }
  await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
}
