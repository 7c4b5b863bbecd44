import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getAddress, isAddress, isHex, type Address, type Hex } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import type { FaceEngine } from '@identree/biometrics';
import type { ChainPort } from '@identree/chain';
import { deployFaceTemplateRegistry, evmVersionOf } from '@identree/sdk';
import { FsBlobStore, KuboBlobStore, type BlobStore, type Storage } from '@identree/store';
import {
  auditedFacePorts,
  fsTemplateRecords,
  memoryKioskKeys,
  storedFaceChallenges,
  storedFaceFailureLimiter,
  viemFaceChain,
} from '@identree/biometrics-service';
import type { ServiceConfig } from '../config.js';
import type { FaceRouteDependencies } from '../routes/faceTemplates.js';

export type FaceDependenciesParameters = {
  /** The chain with its sponsor, which relays the holders' signed commitments (the in-process stack). */
  chain: ChainPort;
  config: ServiceConfig;
  storage: Storage;
  blobs?: BlobStore;
  /** An existing face template registry; without it one is deployed once and recorded in DATA_DIR. */
  faceTemplateRegistry?: Address;
};

/**
 * The face routes' dependencies for a running service: the face template registry (deployed once beside
 * the identity registry and recorded in `DATA_DIR/face-template-registry.json`, as the registry's own
 * deployment is), envelopes in `DATA_DIR/face-templates`, ciphertexts in the service's blob store, and the
 * audit log the blob store writes to.
 *
 * @example
 * const face = await faceDependencies({ chain, config, storage })
 * const app = await buildApp({ ..., face })
 */
export async function faceDependencies({ chain, config, storage, blobs, faceTemplateRegistry }: FaceDependenciesParameters): Promise<FaceRouteDependencies> {
  const record = path.join(config.dataDir, 'face-template-registry.json');
  let address = faceTemplateRegistry;
  if (!address) {
    const saved = await readFile(record, 'utf8').then((t) => JSON.parse(t) as { registry: string; faceTemplateRegistry: string }).catch(() => null);
    if (saved && isAddress(saved.faceTemplateRegistry) && saved.registry.toLowerCase() === chain.registry.toLowerCase()) address = getAddress(saved.faceTemplateRegistry);
  }
  if (!address) {
    // The same build as the chain runs: a Clique network (paris) has no PUSH0.
    const evmVersion = await evmVersionOf(chain.reader as never);
    ({ faceTemplateRegistry: address } = await deployFaceTemplateRegistry(chain.sponsor as never, { registry: chain.registry, evmVersion }));
    await writeFile(record, JSON.stringify({ registry: chain.registry, faceTemplateRegistry: address }, null, 2));
  }
  const store = blobs ?? (config.ipfsApiUrl ? new KuboBlobStore(config.ipfsApiUrl) : new FsBlobStore(path.join(config.dataDir, 'blobs')));
  return {
    chain: viemFaceChain({ reader: chain.reader as never, relayer: chain.sponsor as never, faceTemplateRegistry: address, holderRegistry: chain.holderRegistry, registry: chain.registry }),
    ...auditedFacePorts({ blobs: store, audit: storage.audit }),
    records: fsTemplateRecords(path.join(config.dataDir, 'face-templates')),
    // In the database beside the sign-in nonces, so a restart forgets neither a challenge nor a failure,
    // and every API process counts the same failures and can take any challenge, once.
    challenges: storedFaceChallenges(storage.nonces),
    limiter: storedFaceFailureLimiter(storage.loginFailures),
    // The kiosk's wrapped keys stay in memory on purpose: a restart destroys them, and the holder grants
    // again. They open the holder's template, so they are never written where a backup could keep them.
    kiosk: { kiosk: { privateKey: await kioskKey(path.join(config.dataDir, 'face-kiosk-key')), verifier: chain.sponsorAddress }, kioskKeys: memoryKioskKeys(), engine: lazyEngine() },
  };
}

/** The kiosk's decryption key, made once and kept beside the service's other keys (owner-only). */
async function kioskKey(file: string): Promise<Hex> {
  const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (isHex(saved) && saved.length === 66) return saved;
  const key = generatePrivateKey();
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

/** human and its models load on the first kiosk check (seconds), not at start. */
function lazyEngine(): () => Promise<FaceEngine> {
  let engine: Promise<FaceEngine> | undefined;
  return () => (engine ??= import('@identree/biometrics/human').then(({ createHumanEngine }) => createHumanEngine()));
}
