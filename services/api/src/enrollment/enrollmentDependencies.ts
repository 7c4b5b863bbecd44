import type { Address } from 'viem';
import type { RegistryPort } from '@identree/chain';
import type { RegistryClient } from '@identree/sdk';
import { tesseractDocumentReader, type EnrollmentChain, type SubmissionStore } from '@identree/enrollment';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import type { EnrollmentRouteDependencies } from '../routes/enrollments.js';
import { relayedEnrollmentChain } from './relayedEnrollmentChain.js';

export type EnrollmentDependenciesParameters = {
  chain: EnrollmentChain;
  /** The submissions, in the service's database (`storage.enrollmentSubmissions`), so pending enrollments outlive a restart. */
  store: SubmissionStore;
  /** The identity provider that runs the service: it alone attests, and its client sends the chain writes. */
  provider: { address: Address; client: RegistryClient };
};
export type EnrollmentDependenciesReturnType = {
  enrollment: EnrollmentRouteDependencies;
  /** Stops tesseract, if an upload started it. */
  close: () => Promise<void>;
};

/**
 * The enrollment routes' dependencies for a running service: tesseract is loaded
 * on the first upload, so a start that reads no document pays nothing for it.
 *
 * @example
 * const documents = enrollmentDependencies({ chain: sdkEnrollmentChain(sponsor, enrollmentRegistry, chainId), store, provider })
 * const app = await buildApp({ ..., enrollment: documents.enrollment })
 */
export function enrollmentDependencies({ chain, store, provider }: EnrollmentDependenciesParameters): EnrollmentDependenciesReturnType {
  const reader = tesseractDocumentReader();
  return { enrollment: { chain, store, read: reader.read, provider }, close: reader.close };
}

export type RelayedEnrollmentDependenciesParameters = {
  /** The chain as the API alone reads it: the sponsor, the identity provider here, is the chain worker's key. */
  chain: RegistryPort;
  /** The chain worker's outbox: the provider's batches and attestations are sent through it. */
  writes: WritesGateway;
  /** The enrollment registry the chain worker deployed (its Describe answer). */
  enrollmentRegistry: Address;
  store: SubmissionStore;
};

/**
 * The same for the API running apart from the chain worker (`npm run start:split`): the sponsor is the
 * identity provider, as in `npm start`, but its writes go through the worker's outbox.
 *
 * @example
 * const documents = relayedEnrollmentDependencies({ chain, writes: writesGateway(chainWorker), enrollmentRegistry, store: storage.enrollmentSubmissions })
 */
export function relayedEnrollmentDependencies({ chain, writes, enrollmentRegistry, store }: RelayedEnrollmentDependenciesParameters): EnrollmentDependenciesReturnType {
  return enrollmentDependencies({
    chain: relayedEnrollmentChain({ chain, writes, enrollmentRegistry }),
    store,
    // The relayed chain sends the provider's writes itself; the client is only a reader here.
    provider: { address: chain.sponsorAddress, client: chain.reader as unknown as RegistryClient },
  });
}
