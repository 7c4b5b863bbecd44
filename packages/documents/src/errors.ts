/** The one error base of the documents package: a short message for people, details for logs, and the cause. */
export class DocumentsError extends Error {
  override name = 'DocumentsError';
  readonly shortMessage: string;
  readonly details?: string;

  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** A template file that does not match the template schema; `problems` names each offending path. */
export class TemplateInvalidError extends DocumentsError {
  override name = 'TemplateInvalidError';
  constructor(readonly templateId: string, readonly problems: string[]) {
    super(`Template "${templateId}" is invalid: ${problems.join('; ')}`);
  }
}

/** A template id that no shipped template carries. */
export class UnknownTemplateError extends DocumentsError {
  override name = 'UnknownTemplateError';
  constructor(readonly templateId: string, readonly known: readonly string[]) {
    super(`Unknown document template "${templateId}"`, { details: `known templates: ${known.join(', ')}` });
  }
}

/** Bytes that are not a PNG or JPEG image, or one that cannot be decoded. */
export class NotAnImageError extends DocumentsError {
  override name = 'NotAnImageError';
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(`The upload is not a readable PNG or JPEG image: ${reason}`, options);
  }
}

/** A photo in which no document-shaped bright region could be found. */
export class DocumentNotFoundError extends DocumentsError {
  override name = 'DocumentNotFoundError';
  constructor(reason: string) {
    super(`No document found in the photo: ${reason}`);
  }
}

/** A machine-readable zone that does not parse as the template's MRZ format. */
export class MrzFormatError extends DocumentsError {
  override name = 'MrzFormatError';
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(`The machine-readable zone cannot be parsed: ${reason}`, options);
  }
}

/** An image whose pixel count is beyond what the reader accepts; refused before any field is cut. */
export class ImageTooLargeError extends DocumentsError {
  override name = 'ImageTooLargeError';
  constructor(readonly width: number, readonly height: number, readonly maxPixels: number) {
    super(`The image is ${width} x ${height} pixels, more than the ${maxPixels} accepted`);
  }
}
