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

type Engine = RecogniseOptions['engine'];

export type FieldReading = { text: string; value: string; confidence: number; problems: string[]; engine: Engine };

/**
 * Below this confidence (tesseract's, 0 to 100) a valid LSTM reading of a multi-character field is
 * read again. Measured on the seeds `tune3` to `tune6` (never the bench seed): right first readings sit
 * at 80 or more in 95 % of fields; the valid but wrong ones seen sat at 0 to 79 (a `J` read as `I` at 74
 * and 79, a `9` as `8` at 32). At 80 about 6 % of fields are read again.
 */
const confidentReading = 80;

/**
 * Reads one field's crops into its normalised value, trying again (another engine, layout or
 * binarisation) only where the first reading is invalid or in doubt; each kind of field has its plan.
 *
 * @example
 * const crops = { crop, otsu: () => otsuCrop, coarse: () => coarseCrop };
 * const { value, problems } = await readField(field, crops, recogniser);
 */
export async function readField(
  field: TemplateField, crops: FieldCrops, recogniser: FieldRecogniser,
): Promise<FieldReading> {
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
  const plan: [Engine, RecogniseOptions['layout']][] = [
    ['lstm', 'character'], ['legacy', 'character'], ['lstm', 'line'], ['legacy', 'line'],
  ];
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
 * Otsu crop, and they vote. A code with a mask votes position by position (each reading laid over one
 * of the mask's length by edit distance, as LSTM sometimes reads one glyph twice): each engine has its
 * blind spots (legacy sees `0` for `Q` and `S` for a thin `8`, LSTM `1` for `I` or `J` and `2` for `Z`),
 * so a character the mask forced votes half. Any other field votes by whole valid value. Votes weigh
 * with the reading's confidence. With no valid outcome, check digits (if the field has any) may settle
 * it from all four readings; else the first reading stands, so that validation names its problems.
 */
async function readLine(field: TemplateField, crops: FieldCrops, recogniser: FieldRecogniser): Promise<FieldReading> {
  const first = await readOnce(field, crops.crop, recogniser, 'lstm', 'line');
  const trusted = first.problems.length === 0 && first.confidence >= confidentReading && !maskForced(field, first.text);
  if (trusted) return first;
  const otsu = crops.otsu();
  const readings = [
    first,
    await readOnce(field, crops.crop, recogniser, 'legacy', 'line'),
    await readOnce(field, otsu, recogniser, 'lstm', 'line'),
    await readOnce(field, otsu, recogniser, 'legacy', 'line'),
  ];
  const voted = voteByPosition(field, readings) ?? voteByValue(readings);
  if (voted !== null) {
    // The reading closest to the outcome speaks for it (its text, engine and confidence).
    const distance = (r: FieldReading) =>
      [...voted].filter((c, i) => r.value[i] !== c).length + Math.abs(r.value.length - voted.length);
    const closest = readings.reduce((a, b) => (distance(b) < distance(a) ? b : a));
    return { ...closest, value: voted, problems: [] };
  }
  const resolved = resolveByCheckDigits(field, readings.map((r) => r.value));
  return resolved === null ? first : { ...first, value: resolved, problems: [] };
}

const weightOf = (reading: FieldReading) => 0.5 + reading.confidence / 200;
const compactCode = (text: string) => text.toUpperCase().replace(/[\s.]/g, '');

/**
 * The valid value best supported by the readings position by position, for a code with a mask; else
 * null. Each reading is laid over the most trustworthy one of the mask's length (valid, nothing
 * forced, most confident). A character the mask forced votes half, shared among the letters (or digits)
 * it may stand for: a `1` where a letter must be says I or L, no more.
 */
function voteByPosition(field: TemplateField, readings: readonly FieldReading[]): string | null {
  const mask = field.normaliser.kind === 'code' ? field.normaliser.mask : undefined;
  if (mask === undefined) return null;
  const texts = readings.map((r) => undoubleGlyph(compactCode(r.text), mask));
  const trust = (i: number) =>
    (readings[i].problems.length === 0 ? 2 : 0) + (maskForced(field, texts[i]) ? 0 : 1) + readings[i].confidence / 1000;
  const candidates = texts.flatMap((text, i) => (text.length === mask.length ? [i] : []));
  if (candidates.length === 0) return null;
  const reference = texts[candidates.reduce((a, b) => (trust(b) > trust(a) ? b : a))];
  const tallies = Array.from({ length: mask.length }, () => new Map<string, number>());
  readings.forEach((reading, r) => {
    alignReading(reference, texts[r]).forEach((seen, i) => {
      if (seen === undefined) return;
      const c = applyMask(seen, mask[i]);
      if (mask[i] !== 'X' && isDigit(c) !== (mask[i] === '9')) return; // a `7` where a letter must be says nothing
      const share = c === seen ? 1 : 0.5 / lookAlikeGroup(c).filter((alike) => isDigit(alike) === isDigit(c)).length;
      tallies[i].set(c, (tallies[i].get(c) ?? 0) + weightOf(reading) * share);
    });
  });
  const value = tallies.map((tally) => [...tally].reduce((a, b) => (b[1] > a[1] ? b : a), ['', -1])[0]).join('');
  return validateField(field, value).length === 0 ? value : null;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * LSTM sometimes reads one glyph twice, as two look-alikes side by side (`O0` for one `0`). A reading
 * one character longer than the mask that holds such a pair keeps, of the two, the one of the kind the
 * mask wants there.
 */
function undoubleGlyph(text: string, mask: string): string {
  if (text.length !== mask.length + 1) return text;
  for (let i = 0; i + 1 < text.length; i++) {
    if (text[i] === text[i + 1] || !lookAlikeGroup(text[i]).includes(text[i + 1])) continue;
    const keepFirst = text.slice(0, i + 1) + text.slice(i + 2);
    return applyMask(text[i], mask[i]) === text[i] ? keepFirst : text.slice(0, i) + text.slice(i + 1);
  }
  return text;
}

/** The valid value the readings support most, each by its confidence; null when none is valid. */
function voteByValue(readings: readonly FieldReading[]): string | null {
  const support = new Map<string, number>();
  for (const reading of readings) {
    if (reading.problems.length > 0) continue;
    support.set(reading.value, (support.get(reading.value) ?? 0) + weightOf(reading));
  }
  return [...support].reduce<[string | null, number]>((a, b) => (b[1] > a[1] ? b : a), [null, -1])[0];
}

async function readOnce(
  field: TemplateField, crop: Buffer, recogniser: FieldRecogniser, engine: Engine, layout: RecogniseOptions['layout'],
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
