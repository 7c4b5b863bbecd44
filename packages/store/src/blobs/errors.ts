import { IdentreeError } from '@identree/sdk';

/**
 * Root of the blob store errors, an `IdentreeError`: a one-line
 * `shortMessage`, `details` for logs, and the original `cause`.
 *
 * @example
 * try { await blobs.get(param) } catch (e) {
 *   if (e instanceof InvalidCidError) reply.status(400)
 * }
 */
export class BlobStoreError extends IdentreeError {
  override name = 'BlobStoreError';
}

/** The string is not a CID. A client error: the caller named nothing. */
export class InvalidCidError extends BlobStoreError {
  override name = 'InvalidCidError';
  constructor(readonly cid: string, cause?: unknown) {
    super(`"${cid.length > 100 ? `${cid.slice(0, 100)}…` : cid}" is not a CID.`, { details: cause instanceof Error ? cause.message : undefined, cause });
  }
}

/** A stored block does not hash to its CID, or a block of the file is missing: the store is damaged. */
export class BlobIntegrityError extends BlobStoreError {
  override name = 'BlobIntegrityError';
  constructor(readonly cid: string, problem: string) {
    super(`Blob ${cid} is damaged: ${problem}.`);
  }
}

/** The CID names something that is not a file (a directory, a symlink, another codec). */
export class NotAFileError extends BlobStoreError {
  override name = 'NotAFileError';
  constructor(readonly cid: string, what: string) {
    super(`${cid} is ${what}, not a file.`);
  }
}

/** The kubo node did not answer, or answered with an error that is not "not found". */
export class BlobStoreUnavailableError extends BlobStoreError {
  override name = 'BlobStoreUnavailableError';
  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(shortMessage, options);
  }
}

/** Kubo named the bytes differently from the embedded store: its import settings differ, so blobs would not move between them. */
export class CidMismatchError extends BlobStoreError {
  override name = 'CidMismatchError';
  constructor(readonly expected: string, readonly received: string) {
    super(`Kubo stored the blob as ${received}, the embedded store names it ${expected}.`, {
      details: 'check the node\'s Import.* settings (chunker, raw leaves, max links per node): they must be kubo\'s defaults for CIDv1',
    });
  }
}
