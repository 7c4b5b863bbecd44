/** A CSV that cannot be read, with the line to look at. */
export class CsvError extends Error {
  override name = 'CsvError';
}

/**
 * Reads CSV text (RFC 4180: commas, double-quoted fields with "" for a quote, CRLF or LF) into rows
 * keyed by the header line. Blank lines are skipped; a row with more fields than the header is an error.
 */
export function parseCsv(text: string): { header: string[]; rows: { line: number; values: Record<string, string> }[] } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => (fields.push(field), (field = ''));
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new CsvError(`A quoted field opened on line ${recordLine} is never closed: check its quotation marks.`);
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...body] = records;
  if (!head) throw new CsvError('The file is empty. Its first line names the columns, e.g. holder,givenName,birthDate.');
  const header = head.fields.map((h) => h.trim());
  const rows = body.map(({ line: at, fields: values }) => {
    if (values.length > header.length) throw new CsvError(`Line ${at} has ${values.length} fields but the first line names ${header.length} columns.`);
    return { line: at, values: Object.fromEntries(header.map((h, i) => [h, (values[i] ?? '').trim()])) };
  });
  return { header, rows };
}
