import { IdentreeError } from '../errors/base.js';

/** The face template could not be opened: the key is not a recipient's, or the envelope or ciphertext was altered. */
export class FaceTemplateDecryptionError extends IdentreeError {
  override name = 'FaceTemplateDecryptionError';
  constructor(reason: string, cause?: unknown) {
    super(`The face template could not be opened: ${reason}.`, { cause });
  }
}
