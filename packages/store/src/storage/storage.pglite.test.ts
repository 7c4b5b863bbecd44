import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { connectPglite } from './adapters/pglite.js';
import { openStorage } from './openStorage.js';
import { describeStorage } from './storage.suite.js';
import { shareSqlStorage, sqlMigrationTests, type SqlStorageHarness } from './sqlMigrations.suite.js';

const root = await mkdtemp(path.join(tmpdir(), 'identree-pglite-'));
after(() => rm(root, { recursive: true, force: true }));

// initdb under WebAssembly takes seconds; it runs once, and each test starts from a copy of the
// empty cluster, so every open still applies the migrations itself.
let template: Promise<string> | undefined;
const emptyCluster = () =>
  (template ??= (async () => {
    const dir = path.join(root, 'template');
    await mkdir(path.join(dir, 'pg'), { recursive: true });
    const client = await PGlite.create(path.join(dir, 'pg'));
    await client.close();
    return dir;
  })());

let count = 0;
const harness: SqlStorageHarness = {
  share: shareSqlStorage,
  async fresh() {
    const dataDir = path.join(root, `place-${++count}`);
    await cp(await emptyCluster(), dataDir, { recursive: true });
    return {
      open: () => openStorage({ dataDir }),
      connect: () => connectPglite(dataDir),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

describeStorage('PGlite', harness, { migrations: () => sqlMigrationTests(harness) });
