import { commitFieldImage, commitFieldText, hashDocumentImage, type FieldCommitment } from '../commitments/commitField.js';
import { MrzFormatError } from '../errors.js';
import { normaliseField } from '../fields/normaliseField.js';
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
    const crop = encodePng(padWhite(binariseInkBiased(cropField({ photo, toPhoto, region: field.region })), 16));
    const { text, value, confidence, problems, engine } = await readField(field, crop, recogniser);
    fields.push({
      name: field.name, text, value, confidence, problems, engine, image: crop,
      imageCommitment: commitFieldImage(crop), textCommitment: commitFieldText(value),
    });
  }
  const result: ReadDocumentReturnType = { templateId, imageHash: hashDocumentImage(image), corners, fields };
  if (template.mrz) {
    const byName = Object.fromEntries(fields.map((f) => [f.name, f.value]));
    const lines = template.mrz.lines.map((name) => byName[name]) as [string, string];
    try {
      const parsed = parseTd3Mrz(lines);
      result.mrz = { valid: parsed.valid, problems: parsed.problems, mismatches: crossCheckMrz(template, byName, parsed.fields) };
    } catch (error) {
      if (!(error instanceof MrzFormatError)) throw error;
      result.mrz = { valid: false, problems: [error.shortMessage], mismatches: [] };
    }
  }
  return result;
}

const binariseInkBiased = (crop: GrayImage) => binarise(crop, inkBiasedThreshold(crop));

/**
 * Reads with the field's first engine (legacy for MRZ lines, LSTM for the rest) and, only while the
 * reading breaks the field's validation, again: with the other engine, then (for one-character fields)
 * each engine treating the crop as a line. The engines fail on different glyphs: LSTM drops some lone
 * letters, the legacy classifier confuses some digits. Two readings of a check-digit field that disagree
 * in a few places are combined when exactly one combination satisfies every check digit.
 */
async function readField(field: TemplateField, crop: Buffer, recogniser: FieldRecogniser) {
  const single = field.validation.enum?.every((v) => v.length === 1) ?? false;
  const first: RecogniseOptions['engine'] = field.type === 'mrz' ? 'legacy' : 'lstm';
  const other: RecogniseOptions['engine'] = first === 'lstm' ? 'legacy' : 'lstm';
  const plan: [RecogniseOptions['engine'], RecogniseOptions['layout']][] = single
    ? [[first, 'character'], [other, 'character'], [first, 'line'], [other, 'line']]
    : [[first, 'line'], [other, 'line']];
  const readings = [];
  for (const [engine, layout] of plan) {
    const { text, confidence } = await recogniser.recognise(crop, { charset: field.charset, layout, engine });
    const value = normaliseField(field, text);
    const reading = { text, value, confidence, problems: validateField(field, value), engine };
    if (reading.problems.length === 0) return reading;
    readings.push(reading);
  }
  if (field.validation.checkDigits && readings.length >= 2) {
    const merged = mergeByCheckDigits(field, readings[0].value, readings[1].value);
    if (merged !== null) return { ...readings[0], value: merged, problems: [] };
  }
  return readings[0];
}

/** The one combination of two equally long readings that passes validation, or null (none, or several). */
function mergeByCheckDigits(field: TemplateField, a: string, b: string): string | null {
  if (a.length !== b.length) return null;
  const differ = [...a].flatMap((c, i) => (c !== b[i] ? [i] : []));
  if (differ.length === 0 || differ.length > 10) return null;
  const passing = new Set<string>();
  for (let pick = 0; pick < 1 << differ.length; pick++) {
    const chars = [...a];
    differ.forEach((position, bit) => { if (pick & (1 << bit)) chars[position] = b[position]; });
    const candidate = chars.join('');
    if (validateField(field, candidate).length === 0) passing.add(candidate);
  }
  return passing.size === 1 ? [...passing][0] : null;
}
