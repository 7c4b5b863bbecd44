// Boots the identity service: `npm start`. Everything else is in app.ts.
import { availableParallelism } from 'node:os';
import { devAccount } from '@identree/devchain';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openChain } from './plugins/chain.js';
import { batchedPresentationNonces } from '@identree/store';
import { connectPglite } from '@identree/store';
import { connectPostgres } from '@identree/store';
import { createStorage } from '@identree/store';

const config = loadConfig();
// VERIFY_THREADS: worker threads verifying presentations (0 = on the HTTP thread); default one per core.
const threadsVar = process.env.VERIFY_THREADS;
if (threadsVar !== undefined && threadsVar !== '' && !/^[0-9]{1,2}$/.test(threadsVar)) throw new ConfigError(`VERIFY_THREADS: expected 0–99, got "${threadsVar}"`);
const verifyThreads = threadsVar ? Number(threadsVar) : availableParallelism();
const chain = await openChain(config);
// openStorage's steps, done here to keep the connection's handle for the batched nonce store.
const connection = config.databaseUrl ? await connectPostgres(config.databaseUrl) : await connectPglite(config.dataDir);
const storage = await createStorage(connection);
const app = await buildApp(
  { chain, config, storage, nonces: batchedPresentationNonces(connection.db), verifyThreads },
  { logger: { level: process.env.LOG_LEVEL ?? 'info' } },
);
// A burst of new connections (a load balancer reconnecting, a thousand clients at once) overflows
// Node's default accept queue of 511; every dropped SYN then costs its client a one-second
// retransmit. The kernel caps this at net.core.somaxconn.
await app.listen({ port: config.port, host: config.host, backlog: 4096 });

const lines = [
  '',
  `Identree identity service on ${config.publicUrl}`,
  `  API docs        ${config.publicUrl}/docs   (OpenAPI: ${config.publicUrl}/docs/json)`,
  `  chain           ${chain.embedded ? `embedded anvil at ${chain.rpcUrl}` : chain.rpcUrl} (chain id ${chain.chainId})`,
  `  registry        ${chain.registry}`,
  `  database        ${storage.backend === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}/pg`}`,
  `  data directory  ${config.dataDir}`,
  `  verification    ${verifyThreads > 0 ? `${verifyThreads} worker thread${verifyThreads > 1 ? 's' : ''} (VERIFY_THREADS)` : 'on the HTTP thread (VERIFY_THREADS=0)'}`,
];
if (chain.embedded) {
  lines.push('  dev accounts (anvil\'s public test keys; never use them on a real chain):');
  for (let i = 0; i < 4; i++) lines.push(`    #${i} ${devAccount(i).address}${i === 0 ? '  root government, sponsor' : ''}`);
}
console.log(lines.join('\n'));

const shutdown = async () => {
  await app.close();
  await storage.close();
  await chain.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
