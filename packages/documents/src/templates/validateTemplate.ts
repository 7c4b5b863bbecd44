import { Ajv } from 'ajv';
import { TemplateInvalidError } from '../errors.js';
import type { DocumentTemplate } from './documentTemplate.js';
import { templateSchema } from './templateSchema.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const matchesSchema = ajv.compile(templateSchema);

/**
 * Checks a parsed template file against the schema, then the rules a schema cannot say: unique field
 * names, regions inside the document, patterns that compile, and MRZ references to existing fields.
 *
 * @example
 * const template = validateTemplate(JSON.parse(readFileSync('my-card.json', 'utf8')));
 */
export function validateTemplate(candidate: unknown): DocumentTemplate {
  const id = typeof (candidate as { id?: unknown })?.id === 'string' ? (candidate as { id: string }).id : '(no id)';
  if (!matchesSchema(candidate)) {
    const problems = (matchesSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new TemplateInvalidError(id, problems);
  }
  const template = candidate as unknown as DocumentTemplate;
  const problems: string[] = [];
  const names = new Set<string>();
  template.fields.forEach((field, i) => {
    const where = `/fields/${i} (${field.name})`;
    if (names.has(field.name)) problems.push(`${where} repeats the field name`);
    names.add(field.name);
    const { x, y, width, height } = field.region;
    if (x + width > template.size.width || y + height > template.size.height) problems.push(`${where} region leaves the document`);
    if (field.validation.pattern !== undefined) {
      try { new RegExp(field.validation.pattern); } catch { problems.push(`${where} pattern does not compile`); }
    }
    for (const check of field.validation.checkDigits ?? []) {
      const limit = field.validation.maxLength ?? (field.normaliser.kind === 'mrz' ? field.normaliser.length : Infinity);
      if (check.digit >= limit || check.ranges.some(([start, end]) => start >= end || end > limit)) problems.push(`${where} check digit ranges leave the value`);
    }
    const length = field.validation.maxLength ?? (field.normaliser.kind === 'mrz' ? field.normaliser.length : Infinity);
    for (const [start, end] of field.validation.stateCodes ?? []) if (end - start !== 3 || end > length) problems.push(`${where} state code slice [${start}, ${end}) is not three characters of the value`);
    for (const [start, end] of field.validation.mrzDates ?? []) if (end - start !== 6 || end > length) problems.push(`${where} MRZ date slice [${start}, ${end}) is not six characters of the value`);
    if (field.normaliser.kind === 'date' && field.type !== 'date') problems.push(`${where} has a date normaliser but type ${field.type}`);
  });
  for (const line of template.mrz?.lines ?? []) if (!names.has(line)) problems.push(`/mrz/lines names unknown field ${line}`);
  for (const check of template.mrz?.crossCheck ?? []) {
    if (!names.has(check.field)) problems.push(`/mrz/crossCheck names unknown field ${check.field}`);
  }
  if (problems.length) throw new TemplateInvalidError(template.id, problems);
  return template;
}
