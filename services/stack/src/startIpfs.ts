// `npm run ipfs`: a real kubo node for the service's blobs, on loopback, with its repository in
// IPFS_REPO (default .data-ipfs). Point the service at it with IPFS_API_URL.
import path from 'node:path';
import { tiedToParent } from '@identree/devchain';
import { kuboUnavailable, startKubo } from '@identree/store/blobs';

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const unavailable = kuboUnavailable();
if (unavailable) {
  console.error(`cannot start IPFS: ${unavailable}`);
  process.exit(1);
}
const repo = path.resolve(process.env.IPFS_REPO ?? '.data-ipfs');
const port = process.env.IPFS_API_PORT === undefined ? 5001 : Number(process.env.IPFS_API_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`IPFS_API_PORT: "${process.env.IPFS_API_PORT}" is not a port`);
  process.exit(2);
}
// Tied to this launcher: a kill -9 of it must not leave a daemon holding the repository's lock.
const node = await startKubo({ repo, apiPort: port, wrapCommand: tiedToParent });
console.log(`kubo (IPFS) on ${node.apiUrl}, repository ${repo}, offline (loopback only)`);
console.log(`use it: IPFS_API_URL=${node.apiUrl} npm start`);
const stop = async () => {
  await node.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
node.process.once('exit', (code) => {
  console.error(`kubo exited (${code})`);
  process.exit(1);
});
