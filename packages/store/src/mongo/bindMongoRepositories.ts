import type { StorageRepositories } from '../storage/types.js';
import type { MongoHandle } from './mongoHandle.js';
import { mongoAccessLogRepository } from './repositories/accessLog.js';
import { mongoAuditRepository } from './repositories/audit.js';
import { mongoBlobUsageRepository } from './repositories/blobUsage.js';
import { mongoStatusEntriesRepository } from './repositories/statusEntries.js';
import { mongoBlocksRepository } from './repositories/blocks.js';
import {
  mongoCredentialDeliveriesRepository,
  mongoCredentialOffersRepository,
  mongoHolderPublicKeysRepository,
} from './repositories/credentialDeliveries.js';
import { mongoCredentialsRepository } from './repositories/credentials.js';
import { mongoCursorRepository } from './repositories/cursor.js';
import { mongoEntitiesRepository } from './repositories/entities.js';
import { mongoGrantsRepository } from './repositories/grants.js';
import { mongoGuardiansRepository } from './repositories/guardians.js';
import { mongoKeyBindingsRepository } from './repositories/keyBindings.js';
import { mongoNoncesRepository } from './repositories/nonces.js';
import { mongoLoginFailuresRepository } from './repositories/loginFailures.js';
import { mongoFaceTemplatesRepository } from './repositories/faceTemplates.js';
import { mongoOutboxRepository } from './repositories/outbox.js';
import { mongoRecoveriesRepository } from './repositories/recoveries.js';
import { mongoOidcReleasesRepository, mongoServiceAccessLogRepository } from './repositories/serviceAccess.js';
import { mongoShareKeysRepository } from './repositories/shareKeys.js';
import { mongoTreeLinksRepository } from './repositories/treeLinks.js';
import { mongoWebhooksRepository } from './repositories/webhooks.js';
import { mongoEnrollmentSubmissionsRepository } from './repositories/enrollmentSubmissions.js';

/** Every repository over one handle: the database, or a journaled transaction on it. */
export function bindMongoRepositories(h: MongoHandle): StorageRepositories {
  return {
    entities: mongoEntitiesRepository(h),
    credentials: mongoCredentialsRepository(h),
    links: mongoTreeLinksRepository(h),
    audit: mongoAuditRepository(h),
    cursor: mongoCursorRepository(h),
    blocks: mongoBlocksRepository(h),
    outbox: mongoOutboxRepository(h),
    nonces: mongoNoncesRepository(h),
    loginFailures: mongoLoginFailuresRepository(h),
    faceTemplates: mongoFaceTemplatesRepository(h),
    grants: mongoGrantsRepository(h),
    accessLog: mongoAccessLogRepository(h),
    keyBindings: mongoKeyBindingsRepository(h),
    guardians: mongoGuardiansRepository(h),
    recoveries: mongoRecoveriesRepository(h),
    shareKeys: mongoShareKeysRepository(h),
    webhooks: mongoWebhooksRepository(h),
    holderPublicKeys: mongoHolderPublicKeysRepository(h),
    deliveries: mongoCredentialDeliveriesRepository(h),
    credentialOffers: mongoCredentialOffersRepository(h),
    blobUsage: mongoBlobUsageRepository(h),
    statusEntries: mongoStatusEntriesRepository(h),
    serviceAccessLog: mongoServiceAccessLogRepository(h),
    oidcReleases: mongoOidcReleasesRepository(h),
    enrollmentSubmissions: mongoEnrollmentSubmissionsRepository(h),
  };
}
