import type { Address, Hex } from 'viem';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import type { PreparedCall } from '../prepare/types.js';

export type SignAuthorityCallParameters = SignHolderRegistryMessageParameters & {
  /**
   * An authority's call from a `prepare*` function: an identity-registry call (its `to` the registry the holder
   * registry serves), or the holder registry's own `prepareRebindByRegistrar`, `prepareReportCompromise` or
   * `prepareLogAccess`. The relay routes it by its selector; `to` is not signed.
   */
  call: PreparedCall;
};
export type SignAuthorityCallReturnType = { signer: Address; data: Hex; nonce: bigint; deadline: bigint; signature: Hex };

/**
 * Signs an authority's write for a sponsor to relay (`relayAuthorityCall`), so an authority with no
 * ether still acts: nothing is sent, and the signature binds the calldata, this key's next nonce and a deadline.
 *
 * @example
 * const signed = await signAuthorityCall(universityClient, { holderRegistry, call: prepareAnchorCredential({ registry, request }) })
 * await fetch(`${api}/relay/authority-call`, { method: 'POST', body: JSON.stringify({ ...signed, nonce: undefined, deadline: Number(signed.deadline) }) })
 */
export async function signAuthorityCall(client: RegistryClient, { call, ...parameters }: SignAuthorityCallParameters): Promise<SignAuthorityCallReturnType> {
  const account = parameters.account ?? client.account;
  const signerAddress = typeof account === 'string' ? account : account?.address;
  const signed = await signHolderRegistryMessage(client, 'AuthorityCall', {
    ...parameters,
    nonceOf: signerAddress as Address,
    message: (nonce, deadline) => ({ signer: signerAddress, data: call.data, nonce, deadline }),
  });
  return { signer: signed.signer, data: call.data, nonce: signed.nonce, deadline: signed.deadline, signature: signed.signature };
}
