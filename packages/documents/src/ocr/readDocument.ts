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
 * letters, the legacy classifier confuses some digits. A check-digit field that neither reading gets
 * right is resolved from both when exactly one combination of their look-alikes passes.
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
  const resolved = resolveByCheckDigits(field, readings.map((r) => r.value));
  if (resolved !== null) return { ...readings[0], value: resolved, problems: [] };
  return readings[0];
}
