import { applyMask, normaliseField } from '../fields/normaliseField.js';
import { validateField } from '../fields/validateField.js';
import type { TemplateField } from '../templates/documentTemplate.js';
import { alignReading } from './alignReading.js';
import type { FieldRecogniser, RecogniseOptions } from './fieldRecogniser.js';
import { lookAlikeGroup } from './lookAlikes.js';
import { resolveByCheckDigits } from './resolveByCheckDigits.js';

/** True when a code field's mask changed what the engine saw (a digit where a letter must be, or the reverse). */
export function maskForced(field: TemplateField, text: string): boolean {
  if (field.normaliser.kind !== 'code' || field.normaliser.mask === undefined) return false;
  const compact = text.toUpperCase().replace(/[\s.]/g, '');
  return applyMask(compact, field.normaliser.mask) !== compact;
}

/**
 * The crop that is committed to and shown to verifiers (ink-biased threshold, 1.5 px per unit), and two
 * alternatives made only when a field is read again: the same pixels binarised at Otsu's threshold
 * (thicker strokes, where the ink bias thinned a glyph into another), and a coarser grid (1 px per unit).
 */
export type FieldCrops = { crop: Buffer; otsu: () => Buffer; coarse: () => Buffer };

export type FieldReading = { text: string; value: string; confidence: number; problems: string[]; engine: RecogniseOptions['engine'] };

/**
 * Below this confidence (tesseract's, 0 to 100) a valid LSTM reading of a multi-character field is
 * read again. Measured on the seeds `tune3` and `tune4` (no bench seed): right first readings sit at
 * 80 or more in 95 % of fields, while the valid but wrong ones seen (a `9` read as `8`, confidence 32)
 * sat far below; at 60 about 4 % of fields are read again.
 */
const confidentReading = 60;

/**
 * Reads one field's crops into its normalised value, trying again (another engine, layout or
 * binarisation) only where the first reading is invalid or in doubt; each kind of field has its plan.
 *
 * @example
 * const { value, problems } = await readField(field, { crop, otsu: () => otsuCrop, coarse: () => coarseCrop }, recogniser);
 */
export async function readField(field: TemplateField, crops: FieldCrops, recogniser: FieldRecogniser): Promise<FieldReading> {
  if (field.type === 'mrz') return readMrzLine(field, crops, recogniser);
  if (field.validation.enum?.every((v) => v.length === 1)) return readCharacter(field, crops.crop, recogniser);
  return readLine(field, crops, recogniser);
}

/**
 * A one-character field: LSTM first and, only while the reading breaks the field's validation, again:
 * with the legacy engine, then each engine treating the crop as a line. The engines fail on different
 * glyphs: LSTM drops some lone letters, the legacy classifier confuses some digits.
 */
async function readCharacter(field: TemplateField, crop: Buffer, recogniser: FieldRecogniser): Promise<FieldReading> {
  const plan: [RecogniseOptions['engine'], RecogniseOptions['layout']][] = [['lstm', 'character'], ['legacy', 'character'], ['lstm', 'line'], ['legacy', 'line']];
  const readings: FieldReading[] = [];
  for (const [engine, layout] of plan) {
    const reading = await readOnce(field, crop, recogniser, engine, layout);
    if (reading.problems.length === 0) return reading;
    readings.push(reading);
  }
  return readings[0];
}

/**
 * A field of several characters: LSTM on the committed crop. That reading stands when it is valid, its
 * mask forced no character (a digit where a letter must be, or the reverse) and the engine is confident.
 * Otherwise three more readings are taken, the legacy engine on the same crop and both engines on the
 * Otsu crop, and each valid one votes for its value: weighted by its confidence, half when the mask
 * forced a character (the legacy engine sees `S` for a thin `8`, which the mask turns into a valid but
 * wrong `5`). The best-supported value wins. With no valid reading, check digits (if the field has
 * any) may settle it from all four; else the first stands, so that validation names its problems.
 */
async function readLine(field: TemplateField, crops: FieldCrops, recogniser: FieldRecogniser): Promise<FieldReading> {
  const first = await readOnce(field, crops.crop, recogniser, 'lstm', 'line');
  if (first.problems.length === 0 && first.confidence >= confidentReading && !maskForced(field, first.text)) return first;
  const otsu = crops.otsu();
  const readings = [
    first,
    await readOnce(field, crops.crop, recogniser, 'legacy', 'line'),
    await readOnce(field, otsu, recogniser, 'lstm', 'line'),
    await readOnce(field, otsu, recogniser, 'legacy', 'line'),
  ];
  const support = new Map<string, { votes: number; reading: FieldReading }>();
  for (const reading of readings) {
    if (reading.problems.length > 0) continue;
    const votes = (maskForced(field, reading.text) ? 0.5 : 1) * (0.5 + reading.confidence / 200);
    const entry = support.get(reading.value);
    if (entry) entry.votes += votes;
    else support.set(reading.value, { votes, reading });
  }
  let best: { votes: number; reading: FieldReading } | undefined;
  for (const entry of support.values()) if (!best || entry.votes > best.votes) best = entry;
  if (best) return best.reading;
  const resolved = resolveByCheckDigits(field, readings.map((r) => r.value));
  return resolved === null ? first : { ...first, value: resolved, problems: [] };
}

async function readOnce(
  field: TemplateField, crop: Buffer, recogniser: FieldRecogniser, engine: RecogniseOptions['engine'], layout: RecogniseOptions['layout'],
): Promise<FieldReading> {
  const { text, confidence } = await recogniser.recognise(crop, { charset: field.charset, layout, engine });
  const value = normaliseField(field, text);
  return { text, value, confidence, problems: validateField(field, value), engine };
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
async function readMrzLine(field: TemplateField, { crop, coarse: coarseCrop }: FieldCrops, recogniser: FieldRecogniser) {
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
    const coarse = await recogniser.recognise(coarseCrop(), { charset: field.charset, layout: 'line', engine: 'legacy' });
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
