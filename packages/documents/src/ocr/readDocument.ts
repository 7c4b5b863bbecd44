import { commitFieldImage, commitFieldText, hashDocumentImage, type FieldCommitment } from '../commitments/commitField.js';
import { MrzFormatError } from '../errors.js';
import { applyMask, normaliseField } from '../fields/normaliseField.js';
import { validateField } from '../fields/validateField.js';
import { cropField } from '../image/cropField.js';
import { decodeImage } from '../image/decodeImage.js';
import { encodePng } from '../image/encodePng.js';
import { findDocument } from '../image/findDocument.js';
import { homographyFromCorners, type Point } from '../image/homography.js';
import { binarise, inkBiasedThreshold } from '../image/otsuThreshold.js';
import { padWhite, toGray, type GrayImage } from '../image/rasters.js';
import { crossCheckMrz, type MrzMismatch } from '../mrz/crossCheckMrz.js';
import { parseTd3Mrz } from '../mrz/parseTd3Mrz.js';
import { getTemplate } from '../templates/getTemplate.js';
import type { FieldRecogniser, RecogniseOptions } from './fieldRecogniser.js';
import { alignReading } from './alignReading.js';
import { lookAlikeGroup } from './lookAlikes.js';
import { resolveByCheckDigits } from './resolveByCheckDigits.js';
import type { TemplateField } from '../templates/documentTemplate.js';

export type ReadDocumentParameters = {
  /** The uploaded photo or scan, PNG or JPEG. */
  image: Uint8Array;
  templateId: string;
  recogniser: FieldRecogniser;
  maxPixels?: number;
};

export type ReadField = {
  name: string;
  /** What OCR read, before normalisation. */
  text: string;
  /** The normalised value: what is compared, validated and committed to. */
  value: string;
  confidence: number;
  /** Each way the value breaks the template's validation; empty when valid. */
  problems: string[];
  /** The engine whose reading was kept. */
  engine: RecogniseOptions['engine'];
  /** The binarised crop, PNG: what a verifier of this field is shown. */
  image: Buffer;
  imageCommitment: FieldCommitment;
  textCommitment: FieldCommitment;
};

export type ReadDocumentReturnType = {
  templateId: string;
  imageHash: `0x${string}`;
  corners: Point[];
  fields: ReadField[];
  /** For templates with a machine-readable zone: its check digits, and its agreement with the visual fields. */
  mrz?: { valid: boolean; problems: string[]; mismatches: MrzMismatch[] };
};

/**
 * Reads a document photo field by field: finds the document, straightens each field region of the
 * template out of the photo, binarises it, reads it, normalises and validates the text, and commits
 * separately (salted) to each crop and each value; the whole upload is hashed as received.
 *
 * @example
 * const recogniser = await createTesseractRecogniser();
 * const read = await readDocument({ image: photo, templateId: 'passport-td3', recogniser });
 */
export async function readDocument({ image, templateId, recogniser, maxPixels }: ReadDocumentParameters): Promise<ReadDocumentReturnType> {
  const template = getTemplate(templateId);
  const photo = toGray(await decodeImage({ bytes: image, maxPixels }));
  const { corners } = findDocument(photo);
  const { width, height } = template.size;
  const toPhoto = homographyFromCorners([{ x: 0, y: 0 }, { x: width, y: 0 }, { x: width, y: height }, { x: 0, y: height }], corners);
  const fields: ReadField[] = [];
  for (const field of template.fields) {
    const cut = (scale?: number) => encodePng(padWhite(binariseInkBiased(cropField({ photo, toPhoto, region: field.region, scale })), 16));
    const crop = cut();
    const { text, value, confidence, problems, engine } = await readField(field, crop, recogniser, () => cut(1));
    fields.push({
      name: field.name, text, value, confidence, problems, engine, image: crop,
      imageCommitment: commitFieldImage(crop), textCommitment: commitFieldText(value),
    });
  }
  const result: ReadDocumentReturnType = { templateId, imageHash: hashDocumentImage(image), corners, fields };
  if (template.mrz) {
    const check = () => {
      const byName = Object.fromEntries(fields.map((f) => [f.name, f.value]));
      const lines = template.mrz!.lines.map((name) => byName[name]) as [string, string];
      try {
        const parsed = parseTd3Mrz(lines);
        return { valid: parsed.valid, problems: parsed.problems, mismatches: crossCheckMrz(template, byName, parsed.fields) };
      } catch (error) {
        if (!(error instanceof MrzFormatError)) throw error;
        return { valid: false, problems: [error.shortMessage], mismatches: [] };
      }
    };
    result.mrz = check();
    // A visual field at odds with a zone whose every check digit holds is read once more by the other
    // engine; the new reading is kept only if it is valid and agrees. The zone never overwrites it: a
    // visual field that still disagrees stays a mismatch, which is what a forged page shows. Nor is a
    // re-reading kept that agrees only through letters the mask forced out of digits: the legacy
    // engine sees `00` where `QQ` is printed, the same `00` that may have misled the zone itself.
    if (result.mrz.valid) {
      for (const mismatch of result.mrz.mismatches) {
        const i = template.fields.findIndex((f) => f.name === mismatch.field);
        const field = template.fields[i], before = fields[i];
        const layout = field.validation.enum?.every((v) => v.length === 1) ? 'character' : 'line';
        const engine = before.engine === 'lstm' ? 'legacy' : 'lstm';
        const { text, confidence } = await recogniser.recognise(before.image, { charset: field.charset, layout, engine });
        const value = normaliseField(field, text);
        if (value === before.value || validateField(field, value).length > 0 || maskForced(field, text)) continue;
        fields[i] = { ...before, text, value, confidence, engine, textCommitment: commitFieldText(value) };
        if (check().mismatches.some((m) => m.field === field.name)) fields[i] = before;
      }
      result.mrz = check();
    }
  }
  return result;
}

