import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderMessage, type SignedHolderMessage, type SignHolderMessageParameters } from '../utils/holderMessages.js';

export type SignLinkCredentialParameters = SignHolderMessageParameters;
export type SignLinkCredentialReturnType = SignedHolderMessage;

/**
 * The holder signs a `LinkCredential` message (EIP-712) for a sponsor to relay with
 * `relayLinkCredential`. Nothing is sent: the holder needs no ether, and the sponsor never sees its key.
 *
 * @example
 * const signed = await signLinkCredential(holderClient, { registry, uid: birthCertificate })
 * await relayLinkCredential(sponsorClient, { registry, ...signed })
 */
export async function signLinkCredential(
  client: RegistryClient,
  parameters: SignLinkCredentialParameters,
): Promise<SignLinkCredentialReturnType> {
  return signHolderMessage(client, 'LinkCredential', parameters);
}
