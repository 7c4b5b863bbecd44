import { IdentreeError } from '@identree/sdk';

/**
 * Root of the storage errors, an `IdentreeError`: a one-line `shortMessage`,
 * `details` for logs, and the original `cause`.
 *
 * @example
 * try { await storage.outbox.create(request) } catch (e) {
 *   if (e instanceof IdempotencyKeyReusedError) reply.status(422)
 * }
 */
export class StorageError extends IdentreeError {
  override name = 'StorageError';
}

/** A migration already applied was changed afterwards; the database and the code disagree. */
export class MigrationChecksumError extends StorageError {
  override name = 'MigrationChecksumError';
  constructor(readonly version: number, readonly file: string) {
    super(`Migration ${file} changed after it was applied.`, {
      details: `version ${version} is recorded in schema_migrations with another checksum; add a new numbered migration instead of editing an applied one`,
    });
  }
}

/** A migration failed; nothing of it (or of the ones after it) was applied. */
export class MigrationFailedError extends StorageError {
  override name = 'MigrationFailedError';
  constructor(readonly file: string, cause: unknown) {
    super(`Migration ${file} failed.`, { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
}

/**
 * An owner's idempotency key came back with another request body. A replay must be the same
 * request. Keys are per owner, so another owner's use of a key never raises this.
 */
export class IdempotencyKeyReusedError extends StorageError {
  override name = 'IdempotencyKeyReusedError';
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key "${idempotencyKey}" was already used for another request.`);
  }
}

/** A nonce key was issued twice; keys are meant to be random, so this is a caller bug. */
export class NonceAlreadyIssuedError extends StorageError {
  override name = 'NonceAlreadyIssuedError';
  constructor(readonly key: string) {
    super(`Nonce "${key}" was already issued.`);
  }
}
