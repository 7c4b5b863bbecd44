import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderMessage, type SignedHolderMessage, type SignHolderMessageParameters } from '../utils/holderMessages.js';

export type SignUnlinkCredentialParameters = SignHolderMessageParameters;
export type SignUnlinkCredentialReturnType = SignedHolderMessage;

/**
 * The holder signs an `UnlinkCredential` message (EIP-712) for a sponsor to relay with
 * `relayUnlinkCredential`. Nothing is sent: the holder needs no ether.
 *
 * @example
 * const signed = await signUnlinkCredential(holderClient, { registry, uid })
 * await relayUnlinkCredential(sponsorClient, { registry, ...signed })
 */
export async function signUnlinkCredential(
  client: RegistryClient,
  parameters: SignUnlinkCredentialParameters,
): Promise<SignUnlinkCredentialReturnType> {
  return signHolderMessage(client, 'UnlinkCredential', parameters);
}
