import type { Address, Hash, Hex } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';
import { WHOLE_CREDENTIAL } from './attributesDigest.js';
import { checkGrantInput } from './checkGrantInput.js';

export type CheckAccessParameters = HolderRegistryParameters & {
  holder: Address;
  verifier: Address;
  uid: Hash;
  /** The attributes the verifier wants (default: the whole credential). An attribute-limited grant answers yes only for exactly its digest. */
  attributes?: Hex;
};
export type CheckAccessReturnType = boolean;

/**
 * Whether `verifier` may read `uid` of `holder` now: yes strictly before expiry, never after a
 * revocation, and only while the holder still holds the credential.
 *
 * @example
 * if (!(await checkAccess(client, { holderRegistry, holder, verifier: bank, uid }))) throw new Error('no consent')
 */
export async function checkAccess(client: RegistryClient, { holderRegistry, holder, verifier, uid, attributes = WHOLE_CREDENTIAL }: CheckAccessParameters): Promise<CheckAccessReturnType> {
  checkGrantInput({ verifier, uid, attributes });
  checkGrantInput({ verifier: holder });
  return readHolderRegistry<boolean>(client, { holderRegistry, functionName: 'checkAccess', args: [holder, verifier, uid, attributes] });
}