/** True when a code field's mask changed what the engine saw (a digit where a letter must be, or the reverse). */
function maskForced(field: TemplateField, text: string): boolean {
  if (field.normaliser.kind !== 'code' || field.normaliser.mask === undefined) return false;
  const compact = text.toUpperCase().replace(/[\s.]/g, '');
  return applyMask(compact, field.normaliser.mask) !== compact;
}

const binariseInkBiased = (crop: GrayImage) => binarise(crop, inkBiasedThreshold(crop));

/**
 * Reads with the field's first engine (LSTM for everything but MRZ lines) and, only while the reading
 * breaks the field's validation, again: with the other engine, then (for one-character fields) each
 * engine treating the crop as a line. The engines fail on different glyphs: LSTM drops some lone
 * letters, the legacy classifier confuses some digits.
 */
async function readField(field: TemplateField, crop: Buffer, recogniser: FieldRecogniser, recrop: () => Buffer) {
  if (field.type === 'mrz') return readMrzLine(field, crop, recogniser, recrop);
  const single = field.validation.enum?.every((v) => v.length === 1) ?? false;
  const plan: [RecogniseOptions['engine'], RecogniseOptions['layout']][] = single
    ? [['lstm', 'character'], ['legacy', 'character'], ['lstm', 'line'], ['legacy', 'line']]
    : [['lstm', 'line'], ['legacy', 'line']];
  const readings = [];
  for (const [engine, layout] of plan) {
    const { text, confidence } = await recogniser.recognise(crop, { charset: field.charset, layout, engine });
    const value = normaliseField(field, text);
    const reading = { text, value, confidence, problems: validateField(field, value), engine };
    if (reading.problems.length === 0) return reading;
    readings.push(reading);
  }
  const resolved = resolveByCheckDigits(field, readings.map((r) => r.value));
  if (resolved !== null) return { ...readings[0], value: resolved, problems: [] };
  return readings[0];
}

/**
 * An MRZ line: the legacy classifier first (it reads runs of `<` one by one). Its reading stands when
 * it passes every check and the mask forced no letter that has a look-alike letter (a `0` where a
 * letter must be could be O, D or Q, and a check digit cannot always tell: OO and QQ weigh the same
 * modulo 10). Otherwise the LSTM engine reads the line too, is laid over the first reading by edit
 * distance (it drops a `<` or two), and the two vote position by position among the combinations
 * that pass the check digits, state codes and dates; a character the mask forced votes half. When
 * that settles nothing and the first reading fails, a third reading (legacy, coarser grid) votes too.
 */
async function readMrzLine(field: TemplateField, crop: Buffer, recogniser: FieldRecogniser, recrop: () => Buffer) {
  const legacy = await recogniser.recognise(crop, { charset: field.charset, layout: 'line', engine: 'legacy' });
  const first = mrzReading(field, legacy.text);
  const reading = { text: legacy.text, value: first.value, confidence: legacy.confidence, problems: validateField(field, first.value), engine: 'legacy' as const };
  const forcedAmbiguous = first.forced.some((i) => lookAlikeGroup(first.value[i]).filter((c) => c >= 'A').length > 1);
  if (reading.problems.length === 0 && !forcedAmbiguous) return reading;
  const lstm = await recogniser.recognise(crop, { charset: field.charset, layout: 'line', engine: 'lstm' });
  const second = mrzReading(field, lstm.text, first.value);
  let resolved = resolveByCheckDigits(field, [first, second]);
  if (resolved === null && reading.problems.length > 0) {
    // Both engines wrong somewhere the checks cannot mend: the legacy classifier once more, on the
    // same region sampled on a coarser grid, where its errors fall elsewhere.
    const coarse = await recogniser.recognise(recrop(), { charset: field.charset, layout: 'line', engine: 'legacy' });
    resolved = resolveByCheckDigits(field, [first, second, mrzReading(field, coarse.text, first.value)]);
  }
  if (resolved !== null) return { ...reading, value: resolved, problems: [] };
  if (reading.problems.length === 0) return reading;
  const alone = normaliseField(field, lstm.text);
  const problems = validateField(field, alone);
  if (problems.length === 0) return { text: lstm.text, value: alone, confidence: lstm.confidence, problems, engine: 'lstm' as const };
  return reading;
}

/**
 * One engine's MRZ text by position: laid over the reference reading first when one is given (even at
 * the same length, a dropped `<` and an added character can cancel out), then masked. `forced` lists where the
 * mask changed what the engine saw; there the reading votes half.
 */
function mrzReading(field: TemplateField, text: string, reference?: string) {
  const compact = text.toUpperCase().replace(/\s/g, '');
  const length = field.normaliser.kind === 'mrz' ? field.normaliser.length : compact.length;
  const mask = 'mask' in field.normaliser ? field.normaliser.mask : undefined;
  let seen: (string | undefined)[];
  if (reference === undefined) seen = [...(compact.length < length ? compact.padEnd(length, '<') : compact)];
  else seen = alignReading(reference, compact);
  const chars = seen.map((c, i) => (c === undefined ? undefined : applyMask(c, mask?.[i])));
  const forced = chars.flatMap((c, i) => (c !== undefined && c !== seen[i] ? [i] : []));
  const weights = chars.map((_, i) => (forced.includes(i) ? 0.5 : 1));
  return { chars, weights, forced, value: chars.map((c) => c ?? '<').join('') };
}
