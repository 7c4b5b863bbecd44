import type { Account, Address } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import { signerOf } from '../consent/signGrantAccess.js';
import { checkRecoveryInput } from './checkRecoveryInput.js';
import { signAcceptKey } from './signAcceptKey.js';
import type { SignedAcceptKey, SignedRotateKey } from './types.js';

export type SignRotateKeyParameters = SignHolderRegistryMessageParameters & {
  /** The identity whose key changes; default `accepted.identity`, else the signing account. */
  identity?: Address;
  /**
   * The new key's `AcceptKey` proof, made on the new key's own device with `signAcceptKey`. Its
   * nonce and deadline are the ones the current key signs. Pass this, or the new key's signer.
   */
  accepted?: SignedAcceptKey;
  /** The new key, when it signs here: its account (default `newKeyClient`'s). */
  newKeyAccount?: Account | Address;
  /** The client that signs for the new key (default this client, with `newKeyAccount`). */
  newKeyClient?: RegistryClient;
};
export type SignRotateKeyReturnType = SignedRotateKey;

/**
 * Both signatures of a relayed rotation: the new key's `AcceptKey` (its proof of possession) and the
 * current key's `RotateKey`, over the identity's same nonce and deadline. `client` signs for the
 * current key; the new key signs with `newKeyAccount` / `newKeyClient`, or has already signed on its
 * own device (`accepted`). Relay the result with `relayRotateKey`; neither key needs ether.
 *
 * @example
 * // The new key lives on another device: it signs there, the current key here.
 * const accepted = await signAcceptKey(phoneClient, { holderRegistry, identity: alice })
 * const signed = await signRotateKey(laptopClient, { holderRegistry, accepted })
 * await relayRotateKey(sponsorClient, { holderRegistry, ...signed })
 */
export async function signRotateKey(client: RegistryClient, parameters: SignRotateKeyParameters): Promise<SignRotateKeyReturnType> {
  const { holderRegistry, account, accepted: given, newKeyAccount, newKeyClient } = parameters;
  checkRecoveryInput({ identity: parameters.identity, deadline: parameters.deadline });
  if (given && (newKeyAccount || newKeyClient)) throw new InvalidParameterError('accepted', "pass the new key's signature or its signer, not both");
  if (!given && !newKeyAccount && !newKeyClient?.account) {
    throw new InvalidParameterError('newKeyAccount', 'the new key must sign too: pass `accepted` (signAcceptKey on its device), `newKeyAccount` or `newKeyClient`');
  }
  const identity = parameters.identity ?? given?.identity ?? signerOf(client, account);
  if (given) checkAccepted(given, { identity, nonce: parameters.nonce, deadline: parameters.deadline });
  const accepted =
    given ?? (await signAcceptKey(newKeyClient ?? client, { holderRegistry, account: newKeyAccount, identity, nonce: parameters.nonce, deadline: parameters.deadline }));
  const { newKey, nonce, deadline } = accepted;
  const { signature: keySignature } = await signHolderRegistryMessage(client, 'RotateKey', {
    holderRegistry,
    account,
    nonce,
    deadline,
    nonceOf: identity,
    message: () => ({ identity, newKey, nonce, deadline }),
  });
  return { identity, newKey, nonce, deadline, keySignature, newKeySignature: accepted.signature };
}

/** The contract checks both signatures over one nonce and deadline: a mismatch could only fail there. */
function checkAccepted(accepted: SignedAcceptKey, expected: { identity: Address; nonce?: bigint; deadline?: bigint }) {
  checkRecoveryInput({ identity: accepted.identity, newKey: accepted.newKey, deadline: accepted.deadline });
  if (accepted.identity.toLowerCase() !== expected.identity.toLowerCase()) throw new InvalidParameterError('accepted', `accepts control of ${accepted.identity}, not ${expected.identity}`);
  if (expected.nonce !== undefined && expected.nonce !== accepted.nonce) throw new InvalidParameterError('nonce', `must be the nonce the new key signed (${accepted.nonce})`);
  if (expected.deadline !== undefined && expected.deadline !== accepted.deadline) throw new InvalidParameterError('deadline', `must be the deadline the new key signed (${accepted.deadline})`);
}
