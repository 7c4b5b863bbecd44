import { createHash } from 'node:crypto';
import type { Db, IndexDescription } from 'mongodb';
import { MigrationChecksumError, MigrationFailedError } from '../storage/errors.js';
import { isDuplicateKey } from './mongoHandle.js';

/**
 * One numbered step of the MongoDB schema: the collections it creates and the indexes on them.
 * The SQL adapters' numbered `.sql` files are the model; here a step only adds indexes, since
 * documents need no columns.
 */
export type MongoMigration = { version: number; name: string; indexes: Record<string, IndexDescription[]> };

const unique = (name: string, key: Record<string, 1 | -1>): IndexDescription => ({ name, key, unique: true });
const plain = (name: string, key: Record<string, 1 | -1>): IndexDescription => ({ name, key });

/**
 * The schema, oldest first. Never edit an applied step: add one (its checksum is recorded, and an
 * edited step refuses to start, as with the SQL migrations). FerretDB v1 has no partial indexes,
 * so a key that is optional (an audit entry's chain event) is stored as a string that is unique
 * for entries without one.
 */
export const MONGO_MIGRATIONS: readonly MongoMigration[] = [
  {
    version: 1,
    name: '0001_init',
    indexes: {
      credentials: [plain('credentials_subject', { subject: 1, anchoredBlock: 1, anchoredLogIndex: 1 })],
      tree_links: [plain('tree_links_holder', { holder: 1, updatedBlock: 1, updatedLogIndex: 1 })],
      audit_log: [
        unique('audit_log_event', { eventKey: 1 }),
        plain('audit_log_subject', { subject: 1 }),
        plain('audit_log_block', { blockNumber: 1 }),
      ],
      projection_undo: [
        unique('projection_undo_change', { change: 1 }),
        plain('projection_undo_block', { blockNumber: 1 }),
      ],
      outbox: [unique('outbox_owner_key', { owner: 1, idempotencyKey: 1 }), plain('outbox_status', { status: 1 })],
      nonces: [plain('nonces_expires_at', { expiresAt: 1 })],
      indexer_cursor: [],
      blocks: [],
      entities: [],
      claims: [],
    },
  },
  {
    version: 2,
    name: '0002_holders',
    indexes: {
      access_grants: [plain('access_grants_holder', { holder: 1 }), plain('access_grants_uid', { uid: 1 })],
      access_log: [
        unique('access_log_event', { eventKey: 1 }),
        plain('access_log_holder', { holder: 1 }),
        plain('access_log_block', { blockNumber: 1 }),
      ],
      key_bindings: [plain('key_bindings_key', { key: 1 })],
      guardians: [plain('guardians_identity', { identity: 1 })],
      guardian_sets: [],
      recoveries: [plain('recoveries_identity', { identity: 1 })],
      share_keys: [],
      webhook_subscriptions: [unique('webhook_subscriptions_owner_url', { owner: 1, url: 1 })],
      webhook_deliveries: [
        unique('webhook_deliveries_event', { eventKey: 1 }),
        unique('webhook_deliveries_delivery_id', { deliveryId: 1 }),
        plain('webhook_deliveries_due', { status: 1, nextAttemptAt: 1 }),
        plain('webhook_deliveries_subscription', { subscriptionId: 1 }),
      ],
    },
  },
  {
    version: 3,
    name: '0003_deliveries_and_blobs',
    indexes: {
      holder_public_keys: [],
      credential_deliveries: [unique('credential_deliveries_holder_uid', { holder: 1, uid: 1 })],
      credential_offers: [plain('credential_offers_token', { tokenHash: 1 })],
      blob_usage: [plain('blob_usage_owner', { owner: 1 })],
    },
  },
  {
    version: 4,
    name: '0004_status_entries',
    indexes: {
      status_entries: [unique('status_entries_position', { listId: 1, index: 1 })],
    },
  },
  {
    version: 5,
    name: '0005_service_access',
    indexes: {
      service_access_log: [plain('service_access_log_holder', { holder: 1, _id: -1 })],
      oidc_releases: [plain('oidc_releases_holder', { holder: 1, createdAt: -1 })],
    },
  },
  {
    version: 6,
    name: '0006_entities_by_registrar',
    indexes: {
      // The registration tree reads one level at a time, in registration order.
      entities: [plain('entities_registrar', { registrar: 1, registeredBlock: 1, logIndex: 1 })],
    },
  },
  {
    version: 7,
    name: '0007_login_failures',
    indexes: {
      login_failures: [plain('login_failures_subject', { subject: 1, at: 1 })],
    },
  },
  {
    // Document enrollment's submissions, one document each keyed by enrollment id: no index beyond _id.
    version: 8,
    name: '0008_enrollment_submissions',
    indexes: { enrollment_submissions: [] },
  },
  {
    version: 9,
    name: '0009_face_template_records',
    // One document per holder, keyed by its address (`_id`): no other index.
    indexes: { face_template_records: [] },
  },
];

const checksum = (m: MongoMigration) => createHash('sha256').update(JSON.stringify(m.indexes)).digest('hex');

/**
 * Applies the steps not yet recorded in `schema_migrations`, in order; returns the names applied.
 * Index creation is idempotent, so two instances opening one database at once both succeed.
 *
 * @example
 * await migrateMongo(client.db('identree')) // ['0001_init', '0002_holders', …] on a new database
 */
export async function migrateMongo(
  db: Db,
  migrations: readonly MongoMigration[] = MONGO_MIGRATIONS,
): Promise<string[]> {
  const recorded = db.collection<{ _id: number; name: string; checksum: string; appliedAt: Date }>('schema_migrations');
  const applied = new Map((await recorded.find().toArray()).map((r) => [r._id, r]));
  const done: string[] = [];
  for (const m of migrations) {
    const sum = checksum(m);
    const before = applied.get(m.version);
    if (before) {
      if (before.checksum !== sum) throw new MigrationChecksumError(m.version, m.name);
      continue;
    }
    try {
      const existing = new Set(
        await db
          .listCollections({}, { nameOnly: true })
          .toArray()
          .then((cs) => cs.map((c) => c.name)),
      );
      for (const [name, indexes] of Object.entries(m.indexes)) {
        if (!existing.has(name))
          await db.createCollection(name).catch((e: { codeName?: string }) => {
            if (e.codeName !== 'NamespaceExists') throw e;
          });
        if (indexes.length > 0) await db.collection(name).createIndexes(indexes);
      }
      await recorded.insertOne({ _id: m.version, name: m.name, checksum: sum, appliedAt: new Date() });
    } catch (error) {
      // Another instance recorded the same step meanwhile: its indexes are the same ones.
      if (isDuplicateKey(error)) continue;
      throw new MigrationFailedError(m.name, error);
    }
    done.push(m.name);
  }
  return done;
}
