import type { DocumentTemplate } from '../templates/documentTemplate.js';

export type MrzMismatch = { field: string; visual: string; mrz: string | null };

const sexes: Record<string, string> = { male: 'M', female: 'F', nonspecified: 'X' };
const asMrzName = (visual: string) => visual.replace(/['-]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Compares the visual fields (normalised) with what the parsed MRZ says about the same facts. A name
 * that filled the MRZ line is truncated there, so a visual name that begins with the MRZ's agrees.
 *
 * @example
 * crossCheckMrz(passport, { Surname: 'ERIKSSON', ... }, parsed.fields) // [] when all agree
 */
export function crossCheckMrz(
  template: DocumentTemplate,
  visual: Record<string, string>,
  mrzFields: Record<string, string | null>,
): MrzMismatch[] {
  const mismatches: MrzMismatch[] = [];
  for (const { field, mrz } of template.mrz?.crossCheck ?? []) {
    const seen = visual[field] ?? '';
    const read = mrzFields[mrz] ?? null;
    let agrees: boolean;
    if (read === null) agrees = false;
    else if (mrz === 'birthDate' || mrz === 'expirationDate') agrees = seen.slice(2).replace(/-/g, '') === read;
    else if (mrz === 'sex') agrees = sexes[read] === seen;
    else if (mrz === 'lastName' || mrz === 'firstName') {
      const name = asMrzName(seen);
      agrees = name === read || (read.length > 0 && name.startsWith(read) && isTruncated(mrzFields));
    } else agrees = seen === read;
    if (!agrees) mismatches.push({ field, visual: seen, mrz: read });
  }
  return mismatches;
}

/** The name field of line 1 ran to its end with no filler left, so the MRZ may have cut the name. */
function isTruncated(fields: Record<string, string | null>): boolean {
  return `${fields.lastName ?? ''}  ${fields.firstName ?? ''}`.length >= 39;
}
