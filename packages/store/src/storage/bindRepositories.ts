import type { Database } from './database.js';
import { auditRepository } from './repositories/audit.js';
import { blocksRepository } from './repositories/blocks.js';
import { credentialsRepository } from './repositories/credentials.js';
import { cursorRepository } from './repositories/cursor.js';
import { entitiesRepository } from './repositories/entities.js';
import { noncesRepository } from './repositories/nonces.js';
import { loginFailuresRepository } from './repositories/loginFailures.js';
import { faceTemplatesRepository } from './repositories/faceTemplates.js';
import { outboxRepository } from './repositories/outbox.js';
import { treeLinksRepository } from './repositories/treeLinks.js';
import { accessLogRepository } from './repositories/accessLog.js';
import { grantsRepository } from './repositories/grants.js';
import { guardiansRepository } from './repositories/guardians.js';
import { keyBindingsRepository } from './repositories/keyBindings.js';
import { recoveriesRepository } from './repositories/recoveries.js';
import { shareKeysRepository } from './repositories/shareKeys.js';
import { webhooksRepository } from './repositories/webhooks.js';
import { credentialDeliveriesRepository, credentialOffersRepository, holderPublicKeysRepository } from './repositories/credentialDeliveries.js';
import { blobUsageRepository } from './repositories/blobUsage.js';
import { statusEntriesRepository } from './repositories/statusEntries.js';
import { oidcReleasesRepository, serviceAccessLogRepository } from './repositories/serviceAccess.js';
import { enrollmentSubmissionsRepository } from './repositories/enrollmentSubmissions.js';
import type { StorageRepositories } from './types.js';

/** Every repository over one handle: the database, or a transaction on it. */
export function bindRepositories(db: Database): StorageRepositories {
  return {
    entities: entitiesRepository(db),
    credentials: credentialsRepository(db),
    links: treeLinksRepository(db),
    audit: auditRepository(db),
    cursor: cursorRepository(db),
    blocks: blocksRepository(db),
    outbox: outboxRepository(db),
    nonces: noncesRepository(db),
    loginFailures: loginFailuresRepository(db),
    faceTemplates: faceTemplatesRepository(db),
    grants: grantsRepository(db),
    accessLog: accessLogRepository(db),
    keyBindings: keyBindingsRepository(db),
    guardians: guardiansRepository(db),
    recoveries: recoveriesRepository(db),
    shareKeys: shareKeysRepository(db),
    webhooks: webhooksRepository(db),
    holderPublicKeys: holderPublicKeysRepository(db),
    deliveries: credentialDeliveriesRepository(db),
    credentialOffers: credentialOffersRepository(db),
    blobUsage: blobUsageRepository(db),
    statusEntries: statusEntriesRepository(db),
    serviceAccessLog: serviceAccessLogRepository(db),
    oidcReleases: oidcReleasesRepository(db),
    enrollmentSubmissions: enrollmentSubmissionsRepository(db),
  };
}
