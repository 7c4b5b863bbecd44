// `npm run mongo`: a MongoDB wire-protocol server for the service's data: FerretDB v1 (built by
// tools/parts/install-go-parts.sh --only ferretdb) on a PostgreSQL database of its own
// (FERRETDB_POSTGRES_URL, default identree_ferretdb on the local server, created if missing), on
// loopback port 27017 (MONGO_PORT). Point the service at it with MONGODB_URL.
import path from 'node:path';
import { tiedToParent } from '@identree/devchain';
import { ensurePostgresDatabase, FerretDbStartError, ferretdbUnavailable, startFerretDb } from '@identree/store';

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const unavailable = ferretdbUnavailable();
if (unavailable) {
  console.error(`cannot start FerretDB: ${unavailable}`);
  process.exit(1);
}
const port = process.env.MONGO_PORT === undefined ? 27_017 : Number(process.env.MONGO_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`MONGO_PORT: "${process.env.MONGO_PORT}" is not a port`);
  process.exit(2);
}
const target = new URL(process.env.FERRETDB_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/identree_ferretdb');
const database = target.pathname.slice(1);
const admin = new URL(target);
admin.pathname = '/postgres';
try {
  const postgresUrl = await ensurePostgresDatabase(admin.toString(), database);
  // Tied to this launcher: a kill -9 of it must not leave a FerretDB holding the port.
  const node = await startFerretDb({
    postgresUrl,
    port,
    stateDir: path.resolve(process.env.FERRETDB_STATE_DIR ?? '.data-mongo'),
    wrapCommand: tiedToParent,
    log: (l) => console.error(l),
  });
  console.log(`FerretDB v1 (MongoDB wire protocol) on ${node.mongoUrl}, data in PostgreSQL ${target.host}/${database}`);
  console.log(`use it: MONGODB_URL=${node.mongoUrl}identree npm start`);
  const stop = async () => {
    await node.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  node.process.once('exit', (code) => {
    console.error(`FerretDB exited (${code})`);
    process.exit(1);
  });
} catch (error) {
  if (!(error instanceof FerretDbStartError)) throw error;
  console.error(
    `cannot start FerretDB: ${error.message}${error.shortMessage.includes('PostgreSQL') ? ' (bash tools/postgres.sh starts a local one)' : ''}`,
  );
  process.exit(1);
}
