import { UnreadableInput } from './problems';

/**
 * RFC 4180 as csv-stringify writes the comment export: a BOM, a header row, fields quoted when they
 * hold a comma, a quote or a line break, quotes doubled. Written here so the verifier needs nothing
 * beyond this library.
 */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (quoted) throw new UnreadableInput('the CSV export ends inside a quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  if (!header?.includes('id') || !header.includes('body')) throw new UnreadableInput('the CSV has no header with id and body: is it the comment export?');
  return body.map((cells, n) => {
    if (cells.length !== header.length) throw new UnreadableInput(`CSV row ${n + 1} has ${cells.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, cells[i]]));
  });
}
