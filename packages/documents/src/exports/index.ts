// The public entry point of @identree/documents.
export {
  DocumentsError, TemplateInvalidError, UnknownTemplateError, NotAnImageError, ImageTooLargeError, DocumentNotFoundError, MrzFormatError,
} from '../errors.js';
export type { DocumentTemplate, TemplateField, Region, Normaliser, FieldValidation, FieldType, DateFormat } from '../templates/documentTemplate.js';
export { getTemplate, templateIds, type TemplateId } from '../templates/getTemplate.js';
export { validateTemplate } from '../templates/validateTemplate.js';
export { templateSchema } from '../templates/templateSchema.js';
export { normaliseField, applyMask } from '../fields/normaliseField.js';
export { validateField } from '../fields/validateField.js';
export { formatDate, parsePrintedDate } from '../fields/dates.js';
export { mrzCheckDigit } from '../mrz/mrzCheckDigit.js';
export { formatTd3Mrz, type Td3Holder } from '../mrz/formatTd3Mrz.js';
export { parseTd3Mrz, type ParseTd3MrzReturnType } from '../mrz/parseTd3Mrz.js';
export { crossCheckMrz, type MrzMismatch } from '../mrz/crossCheckMrz.js';
export { commitFieldImage, commitFieldText, hashDocumentImage, type FieldCommitment } from '../commitments/commitField.js';
export { generateDocument, type GenerateDocumentParameters, type GenerateDocumentReturnType } from '../corpus/generateDocument.js';
export { seededRandom, type SeededRandom } from '../corpus/seededRandom.js';
export { decodeImage } from '../image/decodeImage.js';
export { findDocument } from '../image/findDocument.js';
export type { FieldRecogniser, RecogniseOptions } from '../ocr/fieldRecogniser.js';
export { createTesseractRecogniser } from '../ocr/createTesseractRecogniser.js';
export { readDocument, type ReadDocumentParameters, type ReadDocumentReturnType, type ReadField } from '../ocr/readDocument.js';
