import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isHex, type Address, type Hex } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import type { FaceEngine } from '@identree/biometrics';
import { ensureFaceTemplateRegistry, type ChainPort, type RegistryPort } from '@identree/chain';
import { FsBlobStore, KuboBlobStore, type BlobStore, type Storage } from '@identree/store';
import {
  auditedFacePorts,
  memoryKioskKeys,
  storedFaceChallenges,
  storedFaceFailureLimiter,
  storedTemplateRecords,
  viemFaceChain,
  type FaceChain,
} from '@identree/biometrics-service';
import type { ServiceConfig } from '../config.js';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import type { FaceRouteDependencies } from '../routes/faceTemplates.js';
import { relayedFaceChain } from './relayedFaceChain.js';
import { importFaceTemplateFiles } from './importFaceTemplateFiles.js';

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
 * deployment is), envelopes in the service's database (those earlier versions kept in `DATA_DIR/face-templates`
 * are moved there first), ciphertexts in the service's blob store, and the
 * audit log the blob store writes to. The sponsor sends the face template writes itself: for a process
 * without a chain worker. Beside one (`npm start`, `npm run start:split`) use `relayedFaceDependencies`, so
 * the sponsor's nonces have one owner.
 *
 * @example
 * const face = await faceDependencies({ chain, config, storage })
 * const app = await buildApp({ ..., face })
 */
export async function faceDependencies({ chain, config, storage, blobs, faceTemplateRegistry }: FaceDependenciesParameters): Promise<FaceRouteDependencies> {
  const address = faceTemplateRegistry ?? (await ensureFaceTemplateRegistry({ chain, deploymentDir: config.dataDir }));
  const face = viemFaceChain({ reader: chain.reader as never, relayer: chain.sponsor as never, faceTemplateRegistry: address, holderRegistry: chain.holderRegistry, registry: chain.registry });
  return withFaceChain(face, { config, storage, blobs, verifier: chain.sponsorAddress });
}

export type RelayedFaceDependenciesParameters = Omit<FaceDependenciesParameters, 'chain' | 'faceTemplateRegistry'> & {
  /** The chain as the API alone reads it: the sponsor key is the chain worker's. */
  chain: RegistryPort;
  /** The chain worker's outbox: face template messages and kiosk access logs are relayed through it. */
  writes: WritesGateway;
  /** The face template registry the chain worker deployed (its Describe answer). */
  faceTemplateRegistry: Address;
};

/**
 * The same dependencies for the API running apart from the chain worker (`npm run start:split`): reads
 * from the node, writes through the worker's outbox over gRPC, as every other relayed write there.
 *
 * @example
 * const face = await relayedFaceDependencies({ chain, writes: writesGateway(chainWorker), faceTemplateRegistry, config, storage })
 */
export async function relayedFaceDependencies({ chain, writes, faceTemplateRegistry, ...rest }: RelayedFaceDependenciesParameters): Promise<FaceRouteDependencies> {
  return withFaceChain(relayedFaceChain({ chain, writes, faceTemplateRegistry }), { ...rest, verifier: chain.sponsorAddress });
}

async function withFaceChain(face: FaceChain, { config, storage, blobs, verifier }: { config: ServiceConfig; storage: Storage; blobs?: BlobStore; verifier: Address }): Promise<FaceRouteDependencies> {
  const store = blobs ?? (config.ipfsApiUrl ? new KuboBlobStore(config.ipfsApiUrl) : new FsBlobStore(path.join(config.dataDir, 'blobs')));
  await importFaceTemplateFiles({ dir: path.join(config.dataDir, 'face-templates'), rows: storage.faceTemplates });
  return {
    chain: face,
    ...auditedFacePorts({ blobs: store, audit: storage.audit }),
    // In the database, so every API process (on any machine) reads and replaces the same envelope, and an
    // erasure's delete leaves no wrapped key behind in a file another process still reads.
    records: storedTemplateRecords(storage.faceTemplates),
    // In the database beside the sign-in nonces, so a restart forgets neither a challenge nor a failure,
    // and every API process counts the same failures and can take any challenge, once.
    challenges: storedFaceChallenges(storage.nonces),
    limiter: storedFaceFailureLimiter(storage.loginFailures),
    // FACE_ANTISPOOF: carried by every liveness challenge, and applied by the kiosk with the gate's models loaded
    spoofGate: config.faceAntispoof,
    // The kiosk's wrapped keys stay in memory on purpose: a restart destroys them, and the holder grants
    // again. They open the holder's template, so they are never written where a backup could keep them.
    // With several API processes, the holder grants the process its kiosk talks to.
    kiosk: { kiosk: { privateKey: await kioskKey(path.join(config.dataDir, 'face-kiosk-key')), verifier }, kioskKeys: memoryKioskKeys(), engine: lazyEngine(config.faceAntispoof !== undefined) },
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

/** human and its models load on the first kiosk check (seconds), not at start; the anti-spoof models only when the policy is on. */
function lazyEngine(spoofGate: boolean): () => Promise<FaceEngine> {
  let engine: Promise<FaceEngine> | undefined;
  return () => (engine ??= import('@identree/biometrics/human').then(({ createHumanEngine }) => createHumanEngine({ spoofGate })));
}
