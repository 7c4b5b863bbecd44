import type { Database } from './database.js';
import { auditRepository } from './repositories/audit.js';
import { blocksRepository } from './repositories/blocks.js';
import { credentialsRepository } from './repositories/credentials.js';
import { cursorRepository } from './repositories/cursor.js';
import { entitiesRepository } from './repositories/entities.js';
import { noncesRepository } from './repositories/nonces.js';
import { outboxRepository } from './repositories/outbox.js';
import { treeLinksRepository } from './repositories/treeLinks.js';
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
  };
}
