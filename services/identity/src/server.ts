// Boots the identity service: `npm start`. Everything else is in app.ts.
import { devAccount } from '@identree/devchain';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openChain } from './plugins/chain.js';
import { openStorage } from './storage/openStorage.js';

const config = loadConfig();
const chain = await openChain(config);
const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
const app = await buildApp({ chain, config, storage }, { logger: { level: process.env.LOG_LEVEL ?? 'info' } });
await app.listen({ port: config.port, host: config.host });

const lines = [
  '',
  `Identree identity service on ${config.publicUrl}`,
  `  API docs        ${config.publicUrl}/docs   (OpenAPI: ${config.publicUrl}/docs/json)`,
  `  chain           ${chain.embedded ? `embedded anvil at ${chain.rpcUrl}` : chain.rpcUrl} (chain id ${chain.chainId})`,
  `  registry        ${chain.registry}`,
  `  database        ${storage.backend === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}/pg`}`,
  `  data directory  ${config.dataDir}`,
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
