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
import { maskForced, readField, type FieldCrops } from './readField.js';

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
    const gray = cropField({ photo, toPhoto, region: field.region });
    const crop = encodePng(padWhite(binariseInkBiased(gray), 16));
    const crops: FieldCrops = {
      crop,
      otsu: () => encodePng(padWhite(binarise(gray), 16)),
      coarse: () => encodePng(padWhite(binariseInkBiased(cropField({ photo, toPhoto, region: field.region, scale: 1 })), 16)),
    };
    const { text, value, confidence, problems, engine } = await readField(field, crops, recogniser);
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

const binariseInkBiased = (crop: GrayImage) => binarise(crop, inkBiasedThreshold(crop));
