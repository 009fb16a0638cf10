/**
 * Minimal RFC 4180 CSV reader for the catalog exports (quoted fields, doubled quotes, CRLF, BOM).
 * Pure: takes the file contents, returns rows.
 */

/** Split CSV text into rows of fields. A trailing empty line is ignored. */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Turn CSV rows into objects keyed by the header row. Missing cells become ''. */
export function csvToObjects(input: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(input);
  if (header === undefined) return [];
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}
