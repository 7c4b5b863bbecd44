// The store's public surface: ports (types), adapters, migrations, nonce stores and blob stores.
export { openStorage, createStorage, type OpenStorageParameters } from '../storage/openStorage.js';
export { connectPglite } from '../storage/adapters/pglite.js';
export { connectPostgres, type PostgresOptions } from '../storage/adapters/postgres.js';
export { migrate, loadMigrations, type Migration } from '../storage/migrate.js';
export { rows, type Connection, type Database } from '../storage/database.js';
export * from '../storage/errors.js';
export type * from '../storage/types.js';
export type * from '../storage/holderTypes.js';
export type * from '../storage/deliveryTypes.js';
export type { StatusEntry, StatusEntryStanding, StatusEntriesRepository, AllocateStatusEntryParameters } from '../storage/repositories/statusEntries.js';
export { WEBHOOK_EVENTS } from '../storage/holderTypes.js';
export { generateLoginNonce, type IssuedLoginNonce, type LoginNonceStore } from '../nonces/loginNonceStore.js';
export { createMemoryLoginNonceStore, type MemoryLoginNonceStoreOptions } from '../nonces/memoryLoginNonceStore.js';
export { batchedPresentationNonces, storageLoginNonces, storagePresentationNonces } from '../nonces/storageNonces.js';
export { pruneAndReclaim, pruneExpiredNonces, startNoncePruning, type NoncePruningOptions, type WarnLogger } from '../nonces/noncePruning.js';
export * from './blobs.js';
export { loadSigningKey, SigningKeyError, type LoadSigningKeyParameters, type PublicSigningJwk, type SigningKey } from '../keys/signingKey.js';
